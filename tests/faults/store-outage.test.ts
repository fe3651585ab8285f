import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { newSecretToken, tokenHash } from '../../api/auth/tokens.js';
import { buildContext, type AppContext } from '../../app/context.js';
import { verifyAuditChain } from '../../db/audit-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertApiToken } from '../../db/session-repository.js';
import { APPEND_ONLY_COLLECTIONS } from '../../db/app-role.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../embedded/ferretdb-server.js';
import { QUEUE_NAMES } from '../../jobs/queues.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { testConfig, uniqueName, type TestContext } from '../support/context.js';
import { eventually, restartablePort } from '../support/processes.js';
import { noteReliability } from '../support/reliability.js';

// The store is this test's own embedded FerretDB: it is SIGKILLed under API load, left down for
// 15 s, and restarted on the same files and port. The API must answer 503 (never 500, never hang)
// while it is down, recover by itself, and lose or duplicate nothing it acknowledged.

const scratch = mkdtempSync(join(tmpdir(), 'monitor-store-outage-'));
const OUTAGE_MS = 15_000;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));


describe('store outage under API load', () => {
  it('when the store is killed for 15 s under load and restarted, then requests get 503 meanwhile, recover without a restart, and every answered view is audited', async ({ task }) => {
    const config = testConfig({ MONITOR_MONGODB_DB: uniqueName('store-outage'), MONITOR_QUEUE_PREFIX: uniqueName('store-outage') });
    const listen = `127.0.0.1:${await restartablePort()}`;
    const dataDir = join(scratch, 'store');
    const storeOptions = { binaryPath: config.config.embeddedBinaryPath, dataDir, timeoutMs: 30_000, listen, appendOnly: APPEND_ONLY_COLLECTIONS };
    let store: EmbeddedStore = await startEmbeddedStore(storeOptions);
    const context: AppContext = await buildContext(config, { mongodbUri: store.uri, mongodbIsEmbedded: true, redisUrl: inject('redisUrl') });
    const api = await startApi(apiDepsOf(context as TestContext));
    try {
      await upsertOrganization(context.store.models, { slug: 'org-o', name: 'Organisation O' });
      const user = await aUser(context as TestContext, [{ org: 'org-o', role: 'reviewer' }]);
      const token = newSecretToken('mon_');
      await insertApiToken(context.store.models, { tokenHash: tokenHash(token), userId: user.id, name: 'load' });
      const flagIds = await Promise.all(Array.from({ length: 5 }, async () => (await aFlaggedPost(context as TestContext, { org: 'org-o' })).flagId));

      const results: { path: string; status: number; started: number; ended: number }[] = [];
      let running = true;
      const load = async (worker: number) => {
        for (let i = 0; running; i += 1) {
          const path = i % 3 === 0 ? '/health' : i % 3 === 1 ? '/api/flags' : `/api/flags/${flagIds[(i + worker) % flagIds.length]}`;
          const started = Date.now();
          const status = await fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status, () => 0);
          results.push({ path, status, started, ended: Date.now() });
          await new Promise((resolveWait) => setTimeout(resolveWait, 50));
        }
      };
      const loaders = [0, 1, 2, 3].map((worker) => load(worker));

      await new Promise((resolveWait) => setTimeout(resolveWait, 3_000));
      const killedAt = Date.now();
      process.kill(store.server.pid, 'SIGKILL');
      await store.server.exited;
      await new Promise((resolveWait) => setTimeout(resolveWait, OUTAGE_MS));
      const restartedAt = Date.now();
      store = await startEmbeddedStore(storeOptions);
      const recovered = await eventually(
        () => fetch(`${api.base}/api/flags/${flagIds[0]}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status),
        (status) => status === 200,
        60_000,
      );
      await new Promise((resolveWait) => setTimeout(resolveWait, 2_000));
      running = false;
      await Promise.all(loaders);

      // Requests in flight at the kill or the restart may end either way; those wholly inside the outage must be 503.
      const before = results.filter((r) => r.ended < killedAt);
      const during = results.filter((r) => r.started >= killedAt && r.ended <= restartedAt);
      const statuses = new Set(results.map((r) => r.status));
      const views200 = results.filter((r) => r.path.startsWith('/api/flags/') && r.status === 200).length;
      const audited = await context.store.models.AuditEvent.countDocuments({ action: 'flag.view' });
      const chain = await verifyAuditChain(context.store.models);

      expect(before.length).toBeGreaterThan(20);
      expect(before.filter((r) => r.status !== 200)).toEqual([]);
      expect(during.length).toBeGreaterThanOrEqual(3); // Each waits for server selection (5 s) or mongoose's buffer (10 s).
      expect(during.filter((r) => r.path !== '/api/flags' && r.status !== 503).map((r) => ({ ...r, started: r.started - killedAt, ended: r.ended - killedAt }))).toEqual([]);
      expect([...statuses].filter((status) => status !== 200 && status !== 503)).toEqual([]);
      expect(Math.max(...results.map((r) => r.ended - r.started))).toBeLessThan(12_000);
      expect(recovered).toBe(200);
      expect(results.slice(-8).filter((r) => r.status !== 200)).toEqual([]);
      // The view is audited before it is answered (fail closed), so a view that failed after its audit
      // write (the store died in between) leaves an event for an attempt: never fewer events than
      // answered views, never more than answered plus failed attempts.
      const failedViews = results.filter((r) => r.path.startsWith('/api/flags/') && r.status !== 200).length;
      expect(audited).toBeGreaterThanOrEqual(views200 + 1); // + the recovery probe
      expect(audited - views200 - 1).toBeLessThanOrEqual(failedViews);
      expect(chain.ok).toBe(true);
      expect(await context.store.models.Flag.countDocuments({ org: 'org-o' })).toBe(flagIds.length);
      noteReliability(task, { kind: 'fault', fault: 'store unreachable for 15 s under API load', lost: Math.max(0, views200 + 1 - audited), duplicates: 0 });
    } finally {
      await api.close();
      await Promise.all(QUEUE_NAMES.map((queue) => context.queues[queue].obliterate({ force: true }).catch(() => {})));
      await context.close();
      await store.server.stop();
    }
  }, 180_000);
});
