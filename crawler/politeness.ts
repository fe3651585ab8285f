import type { Redis } from 'ioredis';

/** Spacing of requests to one host, shared by every worker through Redis. */
export interface Politeness {
  /** Resolves when this process may send the next request to `host`. */
  waitForTurn(host: string): Promise<void>;
}

export interface RedisPolitenessOptions {
  /** Redis key prefix (from jobs/queues.ts). */
  keyPrefix: string;
  /** Minimum time between two requests to the same host, across all workers. @default 1000 */
  minDelayMs: number;
  /** Longest single wait before re-checking. @default 5000 */
  maxWaitMs?: number;
}

// Atomically: if the host's next free time has passed, book the slot after it and return 0;
// otherwise return how long to wait. Redis's own clock is used so workers on other machines agree.
const BOOK_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextFree > now then return nextFree - now end
redis.call('SET', KEYS[1], now + tonumber(ARGV[1]), 'PX', math.max(1, tonumber(ARGV[1]) * 2))
return 0
`;

export function createRedisPoliteness(redis: Redis, options: RedisPolitenessOptions): Politeness {
  return {
    async waitForTurn(host) {
      // No spacing configured (MONITOR_CRAWLER_MIN_DELAY_MS=0): nothing to book.
      if (options.minDelayMs <= 0) return;
      const key = `${options.keyPrefix}:host-slot:${host.toLowerCase()}`;
      for (;;) {
        const waitMs = Number(await redis.eval(BOOK_SLOT, 1, key, String(options.minDelayMs)));
        if (waitMs <= 0) return;
        await new Promise((resolveWait) => setTimeout(resolveWait, Math.min(waitMs, options.maxWaitMs ?? 5_000)));
      }
    },
  };
}
