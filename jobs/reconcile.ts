import mongoose from 'mongoose';
import type { Models } from '../db/models/index.js';
import { jobIdFor, type Queues } from './queues.js';

/**
 * Posts stored but never classified (a classify job lost with a Redis wiped of its data, or a
 * crash between storing and queueing) are queued again. Job ids are derived from the post's
 * content, so a post whose job still exists is not queued twice.
 */
export async function requeueUnclassifiedPosts(models: Models, queues: Queues, options: { olderThanMs: number; now?: Date; limit?: number }): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanMs);
  const pending = await models.Post.find({ status: 'pending', updatedAt: mongoose.trusted({ $lt: cutoff }) }, { _id: 1, contentHash: 1 })
    .limit(options.limit ?? 1_000)
    .lean();
  for (const post of pending) {
    const postId = String(post._id);
    await queues.classify.add('classify', { postId }, { jobId: jobIdFor('classify', postId, post.contentHash.slice(0, 16)) });
  }
  return pending.length;
}
