import { Schema } from 'mongoose';

export const POSTS_COLLECTION = 'posts';

/** `unclassifiable`: classification ran out of its time budget (see classificationError). */
export const POST_STATUSES = ['pending', 'classified', 'unclassifiable'] as const;

/**
 * A captured public post, stored once per (source, external id). An edit appends a version that
 * points to its capture; `removedAt` is set when the post disappeared, and its evidence stays.
 */
export const postSchema = new Schema(
  {
    org: { type: String, required: true },
    sourceId: { type: String, required: true },
    externalId: { type: String, required: true, maxlength: 512 },
    url: { type: String, maxlength: 2048 },
    author: { type: String, maxlength: 512 },
    text: { type: String, default: '' },
    publishedAt: Date,
    lang: String,
    contentHash: { type: String, required: true, match: /^[a-f0-9]{64}$/ },
    versions: {
      type: [{ _id: false, contentHash: String, captureId: Schema.Types.ObjectId, seenAt: Date }],
      default: [],
    },
    status: { type: String, enum: POST_STATUSES, default: 'pending' },
    classifiedWith: String,
    /** Why the last classification failed for good, e.g. "rule R-12 exceeded 200 ms". */
    classificationError: { type: String, maxlength: 500 },
    removedAt: Date,
    /** A possible child-safety case: screenshots of pages holding it are deleted, now and on later crawls. */
    mediaWithheld: Boolean,
  },
  { collection: POSTS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
postSchema.index({ sourceId: 1, externalId: 1 }, { unique: true });
postSchema.index({ org: 1, status: 1 });
