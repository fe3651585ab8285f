import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  ClassifyBudgetExceededError,
  InvalidInputError,
  NotFoundError,
  RuleSetError,
  SourceRejectedError,
  SourceUnavailableError,
} from '../lib/errors.js';
import { jobsLogger } from '../lib/logger.js';
import type { JobPayloads, QueueName } from './queues.js';

/** How long a forced close may take before the pool lets go of jobs still running. */
const FORCED_CLOSE_MS = 1_000;

/** What a processor receives: the job's payload and its id, nothing else from BullMQ. */
export type Processor<Name extends QueueName> = (
  payload: JobPayloads[Name],
  job: { id: string; attemptsMade: number },
) => Promise<unknown>;

export type Processors = { [Name in QueueName]?: Processor<Name> };

export interface WorkerPoolOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  processors: Processors;
}

export interface WorkerPool {
  /** Queues this pool consumes. */
  readonly queues: QueueName[];
  /** Stops taking jobs, waits up to `graceMs` for active ones, then closes regardless. */
  close(graceMs: number): Promise<void>;
}

const PERMANENT_ERRORS = [SourceRejectedError, RuleSetError, InvalidInputError, NotFoundError, ClassifyBudgetExceededError];

/**
 * One BullMQ worker per queue that has a processor. Worker connections never give up on Redis
 * (maxRetriesPerRequest: null), so a Redis restart pauses work instead of crashing the process.
 */
export async function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => jobsLogger.warn({ err: error.message }, 'worker connection error'));
  const entries = Object.entries(options.processors) as [QueueName, Processor<QueueName>][];
  const workers = entries.map(([name, processor]) => {
    const worker = new Worker(name, (job: Job, token?: string) => runProcessor(name, processor, job, token), {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: true,
    });
    worker.on('error', (error) => jobsLogger.error({ queue: name, err: error.message }, 'worker error'));
    worker.on('failed', (job, error) =>
      jobsLogger.warn({ queue: name, jobId: job?.id, err: error.message }, 'job failed'),
    );
    return worker;
  });

  // Ready before anyone can close them: closing a worker mid-initialisation makes BullMQ emit an
  // error on an internal connection that nothing listens to.
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));

  return {
    queues: entries.map(([name]) => name),
    async close(graceMs) {
      const graceful = Promise.all(workers.map((worker) => worker.close()));
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((resolveTimeout) => setTimeout(() => resolveTimeout(true), graceMs).unref()),
      ]);
      if (timedOut) {
        jobsLogger.warn({ graceMs }, 'active jobs outlived the shutdown grace; they will be retried as stalled');
        // A forced close still waits for the processors' promises; a fetch stuck on a silent host
        // would hold the shutdown for its whole timeout. Their jobs are retried as stalled anyway.
        await Promise.race([
          Promise.all(workers.map((worker) => worker.close(true))),
          new Promise<void>((resolveTimeout) => setTimeout(resolveTimeout, FORCED_CLOSE_MS).unref()),
        ]);
      }
      connection.disconnect();
    },
  };
}

async function runProcessor(name: QueueName, processor: Processor<QueueName>, job: Job, token?: string): Promise<unknown> {
  try {
    return await processor(job.data as JobPayloads[QueueName], { id: job.id ?? '', attemptsMade: job.attemptsMade });
  } catch (error) {
    if (error instanceof SourceUnavailableError && error.retryAfterMs !== undefined) {
      // The source asked us to come back later (429/503 Retry-After): delay the job, do not fail it.
      jobsLogger.info({ queue: name, jobId: job.id, retryAfterMs: error.retryAfterMs }, 'job delayed as the source asked');
      await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
      throw new DelayedError();
    }
    if (PERMANENT_ERRORS.some((kind) => error instanceof kind)) {
      jobsLogger.warn({ queue: name, jobId: job.id, err: (error as Error).message }, 'permanent failure, not retried');
      throw new UnrecoverableError(`${(error as Error).name}: ${(error as Error).message}`);
    }
    throw error;
  }
}
