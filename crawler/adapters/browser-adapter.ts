import { SourceRejectedError } from '../../lib/errors.js';
import { parseHtmlPage } from '../parsers/html-page.js';
import type { CrawlOutput, SourceAdapter } from '../types.js';
import type { BrowserTabs, Tab } from '../browser-tabs.js';
import { capturePage, countMatches, evaluateInPage, inTab, openPage } from '../render-page.js';

export interface BrowserAdapterOptions {
  /** The worker's tabs in its one browser, shared by its jobs. */
  tabs: BrowserTabs;
  /** Whole-job deadline. @default 60000 */
  deadlineMs?: number;
}

const DEFAULT_MAX_SCROLLS = 10;
const DEFAULT_MAX_ITEMS = 500;
const SCROLL_SETTLE_MS = 400;
const SCROLL_HEIGHT = 'document.body.scrollHeight';
const SCROLL_TO_END = 'window.scrollTo(0, document.body.scrollHeight)';

/**
 * JavaScript-rendered pages (public group pages behave this way): Debian's Chromium renders the
 * page in a guarded tab, scrolls it a bounded number of times, and the rendered HTML goes through
 * the same pure parser as static pages. Every request the page makes is re-checked by the SSRF
 * guard and service workers are blocked (crawler/browser-tabs.ts).
 */
export function createBrowserAdapter(options: BrowserAdapterOptions): SourceAdapter {
  return {
    type: 'browser',
    async crawl(source, fetcher) {
      const selectors = source.selectors;
      if (!selectors) throw new SourceRejectedError(`source ${source.sourceId}: browser sources need selectors`, { fr: `source ${source.sourceId} : une source browser a besoin de selectors` });
      // The host's request slot is held until the page is rendered and its tab given back.
      const release = await fetcher.checkAllowed(source.url);
      const deadline = Date.now() + (options.deadlineMs ?? 60_000);
      try {
        return await inTab(options.tabs, source.url, async (tab): Promise<CrawlOutput> => {
          const { response, status } = await openPage(tab, source.url, deadline);
          const maxItems = source.limits?.maxItems ?? DEFAULT_MAX_ITEMS;
          const scrolledToLimit = await scrollForMore(tab, selectors.item, {
            maxScrolls: source.limits?.maxPages ?? DEFAULT_MAX_SCROLLS,
            maxItems,
            deadline,
          });
          const { text: html, ...captured } = await capturePage(tab, response, status, deadline);
          const parsed = parseHtmlPage(html, captured.url, selectors);
          return {
            pages: [captured],
            posts: parsed.posts.slice(0, maxItems).map((post) => ({ ...post, pageIndex: 0 })),
            partial: scrolledToLimit || parsed.posts.length > maxItems,
          };
        });
      } finally {
        await release();
      }
    },
  };
}

/**
 * Endless scrolling, bounded: scrolls to the end until nothing new appears, or a limit (scrolls,
 * items, time) stops it; returns true when a limit did.
 */
async function scrollForMore(tab: Tab, itemSelector: string, limits: { maxScrolls: number; maxItems: number; deadline: number }): Promise<boolean> {
  for (let scroll = 0; ; scroll++) {
    if (scroll >= limits.maxScrolls || Date.now() > limits.deadline - 2_000) return true;
    const count = await countMatches(tab, itemSelector);
    if (count >= limits.maxItems) return true;
    const height = Number(await evaluateInPage(tab, SCROLL_HEIGHT));
    await evaluateInPage(tab, SCROLL_TO_END);
    await tab.page.waitForTimeout(SCROLL_SETTLE_MS);
    const grown = (await countMatches(tab, itemSelector)) > count || Number(await evaluateInPage(tab, SCROLL_HEIGHT)) > height;
    if (!grown) return false;
  }
}
