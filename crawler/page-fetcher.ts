import { SourceRejectedError, SourceUnavailableError } from '../lib/errors.js';
import { fetchGuarded, type FetchOptions } from './http-fetch.js';
import { parseRobots, robotsForStatus, type RobotsRules } from './robots.js';
import type { PageFetcher } from './types.js';
import type { Politeness } from './politeness.js';
import { assertPublicUrl, type UrlGuardOptions } from './url-guard.js';

export interface PageFetcherOptions {
  guard: UrlGuardOptions;
  userAgent: string;
  /** ETag / Last-Modified of the previous crawl, by URL. */
  validators?: ReadonlyMap<string, { etag?: string; lastModified?: string }>;
  /** Shared spacing of requests per host (robots.txt included). @default none */
  politeness?: Politeness;
  /** Timeouts of each request. @default those of fetchGuarded */
  fetch?: Pick<FetchOptions, 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs'>;
}

const ROBOTS_TTL_MS = 24 * 3600 * 1000;
const ROBOTS_RETRY_MS = 10 * 60 * 1000;
interface RobotsEntry {
  rules: RobotsRules;
  /** robots.txt answered 5xx or not at all: disallowed for now, retried later. */
  unavailable: boolean;
  expiresAt: number;
}
const robotsCache = new Map<string, RobotsEntry>();

/** robots.txt of an origin, cached at most 24 hours (RFC 9309 §2.4). */
async function robotsFor(origin: string, options: PageFetcherOptions): Promise<RobotsEntry> {
  const cached = robotsCache.get(origin);
  if (cached && cached.expiresAt > Date.now()) return cached;
  let rules: RobotsRules;
  let unavailable = false;
  try {
    const release = await options.politeness?.waitForTurn(new URL(origin).host);
    try {
      const result = await fetchGuarded(`${origin}/robots.txt`, { guard: options.guard, userAgent: options.userAgent, maxBodyBytes: 512 * 1024 });
      rules = result.notModified ? fixedRobotsRules(200) : parseRobots(result.text, productToken(options.userAgent));
    } finally {
      await release?.();
    }
  } catch (error) {
    if (error instanceof SourceRejectedError && /: 4\d\d/.test(error.message)) rules = fixedRobotsRules(404);
    else {
      rules = fixedRobotsRules('unreachable');
      unavailable = true;
    }
  }
  const entry = { rules, unavailable, expiresAt: Date.now() + (unavailable ? ROBOTS_RETRY_MS : ROBOTS_TTL_MS) };
  robotsCache.set(origin, entry);
  return entry;
}

/** The rules a robots.txt fetch outcome implies without parsing; 2xx without a body allows all. */
function fixedRobotsRules(status: number | 'unreachable'): RobotsRules {
  const rules = robotsForStatus(status);
  return rules === 'parse' ? { crawlDelaySeconds: undefined, isAllowed: () => true } : rules;
}

function productToken(userAgent: string): string {
  return userAgent.split(/[/ ]/)[0]!;
}

/** Fetching for adapters: robots.txt first, then the guarded GET with the previous validators. */
export function createPageFetcher(options: PageFetcherOptions): PageFetcher {
  const checkAllowed = async (url: string) => {
    // The guard decides first: a blocked origin is refused for good, before robots.txt is asked.
    const { url: target } = await assertPublicUrl(url, options.guard);
    const robots = await robotsFor(target.origin, options);
    // A 5xx robots.txt means "disallow for now": transient. A Disallow rule is permanent.
    if (robots.unavailable) throw new SourceUnavailableError(`${url}: robots.txt unavailable, not crawling for now`, { fr: `${url} : robots.txt indisponible, pas de collecte pour l’instant` });
    if (!robots.rules.isAllowed(`${target.pathname}${target.search}`)) throw new SourceRejectedError(`${url}: disallowed by robots.txt`, { fr: `${url} : interdit par le robots.txt du site` });
    return (await options.politeness?.waitForTurn(target.host)) ?? (async () => {});
  };
  return {
    checkAllowed,
    async fetchPage(url) {
      const release = await checkAllowed(url);
      let result;
      try {
        result = await fetchGuarded(url, { guard: options.guard, userAgent: options.userAgent, ...options.fetch, ...options.validators?.get(url) });
      } finally {
        await release();
      }
      if (result.notModified) return undefined;
      return {
        url: result.url,
        fetchedAt: new Date(),
        status: result.status,
        headers: result.headers,
        body: result.body,
        contentType: result.headers['content-type'],
        text: result.text,
      };
    },
  };
}
