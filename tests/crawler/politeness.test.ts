import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { createRedisPoliteness } from '../../crawler/politeness.js';
import { uniqueName } from '../support/context.js';
import { startFixtureServer } from '../support/fixture-server.js';

const MIN_DELAY_MS = 200;
let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
const times: number[] = [];
const clients: Redis[] = [];

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/page': (_req, res) => {
      times.push(Date.now());
      res.end('<p>ok</p>');
    },
  });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await fixture.close();
});

/** A fetcher as one worker has it: its own Redis connection, the shared key prefix. */
function workerFetcher(keyPrefix: string) {
  const redis = new Redis(inject('redisUrl'));
  clients.push(redis);
  return createPageFetcher({
    guard: { allowedTestHosts: [fixture.host] },
    userAgent: 'ComplianceMonitor/test',
    politeness: createRedisPoliteness(redis, { keyPrefix, minDelayMs: MIN_DELAY_MS }),
  });
}

describe('per-host politeness shared through Redis', () => {
  it('when two workers fetch the same host at once, then requests are spaced by the minimum delay', async () => {
    const keyPrefix = uniqueName('politeness');
    const [first, second] = [workerFetcher(keyPrefix), workerFetcher(keyPrefix)];

    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? first : second).fetchPage(`${fixture.base}/page?i=${i}`)),
    );

    expect(times).toHaveLength(6);
    const sorted = [...times].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((time, i) => time - sorted[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_DELAY_MS - 20);
  });

  it('when no spacing is configured (minimum delay 0), then every turn is granted at once', async () => {
    const redis = new Redis(inject('redisUrl'));
    clients.push(redis);
    const politeness = createRedisPoliteness(redis, { keyPrefix: uniqueName('nodelay'), minDelayMs: 0 });

    const started = Date.now();
    for (let i = 0; i < 5; i += 1) await politeness.waitForTurn('example.org');

    expect(Date.now() - started).toBeLessThan(500);
  });
});
