import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { launchCrawlingChromium } from '../../crawler/chromium.js';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';
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

describe('browser adapter in Debian Chromium', () => {
  it('when posts are inserted by script with endless scrolling, then it stops at the scroll limit and says partial', async () => {
    const guard = { allowedTestHosts: [fixture.host] };
    const adapter = getAdapterOrThrow('browser', { browser: { getBrowser: async () => browser, guard, userAgent: 'ComplianceMonitor/test' } });

    const output = await adapter.crawl({ ...source, url: `${fixture.base}/groupe` }, createPageFetcher({ guard, userAgent: 'ComplianceMonitor/test' }));

    expect(output.partial).toBe(true);
    expect(output.posts.length).toBeGreaterThanOrEqual(9);
    expect(output.posts.length).toBeLessThanOrEqual(15);
    expect(output.posts[0]).toMatchObject({ externalId: 'g-1', author: 'membre1', text: 'Message numéro 1 du groupe', lang: 'fr' });
    expect(new TextDecoder().decode(output.pages[0]!.body)).toContain('data-id="g-1"');
    expect([...output.pages[0]!.screenshot!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // PNG signature
    expect(canary.connections()).toBe(0);
    expect(fixture.hits).not.toContain('/sw.js');
    expect(browser.contexts()).toHaveLength(0);
  });

  it('when the page is not allowed by the SSRF guard, then nothing is opened', async () => {
    const adapter = getAdapterOrThrow('browser', { browser: { getBrowser: async () => browser, guard: { allowedTestHosts: [] }, userAgent: 'x' } });

    await expect(
      adapter.crawl({ ...source, url: `${fixture.base}/groupe` }, createPageFetcher({ guard: { allowedTestHosts: [] }, userAgent: 'ComplianceMonitor/test' })),
    ).rejects.toThrow(/port not allowed/);
    expect(browser.contexts()).toHaveLength(0);
  });
});
