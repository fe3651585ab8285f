import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../config/index.js';
import { APPEND_ONLY_COLLECTIONS } from '../../db/app-role.js';
import { startEmbeddedStore } from '../../embedded/ferretdb-server.js';
import { startEmbeddedRedis } from '../../embedded/redis-server.js';
import type { OwnedServer } from '../../embedded/child-server.js';
import { PROJECT_ROOT } from '../../lib/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    /** A connection with every right: drops test databases, edits what the app may not. */
    mongodbAdminUri: string;
    mongodbIsEmbedded: boolean;
    redisUrl: string;
  }
}

const owned: OwnedServer[] = [];
let scratchDir: string | undefined;

/**
 * Starts the real servers once per run: a MongoDB-compatible store (MONITOR_MONGODB_URI, else our
 * embedded FerretDB) and Redis (MONITOR_REDIS_URL, else redis-server), and builds dist/ for the
 * tests that run the CLI as a process. Each test file then uses its own database and queue prefix.
 */
export async function setup(project: TestProject): Promise<void> {
  execFileSync('bash', ['scripts/setup.sh'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const { config, secrets } = loadConfig({ MONITOR_ENV: 'test', ...pickServerEnv() });
  scratchDir = mkdtempSync(join(tmpdir(), 'monitor-test-servers-'));

  let mongodbUri = secrets.mongodbUri;
  // On a MongoDB whose app user has the restricted role, MONITOR_MONGODB_ADMIN_URI names a user
  // with every right; without it the app's URI is used for set-up too.
  let mongodbAdminUri = process.env.MONITOR_MONGODB_ADMIN_URI || mongodbUri;
  if (mongodbUri === null) {
    const store = await startEmbeddedStore({
      binaryPath: config.embeddedBinaryPath,
      dataDir: join(scratchDir, 'store'),
      timeoutMs: config.startupTimeoutMs,
      appendOnly: APPEND_ONLY_COLLECTIONS,
    });
    owned.push(store.server);
    mongodbUri = store.uri;
    mongodbAdminUri = store.adminUri;
  }
  let redisUrl = secrets.redisUrl;
  if (redisUrl === null) {
    const redis = await startEmbeddedRedis({
      supervisorPath: config.embeddedBinaryPath,
      redisServerPath: config.redis.serverPath,
      dataDir: join(scratchDir, 'redis'),
      timeoutMs: config.startupTimeoutMs,
    });
    owned.push(redis.server);
    redisUrl = redis.url;
  }
  project.provide('mongodbUri', mongodbUri);
  project.provide('mongodbAdminUri', mongodbAdminUri!);
  project.provide('mongodbIsEmbedded', secrets.mongodbUri === null);
  project.provide('redisUrl', redisUrl);
}

export async function teardown(): Promise<void> {
  await Promise.all(owned.map((server) => server.stop()));
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
}

/** The only environment the harness passes on: where real servers already run, if anywhere. */
function pickServerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['MONITOR_MONGODB_URI', 'MONITOR_REDIS_URL'] as const) {
    const value = process.env[key];
    if (value) env[key] = value;
  }
  return env;
}
