import { Redis } from 'ioredis';
import type { LoadedConfig } from '../config/index.js';
import { changeChannel, startChangeRelay } from './change-relay.js';
import { APPEND_ONLY_COLLECTIONS } from '../db/app-role.js';
import { connectStore, type Store } from '../db/connection.js';
import { startEmbeddedStore } from '../embedded/ferretdb-server.js';
import { startEmbeddedRedis } from '../embedded/redis-server.js';
import { announceRunningStore, findRunningStore } from '../embedded/running-store.js';
import type { OwnedServer } from '../embedded/child-server.js';
import { createQueues, type Queues } from '../jobs/queues.js';
import { StartupError } from '../lib/errors.js';
import { appLogger } from '../lib/logger.js';
import { redactUri } from '../lib/redact.js';

/** Everything the API and the workers share, built once. */
export interface AppContext {
  config: LoadedConfig['config'];
  /** Never logged: SMTP and webhook URLs may hold credentials. */
  secrets: LoadedConfig['secrets'];
  store: Store;
  /** Fail-fast client for health checks and small commands. */
  redis: Redis;
  redisUrl: string;
  mongodbUri: string;
  queues: Queues;
  /** Servers this process started (embedded mode); stopped by close(). */
  servers: OwnedServer[];
  close(): Promise<void>;
}

/** Parts a test or a caller may supply instead of the configured ones. */
export interface ContextOverrides {
  mongodbUri?: string;
  /** Whether `mongodbUri` is a FerretDB (no retryable writes). @default false */
  mongodbIsEmbedded?: boolean;
  redisUrl?: string;
  /**
   * Keep retrying a configured store or Redis that does not answer for this long (a service
   * started before its dependencies); 0 fails at once, as one-off commands should. @default 0
   */
  waitForDependenciesMs?: number;
}

/**
 * Starts the embedded servers that are not configured, connects to everything, and returns a
 * context whose close() undoes it all in reverse order. A failure half-way undoes what was done.
 */
export async function buildContext(loaded: LoadedConfig, overrides: ContextOverrides = {}): Promise<AppContext> {
  const { config, secrets } = loaded;
  const closers: (() => Promise<void>)[] = [];
  const servers: OwnedServer[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((error: Error) => appLogger.warn({ err: error.message }, 'close failed'));
    closers.length = 0;
  };

  try {
    const configuredUri = overrides.mongodbUri ?? secrets.mongodbUri;
    const mongodbUri = configuredUri ?? (await startStore()).uri;
    const storeIsEmbedded = configuredUri === null || overrides.mongodbIsEmbedded === true;
    const redisUrl = overrides.redisUrl ?? secrets.redisUrl ?? (await startRedis()).url;
    if (configuredUri === null) {
      const withdraw = announceRunningStore(config.mongo.storeDir, { uri: mongodbUri, redisUrl });
      closers.push(async () => withdraw());
    }

    const waitMs = overrides.waitForDependenciesMs ?? 0;
    const store = await retryUntilReady('document store', waitMs, () =>
      connectStore({ uri: mongodbUri, dbName: config.mongo.dbName, embedded: storeIsEmbedded }),
    );
    closers.push(() => store.close());
    const relay = startChangeRelay(store.changes, { redisUrl, channel: changeChannel(config.jobs.queuePrefix, config.mongo.dbName) });
    closers.push(() => relay.close());

    const redis = await retryUntilReady('Redis', waitMs, () => connectRedis(redisUrl));
    closers.push(async () => redis.disconnect());
    await assertRedisKeepsJobs(redis);

    const queues = await createQueues(redisUrl, config.jobs.queuePrefix);
    closers.push(() => queues.close());

    return { config, secrets, store, redis, redisUrl, mongodbUri, queues, servers, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }

  async function startStore() {
    const started = await startEmbeddedStore({
      binaryPath: config.embeddedBinaryPath,
      dataDir: config.mongo.storeDir,
      timeoutMs: config.startupTimeoutMs,
      appendOnly: APPEND_ONLY_COLLECTIONS,
    });
    servers.push(started.server);
    closers.push(() => started.server.stop());
    return started;
  }

  async function startRedis() {
    const started = await startEmbeddedRedis({
      supervisorPath: config.embeddedBinaryPath,
      redisServerPath: config.redis.serverPath,
      dataDir: config.redis.dataDir,
      timeoutMs: config.startupTimeoutMs,
    });
    servers.push(started.server);
    closers.push(() => started.server.stop());
    return started;
  }
}

/**
 * Runs `connect` until it succeeds or `waitMs` has passed, backing off from 250 ms to 5 s and
 * logging each failure; the last StartupError is thrown when time is up.
 */
async function retryUntilReady<T>(what: string, waitMs: number, connect: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await connect();
    } catch (error) {
      if (!(error instanceof StartupError) || Date.now() + delay > deadline) throw error;
      appLogger.warn({ err: error.message, retryInMs: delay }, `${what} not ready; retrying`);
      await new Promise((resolveWait) => setTimeout(resolveWait, delay));
    }
  }
}

