import { Schema } from 'mongoose';

export const GROUPS_COLLECTION = 'groups';

/** An unofficial group or page about an organization: registered by its creator, or found by discovery. */
export const groupSchema = new Schema(
  {
    org: { type: String, required: true },
    platform: { type: String, required: true, maxlength: 60 },
    url: { type: String, required: true, maxlength: 2048 },
    name: { type: String, required: true, maxlength: 300 },
    description: { type: String, default: '', maxlength: 20_000 },
    links: { type: [String], default: [] },
    imageUrls: { type: [String], default: [] },
    memberCount: { type: Number, min: 0 },
    registered: { type: Boolean, default: false },
    creatorEmail: { type: String, maxlength: 320 },
    accessConsent: { type: Boolean, default: false },
    logoConsent: { grantedAt: Date, scope: String, recordedBy: Schema.Types.ObjectId },
    lastCheckedAt: Date,
    /** SHA-256 of the link token the creator got by e-mail: it opens this registration, nothing else. */
    creatorTokenHash: { type: String, match: /^[a-f0-9]{64}$/ },
    lastCheck: {
      findings: { type: [Schema.Types.Mixed], default: undefined },
      captureId: Schema.Types.ObjectId,
      /** Why the page could not be read, when it could not (the registration's own fields were checked). */
      pageError: { type: String, maxlength: 1000 },
    },
    /** Date by which the creator must fix what the last notice listed. */
    fixDeadline: Date,
  },
  { collection: GROUPS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
groupSchema.index({ org: 1, url: 1 }, { unique: true });
