import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { buildContext, type AppContext } from '../../app/context.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { APPEND_ONLY_COLLECTIONS } from '../../db/app-role.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../embedded/ferretdb-server.js';
import { jobIdFor, QUEUE_NAMES } from '../../jobs/queues.js';
import { testConfig, uniqueName } from '../support/context.js';
import { startWorkerProcess } from '../support/monitor-process.js';
import { eventually, restartablePort } from '../support/processes.js';
import { noteReliability } from '../support/reliability.js';

// A worker process classifies a backlog while its store (this test's own embedded FerretDB) is
// SIGKILLed and restarted on the same files: jobs that failed meanwhile are retried, nothing is
// lost and no flag is written twice.

const scratch = mkdtempSync(join(tmpdir(), 'monitor-store-kill-'));
const workers: ChildProcess[] = [];

afterEach(() => {
  for (const worker of workers.splice(0)) if (worker.exitCode === null) worker.kill('SIGKILL');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));



describe('store killed during ingest', () => {
  it('when the store is SIGKILLed while a worker classifies a backlog and restarted, then every post is classified once and no flag is duplicated', async ({ task }) => {
    const name = uniqueName('store-kill');
    const config = testConfig({ MONITOR_MONGODB_DB: name, MONITOR_QUEUE_PREFIX: name });
    const storeOptions = { binaryPath: config.config.embeddedBinaryPath, dataDir: join(scratch, 'store'), timeoutMs: 30_000, listen: `127.0.0.1:${await restartablePort()}`, appendOnly: APPEND_ONLY_COLLECTIONS };
    let store: EmbeddedStore = await startEmbeddedStore(storeOptions);
    const context: AppContext = await buildContext(config, { mongodbUri: store.uri, mongodbIsEmbedded: true, redisUrl: inject('redisUrl') });
    try {
      await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
      const POSTS = 120;
      for (let i = 0; i < POSTS; i += 1) {
        const post = await insertPost(context.store.models, {
          org: 'portage',
          sourceId: 'ingest',
          externalId: `i${i}`,
          author: `membre${i}`,
          text: i % 2 === 0 ? `Message ${i} : espèce d'idiot, tu es un imbécile.` : `Message ${i} : bonne journée à toutes et à tous.`,
        });
        await context.queues.classify.add('classify', { postIds: [String(post._id)] }, { jobId: jobIdFor('classify', String(post._id), post.contentHash.slice(0, 16)) });
      }
      workers.push(await startWorkerProcess({ MONITOR_MONGODB_URI: store.uri, MONITOR_MONGODB_DB: name, MONITOR_REDIS_URL: inject('redisUrl'), MONITOR_QUEUE_PREFIX: name, MONITOR_WORKER_CONCURRENCY: '2' }));
      await eventually(() => context.queues.classify.getCompletedCount(), (count) => count >= 10, 60_000);

      process.kill(store.server.pid, 'SIGKILL');
      await store.server.exited;
      const completedAtKill = await context.queues.classify.getCompletedCount();
      await new Promise((resolveWait) => setTimeout(resolveWait, 3_000));
      store = await startEmbeddedStore(storeOptions);

      const counts = await eventually(
        () => context.queues.classify.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed'),
        (c) => c.completed + c.failed === POSTS,
        180_000,
      );
      const classified = await eventually(() => context.store.models.Post.countDocuments({ sourceId: 'ingest', status: 'classified' }), (n) => n === POSTS, 30_000);
      const flags = await context.store.models.Flag.find({ org: 'portage' }).lean();
      const keys = flags.map((flag) => `${String(flag.itemId)}:${flag.category}`);

      expect(completedAtKill).toBeLessThan(POSTS); // The kill did land in the middle of the backlog.
      expect((await context.queues.classify.getFailed()).map((job) => job.failedReason)).toEqual([]);
      expect(counts.failed).toBe(0);
      expect(classified).toBe(POSTS);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(flags.map((flag) => String(flag.itemId))).size).toBe(POSTS / 2);
      noteReliability(task, { kind: 'fault', fault: 'store SIGKILL during ingest', lost: POSTS - classified, duplicates: keys.length - new Set(keys).size });
    } finally {
      await Promise.all(QUEUE_NAMES.map((queue) => context.queues[queue].obliterate({ force: true }).catch(() => {})));
      await context.close();
      await store.server.stop();
    }
  }, 300_000);
});
