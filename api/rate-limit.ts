import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { RateLimitedError } from '../lib/errors.js';
import { apiLogger } from '../lib/logger.js';

export interface RateLimit {
  /** Names the counter, e.g. "login". */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * A fixed-window counter per client address in Redis, so every API process shares it. The
 * address is Express's req.ip: behind a proxy, set `trust proxy` so it is the client's.
 */
export async function enforceRateLimit(redis: Redis, prefix: string, rule: RateLimit, req: Request): Promise<void> {
  const key = `${prefix}:ratelimit:${rule.name}:${req.ip ?? 'unknown'}`;
  let count: number;
  let ttl: number;
  try {
    [[, count], [, ttl]] = (await redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await redis.expire(key, rule.windowSeconds);
  } catch (error) {
    // Redis down: the API stays usable (health reports the outage) rather than locking everyone out.
    apiLogger.warn({ err: (error as Error).message, limit: rule.name }, 'rate limit not enforced: Redis unavailable');
    return;
  }
  if (count > rule.limit) {
    const retryAfter = ttl > 0 ? ttl : rule.windowSeconds;
    throw new RateLimitedError(`too many ${rule.name} requests: try again in ${retryAfter} s`, retryAfter);
  }
}
