import mongoose from 'mongoose';
import type { Models } from '../db/models/index.js';
import { enqueueClassification } from './enqueue-classify.js';
import type { Queues } from './queues.js';

/**
 * Posts stored but never classified (a classify job lost with a Redis wiped of its data, or a
 * crash between storing and queueing) are queued again. Job ids are derived from the post's
 * content, so the same pending posts found again are not queued twice.
 */
export async function requeueUnclassifiedPosts(models: Models, queues: Queues, options: { olderThanMs: number; now?: Date; limit?: number }): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanMs);
  const pending = await models.Post.find({ status: 'pending', updatedAt: mongoose.trusted({ $lt: cutoff }) }, { _id: 1, contentHash: 1 })
    .limit(options.limit ?? 1_000)
    .lean();
  await enqueueClassification(
    queues.classify,
    pending.map((post) => ({ postId: String(post._id), contentHash: post.contentHash })),
  );
  return pending.length;
}
