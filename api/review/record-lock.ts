import { randomBytes } from 'node:crypto';
import { ServiceUnavailableError } from '../../lib/errors.js';
import type { ApiDeps } from '../deps.js';

const LOCK_TTL_MS = 10_000;
const WAIT_MS = 5_000;
const RETRY_MS = 25;

// Deletes the lock only if it is still ours (a slow holder must not release a successor's lock).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Runs `write` while holding a short Redis lock on one record (`flag:<id>`, `subject:<id>`).
 * The writes under it read the record, check a condition (a version, a standing), then write by
 * `_id`: a conditional filter would make the embedded store scan the collection (see
 * db/flag-review-repository.ts). The lock serialises those steps across API processes.
 */
export async function withRecordLock<T>(deps: Pick<ApiDeps, 'redis' | 'config'>, record: string, write: () => Promise<T>): Promise<T> {
  const { redis } = deps;
  const key = `${deps.config.jobs.queuePrefix}:lock:${record}`;
  const token = randomBytes(16).toString('hex');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let acquired: string | null;
    try {
      acquired = await redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX');
    } catch (error) {
      throw new ServiceUnavailableError(`cannot lock ${record}: Redis unavailable`, { cause: error });
    }
    if (acquired === 'OK') break;
    if (Date.now() > deadline) throw new ServiceUnavailableError(`${record} is busy; try again`);
    await new Promise((resolveWait) => setTimeout(resolveWait, RETRY_MS));
  }
  try {
    return await write();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
