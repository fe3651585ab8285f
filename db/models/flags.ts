import { Schema } from 'mongoose';

export const FLAGS_COLLECTION = 'flags';

export const FLAG_STATUSES = ['open', 'claimed', 'escalated', 'resolved'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const FLAG_ITEM_TYPES = ['post', 'group', 'report'] as const;

/** One flag per (item, category), holding every finding for it; `version` guards concurrent decisions. */
export const flagSchema = new Schema(
  {
    org: { type: String, required: true },
    itemType: { type: String, required: true, enum: FLAG_ITEM_TYPES },
    itemId: { type: Schema.Types.ObjectId, required: true },
    category: { type: String, required: true },
    severity: { type: String, required: true, enum: SEVERITIES },
    score: { type: Number, min: 0, max: 1, default: 0 },
    lang: String,
    sourceId: String,
    captureId: Schema.Types.ObjectId,
    findings: { type: [Schema.Types.Mixed], default: [] },
    status: { type: String, enum: FLAG_STATUSES, default: 'open' },
    claim: { by: Schema.Types.ObjectId, until: Date },
    decision: {
      kind: { type: String, enum: ['dismiss', 'warn', 'request_removal', 'suspend', 'blacklist', 'escalate'] },
      rationale: String,
      by: Schema.Types.ObjectId,
      at: Date,
    },
    version: { type: Number, default: 0 },
  },
  { collection: FLAGS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
flagSchema.index({ itemType: 1, itemId: 1, category: 1 }, { unique: true });
flagSchema.index({ org: 1, status: 1, severity: 1, createdAt: 1 });
