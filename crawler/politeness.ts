import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Spacing and concurrency of requests to one host, shared by every worker through Redis. */
export interface Politeness {
  /**
   * Resolves when this process may send the next request to `host`, with the function that gives
   * the host's request slot back once the response is read.
   */
  waitForTurn(host: string): Promise<() => Promise<void>>;
}

export interface RedisPolitenessOptions {
  /** Redis key prefix (from jobs/queues.ts). */
  keyPrefix: string;
  /** Minimum time between two requests to the same host, across all workers. @default 1000 */
  minDelayMs: number;
  /** Requests in flight to one host at once, across all workers. @default 2 */
  maxPerHost?: number;
  /** A slot not given back (a worker killed mid-request) frees itself after this. @default 60000 */
  slotLeaseMs?: number;
  /** Longest single wait before re-checking. @default 5000 */
  maxWaitMs?: number;
}

/** How often a worker looks again when every slot of a host is taken. */
const FULL_RECHECK_MS = 50;

// Atomically, on Redis's own clock so workers on other machines agree: drop expired slots; if the
// host has a free slot and its next free time has passed, take the slot, book the next time and
// return 0; otherwise return how long to wait.
const BOOK_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return tonumber(ARGV[5]) end
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextFree > now then return nextFree - now end
if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], now + tonumber(ARGV[1]), 'PX', math.max(1, tonumber(ARGV[1]) * 2)) end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]))
return 0
`;

export function createRedisPoliteness(redis: Redis, options: RedisPolitenessOptions): Politeness {
  const maxPerHost = options.maxPerHost ?? 2;
  const slotLeaseMs = options.slotLeaseMs ?? 60_000;
  return {
    async waitForTurn(host) {
      const name = host.toLowerCase();
      const delayKey = `${options.keyPrefix}:host-slot:${name}`;
      const slotsKey = `${options.keyPrefix}:host-inflight:${name}`;
      const token = randomBytes(8).toString('hex');
      for (;;) {
        const waitMs = Number(
          await redis.eval(BOOK_SLOT, 2, delayKey, slotsKey, String(options.minDelayMs), String(maxPerHost), String(slotLeaseMs), token, String(FULL_RECHECK_MS)),
        );
        if (waitMs <= 0) break;
        await new Promise((resolveWait) => setTimeout(resolveWait, Math.min(waitMs, options.maxWaitMs ?? 5_000)));
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        // A lost release only keeps the slot until its lease ends.
        await redis.zrem(slotsKey, token).catch(() => undefined);
      };
    },
  };
}