async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  client.on('error', (error) => appLogger.warn({ err: error.message }, 'redis connection error'));
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    const where = `${redactUri(url)}: ${(error as Error).message}`;
    throw new StartupError(`cannot reach Redis at ${where}; check MONITOR_REDIS_URL, or unset it to use the embedded redis-server`, {
      cause: error,
      fr: `Redis injoignable à ${where} ; vérifiez MONITOR_REDIS_URL, ou retirez-la pour utiliser le redis-server intégré`,
    });
  }
}

/** BullMQ loses jobs when Redis evicts keys; refuse to run on such a server. */
async function assertRedisKeepsJobs(redis: Redis): Promise<void> {
  let policy: string | undefined;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1];
  } catch (error) {
    appLogger.warn({ err: (error as Error).message }, 'cannot read maxmemory-policy (CONFIG disabled?); make sure it is noeviction');
    return;
  }
  if (policy !== undefined && policy !== 'noeviction') {
    throw new StartupError(`Redis evicts keys (maxmemory-policy ${policy}), which would lose queued jobs: set maxmemory-policy noeviction`, {
      fr: `Redis évince des clés (maxmemory-policy ${policy}), ce qui perdrait des tâches en file : réglez maxmemory-policy à noeviction`,
    });
  }
}

/**
 * A store connection for one-off commands: the configured URI, the running monitor's store, or an
 * embedded one. When a Redis is configured or announced by the running monitor, the command's
 * writes are relayed to it, so a running API sees (say) a disabled user at once.
 */
export async function openStoreForCommand(loaded: LoadedConfig): Promise<{ store: Store; close(): Promise<void> }> {
  const { config, secrets } = loaded;
  const running = secrets.mongodbUri === null ? findRunningStore(config.mongo.storeDir) : undefined;
  const started =
    secrets.mongodbUri === null && running === undefined
      ? await startEmbeddedStore({ binaryPath: config.embeddedBinaryPath, dataDir: config.mongo.storeDir, timeoutMs: config.startupTimeoutMs, appendOnly: APPEND_ONLY_COLLECTIONS })
      : undefined;
  const uri = secrets.mongodbUri ?? running?.uri ?? started!.uri;
  try {
    const store = await connectStore({ uri, dbName: config.mongo.dbName, embedded: secrets.mongodbUri === null });
    const redisUrl = secrets.redisUrl ?? running?.redisUrl;
    const relay = redisUrl ? startChangeRelay(store.changes, { redisUrl, channel: changeChannel(config.jobs.queuePrefix, config.mongo.dbName) }) : undefined;
    return {
      store,
      async close() {
        await relay?.close();
        await store.close();
        await started?.server.stop();
      },
    };
  } catch (error) {
    await started?.server.stop();
    throw error;
  }
}
