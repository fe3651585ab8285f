import { Schema } from 'mongoose';

export const REPORTS_COLLECTION = 'reports';

/** A member incident report, filed by anyone (anonymous allowed), acknowledged by `reference`. */
export const reportSchema = new Schema(
  {
    org: { type: String, required: true },
    reference: { type: String, required: true },
    memberName: { type: String, maxlength: 200 },
    memberId: { type: String, maxlength: 200 },
    place: { type: String, required: true, maxlength: 2048 },
    occurredAt: Date,
    witnesses: { type: String, maxlength: 2000 },
    description: { type: String, required: true, maxlength: 20_000 },
    impact: { type: String, maxlength: 5000 },
    links: { type: [String], default: [] },
    reporterContact: { type: String, maxlength: 320 },
    category: { type: String, required: true, maxlength: 60 },
    /** Stored posts by the reported member, found when the report arrived. */
    linkedPostIds: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, enum: ['received', 'flagged', 'closed'], default: 'received' },
  },
  { collection: REPORTS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
reportSchema.index({ reference: 1 }, { unique: true });
reportSchema.index({ org: 1, createdAt: -1 });
