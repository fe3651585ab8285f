import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { jobsLogger } from '../lib/logger.js';

/**
 * Queue names, payload types and default options, in one place. Payloads carry ids only: never
 * post bodies, names or e-mail addresses (Redis is not where personal data lives).
 */
export const QUEUE_NAMES = ['crawl', 'classify', 'recheck', 'group-check', 'discover', 'notify', 'retention'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Fetch one source; `windowStart` (ISO minute) makes the job id deterministic. */
  crawl: { sourceId: string; windowStart: string };
  /** Classify stored posts (one crawl's new versions, up to CLASSIFY_BATCH) against their organizations' active rule sets. */
  classify: { postIds: string[] };
  /** Revisit a flagged post to record an edit or its removal. */
  recheck: { postId: string };
  /** Re-run the registry checks of one unofficial group. */
  'group-check': { groupId: string };
  /** Search for unofficial groups about one organization. */
  discover: { org: string };
  /** Send one stored notice (e-mail, webhook). */
  notify: { noticeId: string };
  /** Delete what the retention period lets go (jobs/retention/purge.ts); nothing to carry. */
  retention: Record<string, never>;
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Prefix of the crawler's own Redis keys (per-host request slots), beside BullMQ's. */
export function crawlerKeyPrefix(queuePrefix: string): string {
  return `${queuePrefix}:crawler`;
}

/** Job ids may contain neither ':' (BullMQ's key separator) nor be numeric only. */
export function jobIdFor(queue: QueueName, ...parts: string[]): string {
  return [queue, ...parts].map((part) => part.replace(/[^A-Za-z0-9_.-]/g, '_')).join('--');
}

export type Queues = { [Name in QueueName]: Queue<JobPayloads[Name], unknown, Name> } & {
  close(): Promise<void>;
};

/**
 * Producer side: a connection that fails fast (no offline queue, one retry) so an API request
 * gets a 503 within seconds when Redis is down instead of hanging.
 */
export async function createQueues(redisUrl: string, prefix: string): Promise<Queues> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  connection.on('error', (error) => jobsLogger.warn({ err: error.message }, 'queue connection error'));
  // Connected before the queues exist: with no offline queue, BullMQ's start-up commands would
  // otherwise race the connection and fail.
  await connection.connect();
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', (error) => jobsLogger.warn({ queue: name, err: error.message }, 'queue error'));
      return [name, queue];
    }),
  ) as unknown as Queues;
  await Promise.all(QUEUE_NAMES.map((name) => queues[name].waitUntilReady()));
  queues.close = async () => {
    await Promise.all(QUEUE_NAMES.map((name) => queues[name].close()));
    connection.disconnect();
  };
  return queues;
}
