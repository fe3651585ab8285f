import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Pids of live processes whose command line contains `marker` (e.g. a test's temp folder). */
export function pidsMatching(marker: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter((pid) => pid !== process.pid);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds or `timeoutMs` passes; returns the last result. */
export async function eventually<T>(check: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await check();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    value = await check();
  }
  return value;
}

/** Every process below `rootPid` (children, grandchildren…), read from `ps`. */
export function descendantPids(rootPid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((pair): pair is [number, number] => pair.length === 2 && !Number.isNaN(pair[0]));
  const found: number[] = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const [pid, ppid] of rows) {
      if (ppid === parent) {
        found.push(pid);
        frontier.push(pid);
      }
    }
  }
  return found;
}

/** Below Linux's ephemeral range (32768–60999): no `listen(0)` and no outgoing connection lands here. */
const RESTARTABLE_BASE = 20_000;
const RESTARTABLE_PER_POOL = 1_000;

/**
 * A loopback port for a server a test kills and restarts on the same address, or that must stay
 * closed. A port the system hands out (`listen(0)`) is free again during the outage, and a server
 * another test file starts meanwhile on port 0 may take it: the killed server's clients then talk
 * to a stranger (a store without the test's posts, a health check that succeeds). These ports
 * come from a band `listen(0)` never uses, one band per vitest pool, so two files running at once
 * never draw the same one.
 */
export async function restartablePort(): Promise<number> {
  const band = RESTARTABLE_BASE + (Number(process.env.VITEST_POOL_ID ?? 0) % 10) * RESTARTABLE_PER_POOL;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = band + Math.floor(Math.random() * RESTARTABLE_PER_POOL);
    const server = createServer();
    const bound = await new Promise<boolean>((resolveListen) => {
      server.once('error', () => resolveListen(false));
      server.listen(port, '127.0.0.1', () => resolveListen(true));
    });
    if (!bound) continue;
    await new Promise((resolveClose) => server.close(resolveClose));
    return port;
  }
  throw new Error(`no free loopback port from ${band} to ${band + RESTARTABLE_PER_POOL - 1}`);
}
