import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { buildContext, type AppContext } from '../../app/context.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { hashPostContent, insertPosts } from '../../db/post-repository.js';
import { jobIdFor, QUEUE_NAMES } from '../../jobs/queues.js';
import { testConfig, uniqueName } from '../support/context.js';
import { startMonitorProcess, startWorkerProcess } from '../support/monitor-process.js';
import { eventually, restartablePort } from '../support/processes.js';
import { startRedisServer } from '../support/redis-server.js';
import { noteReliability } from '../support/reliability.js';
import { withAdminDb } from '../support/admin-store.js';

// Each test owns a redis-server (tests/support/redis-server.ts) so it can kill it, start it late,
// and restart it on the same append-only file.

const children: ChildProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'monitor-redis-faults-'));

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const startRedis = (port: number, dir: string, policy?: string) => startRedisServer(port, dir, children, policy);


describe('Redis faults', () => {
  it('when Redis evicts keys (allkeys-lru), then start-up is refused naming the policy, since queued jobs could vanish', async () => {
    const port = await restartablePort();
    await startRedis(port, mkdtempSync(join(scratch, 'lru-')), 'allkeys-lru');
    const name = uniqueName('redis-lru');

    const refused = await buildContext(testConfig({ MONITOR_MONGODB_DB: name, MONITOR_QUEUE_PREFIX: name }), {
      mongodbUri: inject('mongodbUri'),
      mongodbIsEmbedded: inject('mongodbIsEmbedded'),
      redisUrl: `redis://127.0.0.1:${port}`,
    }).then(async (context) => {
      await context.close();
      return undefined;
    }, (error: Error) => error);

    expect(refused?.message).toBe('Redis evicts keys (maxmemory-policy allkeys-lru), which would lose queued jobs: set maxmemory-policy noeviction');
  });

  it('when Redis is absent at boot, then the monitor keeps retrying and serves once Redis appears, without a restart', async ({ task }) => {
    const port = await restartablePort();
    const dbName = uniqueName('redis-absent');
    let retried: () => void = () => {};
    const retrying = new Promise<void>((resolveRetry) => (retried = resolveRetry));
    const starting = startMonitorProcess('api', {
      MONITOR_ENV: 'test',
      MONITOR_LOG_LEVEL: 'warn',
      MONITOR_DEMO: 'false',
      MONITOR_MONGODB_URI: inject('mongodbUri'),
      MONITOR_MONGODB_DB: dbName,
      MONITOR_REDIS_URL: `redis://127.0.0.1:${port}`,
      MONITOR_QUEUE_PREFIX: dbName,
    }, { onStderrLine: (line) => line.includes('Redis not ready; retrying') && retried() });
    await retrying;
    await startRedis(port, mkdtempSync(join(scratch, 'absent-')));

    const monitor = await starting;
    children.push(monitor.child);
    const health = await fetch(`${monitor.url}/health`);

    expect(health.status).toBe(200);
    expect(monitor.stderr()).toContain('Redis not ready; retrying');
    noteReliability(task, { kind: 'fault', fault: 'Redis absent at boot', lost: 0, duplicates: 0 });
    monitor.child.kill('SIGTERM');
    await once(monitor.child, 'exit');
  }, 120_000);

  it('when Redis is SIGKILLed with a backlog of jobs and restarted on its append-only file, then the running worker resumes without a restart and every job runs once', async ({ task }) => {
    const port = await restartablePort();
    const dir = mkdtempSync(join(scratch, 'aof-'));
    const redisUrl = `redis://127.0.0.1:${port}`;
    let redis = await startRedis(port, dir);
    const name = uniqueName('redis-aof');
    const context: AppContext = await buildContext(testConfig({ MONITOR_MONGODB_DB: name, MONITOR_QUEUE_PREFIX: name }), {
      mongodbUri: inject('mongodbUri'),
      mongodbIsEmbedded: inject('mongodbIsEmbedded'),
      redisUrl,
    });
    try {
      await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
      const POSTS = 1_000;
      const posts = Array.from({ length: POSTS }, (_, i) => ({
        org: 'portage',
        sourceId: 'backlog',
        externalId: `b${i}`,
        author: `membre${i}`,
        text: i % 2 === 0 ? `Message ${i} : tu es un idiot et un imbécile, dégage du groupe.` : `Message ${i} : merci pour la rencontre de jeudi.`,
      }));
      const postIds = await insertPosts(context.store.models, posts);
      await context.queues.classify.addBulk(
        postIds.map((postId, i) => ({ name: 'classify' as const, data: { postIds: [postId] }, opts: { jobId: jobIdFor('classify', postId, hashPostContent(posts[i]!).slice(0, 16)) } })),
      );
      expect(await context.queues.classify.getWaitingCount()).toBe(POSTS);

      // The worker runs 16 jobs at once; Redis is killed while it is working through the backlog.
      children.push(await startWorkerProcess({
        MONITOR_MONGODB_URI: inject('mongodbUri'),
        MONITOR_MONGODB_DB: name,
        MONITOR_REDIS_URL: redisUrl,
        MONITOR_QUEUE_PREFIX: name,
        MONITOR_WORKER_CONCURRENCY: '16',
      }));
      const atKill = await eventually(
        async () => ({ active: await context.queues.classify.getActiveCount(), completed: await context.queues.classify.getCompletedCount() }),
        ({ active, completed }) => active > 0 && completed >= 50,
        60_000,
      );
      expect(atKill.active).toBeGreaterThan(0);
      expect(atKill.completed).toBeLessThan(POSTS);
      redis.kill('SIGKILL');
      await once(redis, 'exit');
      await new Promise((resolveWait) => setTimeout(resolveWait, 10_000));
      redis = await startRedis(port, dir);
      const restartedAt = Date.now();
      const completedAfterRestart = await eventually(() => context.queues.classify.getCompletedCount().catch(() => -1), (count) => count >= 0, 20_000);
      expect(completedAfterRestart).toBeGreaterThanOrEqual(atKill.completed);

      // The same worker process carries on (no restart): new completions within 30 s...
      const resumed = await eventually(() => context.queues.classify.getCompletedCount().catch(() => 0), (count) => count > completedAfterRestart, 30_000);
      expect(resumed).toBeGreaterThan(completedAfterRestart);
      const resumedAfterMs = Date.now() - restartedAt;
      expect(resumedAfterMs).toBeLessThan(30_000);
      // ...and the jobs active at the kill are found stalled and run again.
      // Watched in Redis: counting posts in the store scans them all, which would slow the worker.
      await eventually(() => context.queues.classify.getCompletedCount().catch(() => 0), (count) => count >= POSTS, 240_000);
      const classified = await context.store.models.Post.countDocuments({ sourceId: 'backlog', status: 'classified' });
      const flags = await context.store.models.Flag.find({ org: 'portage' }).lean();
      const keys = flags.map((flag) => `${String(flag.itemId)}:${flag.category}`);
      const completed = await context.queues.classify.getCompletedCount();

      expect(classified).toBe(POSTS);
      expect(flags.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
      expect(completed).toBe(POSTS);
      noteReliability(task, { kind: 'fault', fault: 'Redis SIGKILL with a backlog, restart from AOF', lost: POSTS - classified, duplicates: keys.length - new Set(keys).size });
      noteReliability(task, { kind: 'measure', name: `worker resuming after a Redis SIGKILL with ${atKill.active} jobs active (time from restart to the next completion)`, value: resumedAfterMs, unit: 'ms', limit: 30_000 });
    } finally {
      await Promise.all(QUEUE_NAMES.map((queue) => context.queues[queue].obliterate({ force: true }).catch(() => {})));
      await withAdminDb(context.config.mongo.dbName, (db) => db.dropDatabase()).catch(() => {});
      await context.close();
    }
  }, 360_000);
});
