import { Schema } from 'mongoose';

export const SUBJECTS_COLLECTION = 'subjects';

export const SANCTION_LEVELS = ['none', 'warning', 'suspension', 'blacklist'] as const;

/** A member of an organization and the sanctions taken against them, across platforms and reports. */
export const subjectSchema = new Schema(
  {
    org: { type: String, required: true },
    memberKey: { type: String, required: true, maxlength: 200 },
    displayName: { type: String, maxlength: 200 },
    handles: { type: [String], default: [] },
    /** Highest step of the ladder reached; the next suggestion follows from it. */
    level: { type: String, enum: SANCTION_LEVELS, default: 'none' },
    /** Whether the member may take part now: a suspension ends on acknowledgement, a blacklist when lifted. */
    standing: { type: String, enum: ['good', 'suspended', 'blacklisted'], default: 'good' },
    sanctions: {
      type: [
        {
          _id: false,
          kind: { type: String, enum: ['warning', 'suspension', 'blacklist', 'lifted', 'acknowledged'] },
          at: Date,
          by: Schema.Types.ObjectId,
          rationale: String,
          flagId: Schema.Types.ObjectId,
          /** True when this sanction skipped a step of the ladder (urgent cases; the rationale says why). */
          skippedSteps: Boolean,
        },
      ],
      default: [],
    },
  },
  { collection: SUBJECTS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
subjectSchema.index({ org: 1, memberKey: 1 }, { unique: true });
