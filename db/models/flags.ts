import { Schema } from 'mongoose';

export const FLAGS_COLLECTION = 'flags';

export const FLAG_STATUSES = ['open', 'claimed', 'escalated', 'resolved'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const FLAG_ITEM_TYPES = ['post', 'group', 'report'] as const;
export const DECISION_KINDS = ['dismiss', 'warn', 'request_removal', 'suspend', 'blacklist', 'escalate'] as const;
/** Queue order: higher first. */
export const SEVERITY_PRIORITY = { low: 0, medium: 1, high: 2, urgent: 3 } as const;

/** One flag per (item, category), holding every finding for it; `version` guards concurrent decisions. */
export const flagSchema = new Schema(
  {
    org: { type: String, required: true },
    itemType: { type: String, required: true, enum: FLAG_ITEM_TYPES },
    itemId: { type: Schema.Types.ObjectId, required: true },
    category: { type: String, required: true },
    severity: { type: String, required: true, enum: SEVERITIES },
    priority: { type: Number, required: true, min: 0, max: 3 },
    score: { type: Number, min: 0, max: 1, default: 0 },
    lang: String,
    sourceId: String,
    captureId: Schema.Types.ObjectId,
    findings: { type: [Schema.Types.Mixed], default: [] },
    status: { type: String, enum: FLAG_STATUSES, default: 'open' },
    claim: { by: Schema.Types.ObjectId, until: Date },
    decision: {
      kind: { type: String, enum: [...DECISION_KINDS, 'fixed'] },
      rationale: { type: String, maxlength: 5000 },
      by: Schema.Types.ObjectId,
      at: Date,
      /** Safeguarding decisions: whether consent to share was sought, and what came of the case. */
      consentSought: Boolean,
      outcome: { type: String, maxlength: 2000 },
      notice: { fr: String, en: String },
    },
    /** Evidence kept past the retention period (litigation, a police request): who, why, when. */
    legalHold: { reason: { type: String, maxlength: 2000 }, by: Schema.Types.ObjectId, at: Date },
    version: { type: Number, default: 0 },
  },
  { collection: FLAGS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
flagSchema.index({ itemType: 1, itemId: 1, category: 1 }, { unique: true });
flagSchema.index({ org: 1, status: 1, priority: -1, createdAt: 1 });
flagSchema.index({ status: 1, priority: -1, createdAt: 1 });
