import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'running.json';

export interface RunningStore {
  uri: string;
  /** The monitor's Redis, so commands can tell its API about their writes. */
  redisUrl?: string;
}

/**
 * A monitor that started the embedded store leaves its address here, so commands run beside it
 * (`monitor users add`, `monitor audit verify`) connect to it instead of starting a second server
 * on the same files.
 */
export function announceRunningStore(dataDir: string, running: RunningStore): () => void {
  const path = join(dataDir, FILE);
  writeFileSync(path, JSON.stringify({ ...running, pid: process.pid }), { mode: 0o600 });
  return () => {
    try {
      const current = JSON.parse(readFileSync(path, 'utf8')) as { pid?: number };
      if (current.pid === process.pid) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
  };
}

/** The store (and Redis) a live monitor announced, if any; a file left by a killed process is ignored. */
export function findRunningStore(dataDir: string): RunningStore | undefined {
  try {
    const { uri, redisUrl, pid } = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as { uri?: unknown; redisUrl?: unknown; pid?: unknown };
    if (typeof uri !== 'string' || typeof pid !== 'number') return undefined;
    process.kill(pid, 0);
    return { uri, ...(typeof redisUrl === 'string' ? { redisUrl } : {}) };
  } catch {
    return undefined;
  }
}
