import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { testConfig } from './context.js';

const redisServerPath = testConfig().config.redis.serverPath;

/**
 * A redis-server of the test's own (Debian's, from PATH or MONITOR_REDIS_SERVER_PATH) with an
 * fsync'd append-only file in `dir`, so a test can kill it, start it late, and restart it on the
 * same port and file. Resolves when it accepts connections; `started` collects it for cleanup.
 */
export async function startRedisServer(port: number, dir: string, started: ChildProcess[], policy = 'noeviction'): Promise<ChildProcess> {
  const child = spawn(redisServerPath, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', policy], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}
