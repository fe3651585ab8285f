import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIdFor } from '../../jobs/queues.js';
import { startWorkerPool, type Processors } from '../../jobs/worker.js';
import { SourceRejectedError, SourceUnavailableError } from '../../lib/errors.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventually } from '../support/processes.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('worker-pool');
});
afterAll(async () => {
  await context.dispose();
});

function poolWith(processors: Processors) {
  return startWorkerPool({
    redisUrl: context.redisUrl,
    prefix: context.config.jobs.queuePrefix,
    concurrency: 2,
    processors,
  });
}

describe('worker pool on real Redis', () => {
  it('when the same job id is added twice, then one job exists and it runs once', async () => {
    const seen: string[] = [];
    const pool = await poolWith({ recheck: async (payload) => void seen.push(payload.postId) });
    const jobId = jobIdFor('recheck', 'post-1');
    await context.queues.recheck.add('recheck', { postId: 'post-1' }, { jobId });
    await context.queues.recheck.add('recheck', { postId: 'post-1' }, { jobId });

    await eventually(() => seen.length, (count) => count >= 1);
    await pool.close(5_000);

    expect(seen).toEqual(['post-1']);
    expect(jobId).not.toContain(':');
  });

  it('when a processor throws a permanent domain error, then the job fails once without retries', async () => {
    let attempts = 0;
    const pool = await poolWith({
      crawl: async (payload) => {
        attempts += 1;
        throw new SourceRejectedError(`source ${payload.sourceId}: 410 Gone`);
      },
    });
    const job = await context.queues.crawl.add('crawl', { sourceId: 'gone', windowStart: '2026-11-21T10:00' });

    const state = await eventually(() => job.getState(), (value) => value === 'failed');
    await pool.close(5_000);

    expect(state).toBe('failed');
    expect(attempts).toBe(1);
    const failed = await context.queues.crawl.getJob(job.id!);
    expect(failed?.failedReason).toBe('SourceRejectedError: source gone: 410 Gone');
  });

  it('when the source says Retry-After, then the job is delayed by that much and not counted as failed', async () => {
    let attempts = 0;
    const pool = await poolWith({
      recheck: async () => {
        attempts += 1;
        if (attempts === 1) throw new SourceUnavailableError('busy: 429', { retryAfterMs: 60_000 });
        return 'done';
      },
    });
    const job = await context.queues.recheck.add('recheck', { postId: 'busy-post' });

    const state = await eventually(() => job.getState(), (value) => value === 'delayed');
    await pool.close(5_000);

    expect(state).toBe('delayed');
    const delayed = (await context.queues.recheck.getJob(job.id!))!;
    expect(delayed.failedReason).toBeUndefined();
    expect(delayed.delay).toBeGreaterThan(50_000);
    expect(attempts).toBe(1);
  });

  it('when a transient error happens, then the job is retried and succeeds', async () => {
    let attempts = 0;
    const pool = await poolWith({
      'group-check': async () => {
        attempts += 1;
        if (attempts < 2) throw new Error('temporary failure');
        return 'done';
      },
    });
    const job = await context.queues['group-check'].add('group-check', { groupId: 'g1' }, { backoff: { type: 'fixed', delay: 50 } });

    const state = await eventually(() => job.getState(), (value) => value === 'completed');
    await pool.close(5_000);

    expect(state).toBe('completed');
    expect(attempts).toBe(2);
  });

  it('when the pool closes while a job is active, then the job finishes before close resolves', async () => {
    let finished = false;
    let started = false;
    const pool = await poolWith({
      notify: async () => {
        started = true;
        await new Promise((resolveWork) => setTimeout(resolveWork, 500));
        finished = true;
      },
    });
    const job = await context.queues.notify.add('notify', { noticeId: 'n1' });
    await eventually(() => started, Boolean);

    await pool.close(5_000);

    expect(finished).toBe(true);
    expect(await job.getState()).toBe('completed');
  });
});
