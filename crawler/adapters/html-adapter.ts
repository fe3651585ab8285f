import { SourceRejectedError } from '../../lib/errors.js';
import { parseHtmlPage } from '../parsers/html-page.js';
import type { CrawlOutput, SourceAdapter } from '../types.js';

const DEFAULT_MAX_PAGES = 5;
const DEFAULT_MAX_ITEMS = 500;

/** Static HTML pages read with CSS selectors, following "next page" links up to the limits. */
export const htmlAdapter: SourceAdapter = {
  type: 'html',
  async crawl(source, fetcher) {
    if (!source.selectors) throw new SourceRejectedError(`source ${source.sourceId}: html sources need selectors`, { fr: `source ${source.sourceId} : une source html a besoin de selectors` });
    const maxPages = source.limits?.maxPages ?? DEFAULT_MAX_PAGES;
    const maxItems = source.limits?.maxItems ?? DEFAULT_MAX_ITEMS;
    const output: CrawlOutput = { pages: [], posts: [], partial: false };
    const seen = new Set<string>();
    let next: string | undefined = source.url;
    while (next !== undefined) {
      if (seen.has(next)) break; // a "next" link back to a page already read ends the crawl
      if (output.pages.length >= maxPages || output.posts.length >= maxItems) {
        output.partial = true;
        break;
      }
      seen.add(next);
      const page = await fetcher.fetchPage(next);
      if (!page) break;
      const parsed = parseHtmlPage(page.text, page.url, source.selectors);
      const pageIndex = output.pages.push(page) - 1;
      const room = maxItems - output.posts.length;
      if (parsed.posts.length > room) output.partial = true;
      for (const post of parsed.posts.slice(0, room)) output.posts.push({ ...post, pageIndex });
      next = parsed.nextPage;
    }
    return output;
  },
};
