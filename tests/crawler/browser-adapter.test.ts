import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { createBrowserTabs, type BrowserTabs } from '../../crawler/browser-tabs.js';
import { launchCrawlingChromium } from '../../crawler/chromium.js';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';
import { screenshotViewport } from '../../crawler/render-page.js';
import type { SourceConfig } from '../../crawler/types.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { startCanary, startFixtureServer } from '../support/fixture-server.js';

const { config } = loadConfig({ MONITOR_ENV: 'test' });
let browser: Browser;
let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
let canary: Awaited<ReturnType<typeof startCanary>>;

beforeAll(async () => {
  canary = await startCanary();
  const page = readFileSync(join(PROJECT_ROOT, 'fixtures/pages/group-js.html'), 'utf8').replace(
    "window.CANARY_URL || 'http://127.0.0.1:9/'",
    `'http://127.0.0.1:${canary.port}/'`,
  );
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/groupe': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page);
    },
    // Shows what an earlier job left behind (cookie, storage), then leaves some itself and opens a pop-up.
    '/etat': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="fr"><body><script>
        const left = 'cookie=' + (document.cookie || 'aucun') + ' stockage=' + (localStorage.getItem('vu') || 'aucun');
        document.body.insertAdjacentHTML('beforeend', '<article class="post" data-id="e-1"><span class="author">x</span><p class="text">' + left + '</p></article>');
        document.cookie = 'vu=1; path=/';
        localStorage.setItem('vu', '1');
        window.open('/etat-popup');
      </script></body></html>`);
    },
    // A script keeps the page busy while it loads, before its first frame, for ?ms= milliseconds.
    '/occupee': (req, res) => {
      const ms = Number(new URL(req.url ?? '', 'http://x').searchParams.get('ms'));
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><p>occupée</p><script>const t = Date.now(); while (Date.now() < t + ${ms}) {}</script><p>prête</p>`);
    },
    '/sw.js': (_req, res) => {
      res.setHeader('content-type', 'application/javascript');
      res.end('self.addEventListener("fetch", () => {});');
    },
  });
  browser = await launchCrawlingChromium(config.crawler.chromiumPath, { allowedTestHosts: [fixture.host] });
});

afterAll(async () => {
  await browser.close();
  await fixture.close();
  await canary.close();
});

const source: SourceConfig = {
  sourceId: 'groupe-js',
  org: 'portage',
  type: 'browser',
  url: '',
  selectors: { item: 'article.post', text: '.text', author: '.author', idAttribute: 'data-id' },
  limits: { maxPages: 3, maxItems: 100 },
};

/** Tabs that close soon after their last job, so the tests can see the browser emptied. */
function tabsFor(guard: { allowedTestHosts: string[] }): BrowserTabs {
  return createBrowserTabs(async () => browser, { guard, userAgent: 'ComplianceMonitor/test', idleMs: 300 });
}

describe('browser adapter in Debian Chromium', () => {
  it('when posts are inserted by script with endless scrolling, then it stops at the scroll limit and says partial', async () => {
    const guard = { allowedTestHosts: [fixture.host] };
    const adapter = getAdapterOrThrow('browser', { browser: { tabs: tabsFor(guard) } });

    const output = await adapter.crawl({ ...source, url: `${fixture.base}/groupe` }, createPageFetcher({ guard, userAgent: 'ComplianceMonitor/test' }));

    expect(output.partial).toBe(true);
    expect(output.posts.length).toBeGreaterThanOrEqual(9);
    expect(output.posts.length).toBeLessThanOrEqual(15);
    expect(output.posts[0]).toMatchObject({ externalId: 'g-1', author: 'membre1', text: 'Message numéro 1 du groupe' });
    expect(new TextDecoder().decode(output.pages[0]!.body)).toContain('data-id="g-1"');
    expect([...output.pages[0]!.screenshot!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // PNG signature
    expect(canary.connections()).toBe(0);
    expect(fixture.hits).not.toContain('/sw.js');
    await expect.poll(() => browser.contexts().length).toBe(0);
  });

  it('when a second job crawls the same site, then it reuses the tab but sees none of the cookies, storage or pop-ups the first left', async () => {
    const guard = { allowedTestHosts: [fixture.host] };
    const tabs = tabsFor(guard);
    const adapter = getAdapterOrThrow('browser', { browser: { tabs } });
    const fetcher = createPageFetcher({ guard, userAgent: 'ComplianceMonitor/test' });
    const etat = { ...source, url: `${fixture.base}/etat`, limits: { maxPages: 0 } };

    const first = await adapter.crawl(etat, fetcher);
    const context = browser.contexts()[0];
    const second = await adapter.crawl(etat, fetcher);

    expect(first.posts[0]?.text).toBe('cookie=aucun stockage=aucun');
    expect(second.posts[0]?.text).toBe('cookie=aucun stockage=aucun');
    expect(browser.contexts()).toEqual([context]);
    await expect.poll(() => context?.pages().length).toBe(1);
    expect(tabs.idleCount()).toBe(1);
    await expect.poll(() => browser.contexts().length).toBe(0);
  });

  it('when a job fails in its tab, then that tab is closed rather than lent again', async () => {
    const guard = { allowedTestHosts: [fixture.host] };
    const tabs = tabsFor(guard);
    const adapter = getAdapterOrThrow('browser', { browser: { tabs } });

    await expect(
      adapter.crawl({ ...source, url: `${fixture.base}/absente` }, createPageFetcher({ guard, userAgent: 'ComplianceMonitor/test' })),
    ).rejects.toThrow(/404/);
    expect(tabs.idleCount()).toBe(0);
    expect(browser.contexts()).toHaveLength(0);
  });

  it('when the page is not allowed by the SSRF guard, then nothing is opened', async () => {
    const adapter = getAdapterOrThrow('browser', { browser: { tabs: tabsFor({ allowedTestHosts: [] }) } });

    await expect(
      adapter.crawl({ ...source, url: `${fixture.base}/groupe` }, createPageFetcher({ guard: { allowedTestHosts: [] }, userAgent: 'ComplianceMonitor/test' })),
    ).rejects.toThrow(/port not allowed/);
    expect(browser.contexts()).toHaveLength(0);
  });
});

describe('screenshots as evidence', () => {
  const screenshotOf = (path: string, deadlineMs: number) =>
    tabsFor({ allowedTestHosts: [fixture.host] }).withTab(fixture.base, async (tab) => {
      await tab.page.goto(`${fixture.base}${path}`, { waitUntil: 'commit' });
      return screenshotViewport(tab, Date.now() + deadlineMs);
    });

  it('when a script keeps the page busy before its first frame, then Chromium is asked again until it can show one', async () => {
    const png = await screenshotOf('/occupee?ms=1500', 15_000);

    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('when the page stays busy past the deadline, then the screenshot is asked for until then, fails, and its tab is closed', async () => {
    const startedAt = Date.now();

    await expect(screenshotOf('/occupee?ms=30000', 1_500)).rejects.toThrow(/Unable to capture screenshot|Not attached to an active page|timed out taking the screenshot/);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_200);
    await expect.poll(() => browser.contexts().length).toBe(0);
  });
});
