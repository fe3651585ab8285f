import { Schema } from 'mongoose';

export const CAPTURES_COLLECTION = 'captures';

/**
 * Evidence: one immutable record per fetch, WARC-like. Only inserted, never updated, with one
 * exception: the screenshot of a page holding a possible child-safety case is deleted (the file
 * and its path) and the withholding recorded; its SHA-256 stays. The body's SHA-256 lets anyone
 * verify it later, also after the post itself was deleted.
 */
export const captureSchema = new Schema(
  {
    org: { type: String, required: true },
    sourceId: { type: String, required: true },
    url: { type: String, required: true, maxlength: 2048 },
    fetchedAt: { type: Date, required: true },
    httpStatus: { type: Number, required: true },
    headers: { type: Schema.Types.Mixed, default: {} },
    contentType: String,
    bodySha256: { type: String, required: true, match: /^[a-f0-9]{64}$/ },
    body: { type: String, default: '' },
    /** File under the evidence folder, named by its SHA-256. */
    screenshotPath: String,
    screenshotSha256: { type: String, match: /^[a-f0-9]{64}$/ },
    /** Set when the screenshot was deleted on purpose; screenshotSha256 still names it. */
    screenshotWithheld: { _id: false, type: { reason: { type: String, enum: ['child_safety'] }, at: Date } },
  },
  { collection: CAPTURES_COLLECTION, strict: 'throw', strictQuery: 'throw' },
);
captureSchema.index({ sourceId: 1, fetchedAt: -1 });
