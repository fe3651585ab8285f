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
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/page': (_req, res) => {
      times.push(Date.now());
      res.end('<p>ok</p>');
    },
    // Answers after 150 ms, counting the requests it is serving at once.
    '/slow': (_req, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.end('<p>slow</p>');
      }, 150);
    },
  });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await fixture.close();
});

/** A fetcher as one worker has it: its own Redis connection, the shared key prefix. */
function workerFetcher(keyPrefix: string, limits: { minDelayMs: number; maxPerHost?: number } = { minDelayMs: MIN_DELAY_MS }) {
  const redis = new Redis(inject('redisUrl'));
  clients.push(redis);
  return createPageFetcher({
    guard: { allowedTestHosts: [fixture.host] },
    userAgent: 'ComplianceMonitor/test',
    politeness: createRedisPoliteness(redis, { keyPrefix, ...limits }),
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
    // Turns are granted MIN_DELAY_MS apart; the fixture sees the requests arrive with the loaded
    // machine's jitter (one sent 25 ms late makes the next gap 175 ms; unspaced, gaps are ~1 ms).
    // Over the whole run the jitter cancels out.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_DELAY_MS - 60);
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThanOrEqual(5 * MIN_DELAY_MS - 60);
  });

  it('when no spacing is configured (minimum delay 0), then every turn is granted at once', async () => {
    const redis = new Redis(inject('redisUrl'));
    clients.push(redis);
    const politeness = createRedisPoliteness(redis, { keyPrefix: uniqueName('nodelay'), minDelayMs: 0 });

    const started = Date.now();
    for (let i = 0; i < 5; i += 1) await (await politeness.waitForTurn('example.org'))();

    expect(Date.now() - started).toBeLessThan(500);
  });

  it.each([1, 2])('when three workers fetch a slow host with at most %i request(s) per host, then no more are in flight at once, and all are served', async (maxPerHost) => {
    const keyPrefix = uniqueName('host-concurrency');
    const workers = [0, 1, 2].map(() => workerFetcher(keyPrefix, { minDelayMs: 0, maxPerHost }));
    mostInFlight = 0;

    const pages = await Promise.all(Array.from({ length: 9 }, (_, i) => workers[i % 3]!.fetchPage(`${fixture.base}/slow?i=${i}`)));

    expect(pages.every((page) => page?.text === '<p>slow</p>')).toBe(true);
    expect(mostInFlight).toBe(maxPerHost);
  });

  it('when a worker dies holding a host slot, then the slot frees itself when its lease ends', async () => {
    const redis = new Redis(inject('redisUrl'));
    clients.push(redis);
    const politeness = createRedisPoliteness(redis, { keyPrefix: uniqueName('lease'), minDelayMs: 0, maxPerHost: 1, slotLeaseMs: 300 });
    await politeness.waitForTurn('example.org'); // never given back, as by a killed worker

    const started = Date.now();
    const release = await politeness.waitForTurn('example.org');
    await release();

    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
