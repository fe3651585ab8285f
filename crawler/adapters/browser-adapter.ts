import type { Browser, BrowserContext } from 'playwright-core';
import { SourceRejectedError, SourceUnavailableError } from '../../lib/errors.js';
import { parseHtmlPage } from '../parsers/html-page.js';
import type { CrawlOutput, SourceAdapter } from '../types.js';
import { guardBrowserContext } from '../browser-guard.js';
import { capturePage } from '../render-page.js';
import type { UrlGuardOptions } from '../url-guard.js';

export interface BrowserAdapterOptions {
  /** The worker's one browser, launched once and shared. */
  getBrowser(): Promise<Browser>;
  guard: UrlGuardOptions;
  userAgent: string;
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
 * page, scrolls it a bounded number of times, and the rendered HTML goes through the same pure
 * parser as static pages. Every request the page makes is re-checked by the SSRF guard; service
 * workers are blocked; the context is closed whatever happens.
 */
export function createBrowserAdapter(options: BrowserAdapterOptions): SourceAdapter {
  return {
    type: 'browser',
    async crawl(source, fetcher) {
      if (!source.selectors) throw new SourceRejectedError(`source ${source.sourceId}: browser sources need selectors`);
      // The host's request slot is held until the page is rendered and its context closed.
      const release = await fetcher.checkAllowed(source.url);
      const deadline = Date.now() + (options.deadlineMs ?? 60_000);
      let context: BrowserContext | undefined;
      try {
        context = await (await options.getBrowser()).newContext({ serviceWorkers: 'block', userAgent: options.userAgent, acceptDownloads: false });
        await guardBrowserContext(context, options.guard);
        const page = await context.newPage();
        const response = await page.goto(source.url, { timeout: remaining(deadline), waitUntil: 'domcontentloaded' });
        const status = response?.status() ?? 0;
        if (status === 404 || status === 410) throw new SourceRejectedError(`${source.url}: ${status}`);
        if (status >= 400 || status === 0) throw new SourceUnavailableError(`${source.url}: ${status || 'no response'}`);
        const maxItems = source.limits?.maxItems ?? DEFAULT_MAX_ITEMS;
        const maxScrolls = source.limits?.maxPages ?? DEFAULT_MAX_SCROLLS;
        let partial = false;
        for (let scroll = 0; ; scroll++) {
          // Limits first: counting items injects Playwright's selector engine (~150 ms a page).
          if (scroll >= maxScrolls || Date.now() > deadline - 2_000) {
            partial = true;
            break;
          }
          const count = await page.locator(source.selectors.item).count();
          if (count >= maxItems) {
            partial = true;
            break;
          }
          // Page scripts run in the browser, so they are given as source text (no DOM types here).
          const height = Number(await page.evaluate(SCROLL_HEIGHT));
          await page.evaluate(SCROLL_TO_END);
          await page.waitForTimeout(SCROLL_SETTLE_MS);
          const grown = (await page.locator(source.selectors.item).count()) > count || Number(await page.evaluate(SCROLL_HEIGHT)) > height;
          if (!grown) break;
        }
        const { text: html, ...captured } = await capturePage(page, response, status, remaining(deadline));
        const parsed = parseHtmlPage(html, captured.url, source.selectors);
        const output: CrawlOutput = {
          pages: [captured],
          posts: parsed.posts.slice(0, maxItems).map((post) => ({ ...post, pageIndex: 0 })),
          partial: partial || parsed.posts.length > maxItems,
        };
        return output;
      } catch (error) {
        if (error instanceof SourceRejectedError || error instanceof SourceUnavailableError) throw error;
        throw new SourceUnavailableError(`${source.url}: browser failed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
      } finally {
        await context?.close().catch(() => {});
        await release();
      }
    },
  };
}

function remaining(deadline: number): number {
  return Math.max(1_000, deadline - Date.now());
}
