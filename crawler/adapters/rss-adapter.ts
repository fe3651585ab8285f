import { parseFeed } from '../parsers/feed.js';
import type { SourceAdapter } from '../types.js';

const DEFAULT_MAX_ITEMS = 500;

/** RSS 2.0 and Atom feeds: news alerts, blogs, forums, channel feeds. */
export const rssAdapter: SourceAdapter = {
  type: 'rss',
  async crawl(source, fetcher) {
    const page = await fetcher.fetchPage(source.url);
    if (!page) return { pages: [], posts: [], partial: false };
    const posts = parseFeed(page.text, page.url);
    const maxItems = source.limits?.maxItems ?? DEFAULT_MAX_ITEMS;
    return {
      pages: [page],
      posts: posts.slice(0, maxItems).map((post) => ({ ...post, pageIndex: 0 })),
      partial: posts.length > maxItems,
    };
  },
};
