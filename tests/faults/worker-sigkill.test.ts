import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { upsertSource } from '../../db/source-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startFixtureServer } from '../support/fixture-server.js';
import { startWorkerProcess } from '../support/monitor-process.js';
import { eventually } from '../support/processes.js';
import { noteReliability } from '../support/reliability.js';

const forumPage = readFileSync(join(PROJECT_ROOT, 'fixtures/pages/forum-thread.html'), 'utf8');
const SELECTORS = { item: 'article.post', text: '.body', author: '.author', link: 'a.permalink', idAttribute: 'data-post-id', date: 'time' };

let context: TestContext;
let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
/** While true, the forum page never answers: the crawl job is caught in the middle of its fetch. */
let hanging = true;
let pageRequests = 0;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/forum/slow': (_req, res) => {
      pageRequests += 1;
      if (hanging) return; // keep the connection open, answer nothing
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(forumPage);
    },
  });
  context = await createTestContext('worker-kill', { MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: fixture.host });
  await upsertSource(context.store.models, {
    sourceId: 'forum-lent',
    org: 'portage',
    type: 'html',
    url: `${fixture.base}/forum/slow`,
    selectors: SELECTORS,
  });
  // Not scheduled: the only crawl is the one the test queues.
  await context.store.models.Source.updateOne({ sourceId: 'forum-lent' }, { $set: { enabled: false } });
});

afterEach(() => {
  for (const worker of workers.splice(0)) if (worker.exitCode === null) worker.kill('SIGKILL');
});

afterAll(async () => {
  await fixture.close();
  await context.dispose();
});

/** A worker (or whole monitor) process on this file's database, queue prefix and fixture. */
async function startWorker(command: 'worker' | 'start' = 'worker', extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = await startWorkerProcess(
    {
      MONITOR_MONGODB_URI: inject('mongodbUri'),
      MONITOR_MONGODB_DB: context.config.mongo.dbName,
      MONITOR_REDIS_URL: inject('redisUrl'),
      MONITOR_QUEUE_PREFIX: context.config.jobs.queuePrefix,
      MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: fixture.host,
      MONITOR_CRAWLER_MIN_DELAY_MS: '0',
      ...extraEnv,
    },
    command,
  );
  workers.push(child);
  return child;
}

/** Queues the crawl of the silent page and waits until a worker is inside its fetch. */
async function crawlCaughtMidFetch(windowStart: string) {
  hanging = true;
  const requestsBefore = pageRequests;
  const job = await context.queues.crawl.add('crawl', { sourceId: 'forum-lent', windowStart }, { jobId: jobIdFor('crawl', 'forum-lent', windowStart) });
  await eventually(() => pageRequests, (count) => count > requestsBefore, 30_000);
  expect(await job.getState()).toBe('active');
  return job;
}

/** How many posts the crawl stored, and how many posts and flags were stored twice. */
async function storedTwice(): Promise<{ posts: number; duplicatePosts: number; duplicateFlags: number }> {
  const externalIds = (await context.store.models.Post.find({ sourceId: 'forum-lent' }).lean()).map((post) => post.externalId);
  const keys = (await context.store.models.Flag.find({ org: 'portage' }).lean()).map((flag) => `${String(flag.itemId)}:${flag.category}`);
  return { posts: externalIds.length, duplicatePosts: externalIds.length - new Set(externalIds).size, duplicateFlags: keys.length - new Set(keys).size };
}

describe('worker killed in the middle of a job', () => {
  it('when a worker is SIGKILLed mid-crawl, then another worker picks the stalled job up and its effects happen once', async ({ task }) => {
    const first = await startWorker();
    const job = await crawlCaughtMidFetch('fault');

    first.kill('SIGKILL');
    await once(first, 'exit');
    hanging = false;
    await startWorker();

    // BullMQ notices the lost lock (30 s), moves the job back, and the new worker runs it.
    await eventually(() => job.getState(), (state) => state === 'completed', 120_000);
    await eventually(() => context.queues.classify.getJobCounts('waiting', 'active', 'prioritized'), (c) => c.waiting + c.active + c.prioritized === 0, 60_000);
    const stored = await storedTwice();
    expect(stored.posts).toBeGreaterThan(0);
    expect(stored.duplicatePosts).toBe(0);
    expect(stored.duplicateFlags).toBe(0);
    noteReliability(task, { kind: 'fault', fault: 'worker SIGKILL mid-job', lost: 0, duplicates: stored.duplicatePosts + stored.duplicateFlags });
  }, 240_000);

  it('when the monitor (API and workers) gets SIGTERM with a job active, then it exits cleanly within its grace period and the job later runs once', async ({ task }) => {
    const monitor = await startWorker('start', { MONITOR_SHUTDOWN_GRACE_MS: '2000' });
    const job = await crawlCaughtMidFetch('sigterm');

    const stoppingAt = Date.now();
    monitor.kill('SIGTERM');
    const [code] = (await once(monitor, 'exit')) as [number | null];
    const stopMs = Date.now() - stoppingAt;
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(15_000);

    hanging = false;
    await startWorker();
    await eventually(() => job.getState(), (state) => state === 'completed', 120_000);
    const stored = await storedTwice();
    expect(stored.posts).toBeGreaterThan(0);
    expect(stored.duplicatePosts).toBe(0);
    noteReliability(task, { kind: 'fault', fault: 'API SIGTERM with active jobs', lost: 0, duplicates: stored.duplicatePosts });
  }, 240_000);

  it('when a worker stalls (SIGSTOP) past its job lock, then another worker runs the job, and when the first resumes its late writes duplicate nothing', async ({ task }) => {
    const stalled = await startWorker();
    const job = await crawlCaughtMidFetch('stall');

    // A stopped process is an event loop blocked for good: it cannot renew its lock.
    stalled.kill('SIGSTOP');
    hanging = false;
    await startWorker();
    await eventually(() => job.getState(), (state) => state === 'completed', 150_000);
    stalled.kill('SIGCONT');
    await new Promise((resolveWait) => setTimeout(resolveWait, 5_000)); // The first worker's late writes land now.

    const stored = await storedTwice();
    expect(await job.getState()).toBe('completed');
    expect(stored.duplicatePosts).toBe(0);
    expect(stored.duplicateFlags).toBe(0);
    noteReliability(task, { kind: 'fault', fault: 'event-loop stall past the job lock', lost: 0, duplicates: stored.duplicatePosts + stored.duplicateFlags });
  }, 240_000);
});
