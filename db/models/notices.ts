import { Schema } from 'mongoose';

export const NOTICES_COLLECTION = 'notices';

export const NOTICE_CHANNELS = ['email', 'webhook'] as const;
export const NOTICE_STATUSES = ['pending', 'sent', 'skipped'] as const;

/**
 * One message to one recipient about one flag, sent by the `notify` job. The unique key makes
 * queueing it twice (a retried classification) a no-op, so nobody is alerted twice.
 */
export const noticeSchema = new Schema(
  {
    org: { type: String, required: true },
    /** The flag, or for group notices the group, the notice is about. */
    flagId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: ['safeguarding_alert', 'group_notice'] },
    /** Tells notices about the same subject apart (e.g. the findings a group notice lists). */
    dedupeKey: { type: String, default: '', maxlength: 100 },
    channel: { type: String, required: true, enum: NOTICE_CHANNELS },
    /** An e-mail address, or `webhook`. */
    to: { type: String, required: true, maxlength: 320 },
    subject: { type: String, required: true, maxlength: 300 },
    text: { type: String, required: true, maxlength: 10_000 },
    status: { type: String, enum: NOTICE_STATUSES, default: 'pending' },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, maxlength: 1000 },
    sentAt: Date,
  },
  { collection: NOTICES_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
noticeSchema.index({ flagId: 1, kind: 1, channel: 1, to: 1, dedupeKey: 1 }, { unique: true });
