import { Schema } from 'mongoose';

export const AUDIT_EVENTS_COLLECTION = 'audit_events';

/**
 * Append-only log of who did what, when and from where. Each entry carries the SHA-256 of the
 * previous one, so an edit anywhere breaks the chain from that entry on.
 */
export const auditEventSchema = new Schema(
  {
    // The entry's seq (entries written before this were given ObjectIds): see recordAudit.
    _id: { type: Schema.Types.Mixed },
    seq: { type: Number, required: true, min: 1 },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    org: String,
    action: { type: String, required: true },
    target: String,
    ip: String,
    data: { type: Schema.Types.Mixed },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: AUDIT_EVENTS_COLLECTION, strict: 'throw', strictQuery: 'throw' },
);
auditEventSchema.index({ seq: 1 }, { unique: true });
auditEventSchema.index({ org: 1, at: -1 });
