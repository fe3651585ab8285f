import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../config/index.js';
import { buildContext, type AppContext } from '../../app/context.js';
import { QUEUE_NAMES } from '../../jobs/queues.js';
import { withAdminDb } from './admin-store.js';

/** A name unique to one test file, usable as database name and queue prefix. */
export function uniqueName(label: string): string {
  return `t_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
}

/** Test configuration goes through the same loadConfig as production, from an object. */
export function testConfig(env: Record<string, string> = {}): LoadedConfig {
  return loadConfig({ MONITOR_ENV: 'test', MONITOR_LOG_LEVEL: 'silent', ...env });
}

export interface TestContext extends AppContext {
  /** Drops this file's database and queues, then closes. */
  dispose(): Promise<void>;
}

/**
 * A context on the run's shared servers with this file's own database and queue prefix; `redisUrl`
 * points it at a Redis of the test's own (one it kills and restarts).
 */
export async function createTestContext(label: string, env: Record<string, string> = {}, servers: { redisUrl?: string } = {}): Promise<TestContext> {
  const name = uniqueName(label);
  const loaded = testConfig({ MONITOR_MONGODB_DB: name, MONITOR_QUEUE_PREFIX: name, ...env });
  const context = await buildContext(loaded, {
    mongodbUri: inject('mongodbUri'),
    mongodbIsEmbedded: inject('mongodbIsEmbedded'),
    redisUrl: servers.redisUrl ?? inject('redisUrl'),
  });
  return Object.assign(context, {
    async dispose() {
      // A test's own Redis may be down at the end of a failed test: the database still goes.
      await Promise.all(QUEUE_NAMES.map((queue) => context.queues[queue].obliterate({ force: true }))).catch(() => undefined);
      await withAdminDb(context.config.mongo.dbName, (db) => db.dropDatabase());
      await context.close();
    },
  });
}
