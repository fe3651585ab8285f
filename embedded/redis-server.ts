import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { StartupError } from '../lib/errors.js';
import { serversLogger } from '../lib/logger.js';
import { spawnOwned, type OwnedServer } from './child-server.js';
import { findFreePort } from './free-port.js';

export interface EmbeddedRedisOptions {
  /** The Go helper, used here as a supervisor that stops redis-server when we die. */
  supervisorPath: string;
  redisServerPath: string;
  /** Folder of the append-only files; created if missing. */
  dataDir: string;
  timeoutMs: number;
}

export interface EmbeddedRedis {
  url: string;
  server: OwnedServer;
}

const FIX_HINT = {
  en: 'install it with `apt-get install redis-server` (or `npm run setup`), or set MONITOR_REDIS_URL',
  fr: 'installez-le avec `apt-get install redis-server` (ou `npm run setup`), ou indiquez un serveur dans MONITOR_REDIS_URL',
};
const PORT_ATTEMPTS = 3;

/**
 * Starts redis-server on a free loopback port with AOF persistence (fsync every second) and the
 * noeviction policy BullMQ requires, supervised so that it never outlives the monitor.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const serverPath = resolveRedisServer(options.redisServerPath);
  try {
    accessSync(options.supervisorPath, constants.X_OK);
  } catch {
    throw new StartupError(`the embedded server helper is missing at ${options.supervisorPath}: run \`npm run setup\``, {
      fr: `l'assistant des serveurs intégrés est absent de ${options.supervisorPath} : lancez \`npm run setup\``,
    });
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    const { server } = spawnOwned({
      label: 'redis-server',
      command: options.supervisorPath,
      args: ['supervise', '--', serverPath, ...redisArgs(port, options.dataDir)],
      fixHint: FIX_HINT,
    });
    const url = `redis://127.0.0.1:${port}`;
    try {
      await waitForPing(url, server, options.timeoutMs);
      serversLogger.info({ pid: server.pid, port, dataDir: options.dataDir }, 'embedded redis started');
      return { url, server };
    } catch (error) {
      lastError = error;
      await server.stop(1_000);
    }
  }
  throw lastError;
}

function redisArgs(port: number, dataDir: string): string[] {
  return [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--protected-mode', 'yes',
    '--dir', dataDir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--loglevel', 'warning',
  ];
}

function resolveRedisServer(path: string): string {
  if (path.includes('/')) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      throw new StartupError(`redis-server not found at ${path}: ${FIX_HINT.en}`, { fr: `redis-server introuvable à ${path} : ${FIX_HINT.fr}` });
    }
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${path}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new StartupError(`redis-server not found on PATH (${path}): ${FIX_HINT.en}`, { fr: `redis-server introuvable dans le PATH (${path}) : ${FIX_HINT.fr}` });
  }
}

async function waitForPing(url: string, server: OwnedServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new StartupError(`redis-server exited before it was ready; ${FIX_HINT.en}`, { fr: `redis-server s'est arrêté avant d'être prêt ; ${FIX_HINT.fr}` });
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    client.on('error', () => {});
    try {
      await client.connect();
      // While loading a large AOF, redis answers LOADING: keep waiting.
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new StartupError(`redis-server was not ready after ${timeoutMs} ms; ${FIX_HINT.en}`, { fr: `redis-server n'était pas prêt après ${timeoutMs} ms ; ${FIX_HINT.fr}` });
}
