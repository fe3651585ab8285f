import { Schema } from 'mongoose';

export const POST_COPIES_COLLECTION = 'post_copies';

/** A copy key: the first 32 hexadecimal digits of a SHA-256 (classifier/text/copy-key.ts). */
export const COPY_KEY_PATTERN = /^[a-f0-9]{32}$/;

/**
 * The posts of an organization in the same words, by copy key. The _id is `<org>:<copy key>`, so
 * a batch of posts finds its earlier copies with one `_id` `$in` (the only lookup the embedded
 * store answers from an index); it holds post ids, never names or text.
 */
export const postCopiesSchema = new Schema(
  {
    _id: { type: String, required: true, match: /^[a-z0-9-]+:[a-f0-9]{32}$/ },
    org: { type: String, required: true },
    postIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { collection: POST_COPIES_COLLECTION, strict: 'throw', strictQuery: 'throw' },
);
