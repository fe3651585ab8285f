import { createHash } from 'node:crypto';
import { jobIdFor, type Queues } from './queues.js';

/** Posts per classify job: one query loads them, one write marks them classified. */
export const CLASSIFY_BATCH = 50;

export interface PostToClassify {
  postId: string;
  contentHash: string;
}

/**
 * Queues the classification of stored posts, CLASSIFY_BATCH to a job, in one Redis call. Job ids
 * come from the posts' ids and content versions, so queueing the same versions again (a crawl
 * job run twice, the reconciler running again) collapses into the job already there.
 */
export async function enqueueClassification(queue: Queues['classify'], posts: readonly PostToClassify[]): Promise<void> {
  await addInBatches(queue, posts, (post) => post.postId, classifyJobId);
}

function classifyJobId(batch: readonly PostToClassify[]): string {
  if (batch.length === 1) return jobIdFor('classify', batch[0]!.postId, batch[0]!.contentHash.slice(0, 16));
  const versions = createHash('sha256');
  for (const post of batch) versions.update(`${post.postId}:${post.contentHash}\n`);
  return jobIdFor('classify', 'batch', versions.digest('hex').slice(0, 32));
}

/**
 * Queues posts to classify again because of another post (`cause`: the ids of the job that found
 * them), CLASSIFY_BATCH to a job. Job ids come from the posts and the cause, so a retried job
 * queues nothing new, while a later cause still can.
 */
export async function enqueueReclassification(queue: Queues['classify'], postIds: readonly string[], cause: string): Promise<void> {
  await addInBatches(queue, postIds, (postId) => postId, (batch) => {
    const digest = createHash('sha256').update(`${cause}\n${batch.join(',')}`).digest('hex').slice(0, 32);
    return jobIdFor('classify', 'again', digest);
  });
}

/** CLASSIFY_BATCH items to a job, each job's id from its batch, all in one Redis call. */
async function addInBatches<T>(queue: Queues['classify'], items: readonly T[], postIdOf: (item: T) => string, jobIdOf: (batch: readonly T[]) => string): Promise<void> {
  const jobs = [];
  for (let start = 0; start < items.length; start += CLASSIFY_BATCH) {
    const batch = items.slice(start, start + CLASSIFY_BATCH);
    jobs.push({ name: 'classify' as const, data: { postIds: batch.map(postIdOf) }, opts: { jobId: jobIdOf(batch) } });
  }
  if (jobs.length > 0) await queue.addBulk(jobs);
}
