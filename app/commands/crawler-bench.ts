import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchCrawlingChromium } from '../../crawler/chromium.js';
import { fetchGuarded } from '../../crawler/http-fetch.js';
import { parseHtmlPage } from '../../crawler/parsers/html-page.js';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';

const SELECTORS = { item: 'article.post', text: '.body', author: '.author', idAttribute: 'data-id' };
const STATIC_PAGES = 300;
const BROWSER_PAGES = 30;

/** A ~100 KB forum page of 50 posts, served from memory on loopback. */
function forumPage(): string {
  const post = (i: number) =>
    `<article class="post" data-id="p${i}"><span class="author">membre${i}</span><div class="body">` +
    `${'Message du forum au sujet du programme et de la soirée de jeudi, merci à tous. '.repeat(24)}</div></article>`;
  return `<!doctype html><html lang="fr"><body>${Array.from({ length: 50 }, (_, i) => post(i)).join('\n')}</body></html>`;
}

/**
 * Crawler throughput on loopback: the cheerio path (guarded fetch + parse) on 100 KB pages, and the
 * browser path (Debian Chromium render + parse). Prints pages/s.
 */
export async function benchCrawler(chromiumPath: string): Promise<string[]> {
  const html = forumPage();
  const server = createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.end('User-agent: *\nAllow: /\n');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const guard = { allowedTestHosts: [host] };
  try {
    let started = Date.now();
    let posts = 0;
    for (let i = 0; i < STATIC_PAGES; i++) {
      const result = await fetchGuarded(`http://${host}/page/${i}`, { guard, userAgent: 'ComplianceMonitor/bench' });
      if (!result.notModified) posts += parseHtmlPage(result.text, result.url, SELECTORS).posts.length;
    }
    const staticRate = STATIC_PAGES / ((Date.now() - started) / 1000);
    const browser = await launchCrawlingChromium(chromiumPath, guard);
    try {
      const adapter = getAdapterOrThrow('browser', { browser: { getBrowser: async () => browser, guard, userAgent: 'ComplianceMonitor/bench' } });
      const fetcher = createPageFetcher({ guard, userAgent: 'ComplianceMonitor/bench' });
      started = Date.now();
      for (let i = 0; i < BROWSER_PAGES; i++) {
        await adapter.crawl({ sourceId: 'bench', org: 'bench', type: 'browser', url: `http://${host}/page/${i}`, selectors: SELECTORS, limits: { maxPages: 0 } }, fetcher);
      }
      const browserRate = BROWSER_PAGES / ((Date.now() - started) / 1000);
      return [
        `crawler benchmark on loopback (${Math.round(html.length / 1024)} KB pages of 50 posts)`,
        `  cheerio path (guarded fetch + parse): ${staticRate.toFixed(0)} pages/s (${posts} posts)`,
        `  browser path (Chromium render + parse): ${browserRate.toFixed(1)} pages/s`,
      ];
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
  }
}
