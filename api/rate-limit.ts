import { createHash } from 'node:crypto';
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

/** Failed sign-ins allowed per account and window, whatever address they come from. */
export const ACCOUNT_FAILURE_LIMIT = { name: 'login-account', limit: 10, windowSeconds: 900 };

// Keys name the account by a hash: e-mail addresses are personal data and stay out of Redis.
const accountKey = (prefix: string, email: string) =>
  `${prefix}:ratelimit:${ACCOUNT_FAILURE_LIMIT.name}:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;

/**
 * Refuses a sign-in to an account that failed too often lately, so rotating addresses (or a
 * botnet) cannot guess one password. Known and unknown e-mails are throttled alike.
 */
export async function assertAccountNotThrottled(redis: Redis, prefix: string, email: string): Promise<void> {
  let failures: number;
  let ttl: number;
  try {
    const key = accountKey(prefix, email);
    const [[, stored], [, ttlReply]] = (await redis.multi().get(key).ttl(key).exec()) as [[null, string | null], [null, number]];
    failures = Number(stored ?? 0);
    ttl = ttlReply;
  } catch (error) {
    apiLogger.warn({ err: (error as Error).message, limit: ACCOUNT_FAILURE_LIMIT.name }, 'rate limit not enforced: Redis unavailable');
    return;
  }
  if (failures >= ACCOUNT_FAILURE_LIMIT.limit) {
    const retryAfter = ttl > 0 ? ttl : ACCOUNT_FAILURE_LIMIT.windowSeconds;
    throw new RateLimitedError(`too many failed sign-ins for this account: try again in ${retryAfter} s`, retryAfter);
  }
}

export async function countAccountFailure(redis: Redis, prefix: string, email: string): Promise<void> {
  const key = accountKey(prefix, email);
  try {
    await redis.multi().incr(key).expire(key, ACCOUNT_FAILURE_LIMIT.windowSeconds, 'NX').exec();
  } catch (error) {
    apiLogger.warn({ err: (error as Error).message, limit: ACCOUNT_FAILURE_LIMIT.name }, 'failed sign-in not counted: Redis unavailable');
  }
}
