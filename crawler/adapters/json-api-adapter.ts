import { SourceUnavailableError } from '../../lib/errors.js';
import { parseBlueskyPosts, parseMastodonStatuses, parseRedditListing } from '../parsers/social-json.js';
import type { CapturedPost, SourceAdapter, SourceType } from '../types.js';

const DEFAULT_MAX_ITEMS = 500;

/**
 * Public JSON APIs: the source URL is the API call itself (an account's statuses, a hashtag
 * timeline, a search). One fetch, one capture, parsed by the network's pure parser.
 */
function jsonApiAdapter(type: SourceType, parse: (body: unknown, pageUrl: string) => CapturedPost[]): SourceAdapter {
  return {
    type,
    async crawl(source, fetcher) {
      const page = await fetcher.fetchPage(source.url);
      if (!page) return { pages: [], posts: [], partial: false };
      let body: unknown;
      try {
        body = JSON.parse(page.text);
      } catch (error) {
        throw new SourceUnavailableError(`source ${source.sourceId}: ${page.url} did not answer JSON`, { cause: error, fr: `source ${source.sourceId} : ${page.url} n’a pas répondu en JSON` });
      }
      const posts = parse(body, page.url);
      const maxItems = source.limits?.maxItems ?? DEFAULT_MAX_ITEMS;
      return {
        pages: [page],
        posts: posts.slice(0, maxItems).map((post) => ({ ...post, pageIndex: 0 })),
        partial: posts.length > maxItems,
      };
    },
  };
}

export const mastodonAdapter = jsonApiAdapter('mastodon', parseMastodonStatuses);
export const redditAdapter = jsonApiAdapter('reddit', parseRedditListing);
export const blueskyAdapter = jsonApiAdapter('bluesky', (body) => parseBlueskyPosts(body));
