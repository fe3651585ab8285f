import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrowserTabs } from '../../crawler/browser-tabs.js';
import { launchCrawlingChromium } from '../../crawler/chromium.js';
import { fetchGuarded } from '../../crawler/http-fetch.js';
import { parseHtmlPage } from '../../crawler/parsers/html-page.js';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';

const SELECTORS = { item: 'article.post', text: '.body', author: '.author', idAttribute: 'data-id' };
const STATIC_PAGES = 300;
const BROWSER_PAGES = 500;
/** Pages fetched at once: the default per-host concurrency (MONITOR_CRAWLER_HOST_CONCURRENCY). */
const PAGES_AT_ONCE = 2;

/** A ~100 KB forum page of 50 posts, served from memory on loopback. */
function forumPage(): string {
  const post = (i: number) =>
    `<article class="post" data-id="p${i}"><span class="author">membre${i}</span><div class="body">` +
    `${'Message du forum au sujet du programme et de la soirée de jeudi, merci à tous. '.repeat(24)}</div></article>`;
  return `<!doctype html><html lang="fr"><body>${Array.from({ length: 50 }, (_, i) => post(i)).join('\n')}</body></html>`;
}

/**
 * Crawler throughput on loopback: the cheerio path (guarded fetch + parse) on 100 KB pages, and the
 * browser path (Debian Chromium: tabs reused per site, render, screenshot, parse) over 500 pages,
 * with Chromium's processes and memory before and after (once idle tabs have closed). Prints pages/s and the memory figures.
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
    let posts = 0;
    const fetchAndParse = async (i: number) => {
      const result = await fetchGuarded(`http://${host}/page/${i}`, { guard, userAgent: 'ComplianceMonitor/bench' });
      if (!result.notModified) posts += parseHtmlPage(result.text, result.url, SELECTORS).posts.length;
    };
    // Compiled code first: the first pages run while V8 is still optimizing the parser.
    for (let i = 0; i < 50; i++) await fetchAndParse(i);
    const sequentialRate = await pagesPerSecond(STATIC_PAGES, 1, fetchAndParse);
    const concurrentRate = await pagesPerSecond(STATIC_PAGES, PAGES_AT_ONCE, fetchAndParse);
    const browser = await launchCrawlingChromium(chromiumPath, guard);
    try {
      // Idle tabs close after 2 s here (10 s in the worker) so the memory after the run is measured without them.
      const tabs = createBrowserTabs(async () => browser, { guard, userAgent: 'ComplianceMonitor/bench', idleMs: 2_000 });
      const adapter = getAdapterOrThrow('browser', { browser: { tabs } });
      const fetcher = createPageFetcher({ guard, userAgent: 'ComplianceMonitor/bench' });
      const crawlPage = (i: number) =>
        adapter.crawl({ sourceId: 'bench', org: 'bench', type: 'browser', url: `http://${host}/page/${i}`, selectors: SELECTORS, limits: { maxPages: 0 } }, fetcher);
      // Baseline once the browser has rendered one page and closed its tab.
      await crawlPage(-1);
      const baseline = await settledChromiumMemory();
      const browserRate = await pagesPerSecond(BROWSER_PAGES, PAGES_AT_ONCE, crawlPage);
      const after = await settledChromiumMemory();
      const grownMb = (after.rssKb - baseline.rssKb) / 1024;
      const unmatched = [...baseline.types];
      const extra = after.types.filter((type) => {
        const index = unmatched.indexOf(type);
        if (index < 0) return true;
        unmatched.splice(index, 1);
        return false;
      });
      return [
        `crawler benchmark on loopback (${Math.round(html.length / 1024)} KB pages of 50 posts)`,
        `  cheerio path (guarded fetch + parse): ${concurrentRate.toFixed(0)} pages/s ${PAGES_AT_ONCE} at once (target 100: ${concurrentRate >= 100 ? 'met' : 'NOT met'}), ${sequentialRate.toFixed(0)} pages/s one at a time (${posts} posts read)`,
        `  browser path (tab reused per site, render, screenshot, parse; ${PAGES_AT_ONCE} jobs at once): ${browserRate.toFixed(1)} pages/s over ${BROWSER_PAGES} pages (target 6: ${browserRate >= 6 ? 'met' : 'NOT met'})`,
        `  Chromium after ${BROWSER_PAGES} pages: ${after.processes} processes, ${(after.rssKb / 1024).toFixed(0)} MB RSS; baseline ${baseline.processes} processes, ${(baseline.rssKb / 1024).toFixed(0)} MB (${grownMb >= 0 ? '+' : ''}${grownMb.toFixed(0)} MB; back to baseline: ${after.processes <= baseline.processes && grownMb <= baseline.rssKb / 1024 / 10 ? 'yes' : 'NO'}, within 10%; processes ${after.types.join(', ')}${extra.length > 0 ? `, not in the baseline: ${extra.join(', ')}` : ''})`,
      ];
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
  }
}

/** Visits pages 0 to count - 1, `atOnce` at a time; returns pages per second. */
async function pagesPerSecond(count: number, atOnce: number, visit: (page: number) => Promise<unknown>): Promise<number> {
  const startedAt = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      while (next < count) await visit(next++);
    }),
  );
  return count / ((Date.now() - startedAt) / 1000);
}

/** Chromium processes below this one (with their `--type`), and their summed resident memory, read from `ps`. */
function chromiumMemory(): { processes: number; rssKb: number; types: string[] } {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,comm=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((row) => row.length >= 4)
    .map(([pid, ppid, rss, command, ...args]) => ({
      pid: Number(pid),
      ppid: Number(ppid),
      rssKb: Number(rss),
      command: command!,
      type: /--type=([\w-]+)/.exec(args.join(' '))?.[1] ?? 'browser',
    }));
  const below = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows) {
      if (!below.has(row.pid) && below.has(row.ppid)) {
        below.add(row.pid);
        grew = true;
      }
    }
  }
  const chromium = rows.filter((row) => below.has(row.pid) && row.command.startsWith('chrom'));
  return { processes: chromium.length, rssKb: chromium.reduce((sum, row) => sum + row.rssKb, 0), types: chromium.map((row) => row.type).sort() };
}

/**
 * Memory once closed contexts' renderers have exited: they go asynchronously, later under load,
 * so this waits until the process list has not changed for 3 s (at most 20 s).
 */
async function settledChromiumMemory(): Promise<{ processes: number; rssKb: number; types: string[] }> {
  let last = chromiumMemory();
  let stableSince = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() - stableSince < 3_000 && Date.now() < deadline) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    const now = chromiumMemory();
    if (now.types.join() !== last.types.join()) stableSince = Date.now();
    last = now;
  }
  return last;
}
