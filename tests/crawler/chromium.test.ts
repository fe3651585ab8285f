import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertChromiumAvailable, launchChromium } from '../../crawler/chromium.js';
import { loadConfig } from '../../config/index.js';
import { StartupError } from '../../lib/errors.js';

const { config } = loadConfig({ MONITOR_ENV: 'test' });
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><main id="feed"></main>
<script>document.getElementById('feed').textContent = 'publication ajoutée par script';</script>`);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('Debian Chromium through playwright-core', () => {
  it('when a page inserts content by script, then the real browser renders it', async () => {
    const browser = await launchChromium(config.crawler.chromiumPath);
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(base);

      expect(await page.textContent('#feed')).toBe('publication ajoutée par script');
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('when the configured path does not exist, then a StartupError names it', () => {
    expect(() => assertChromiumAvailable('/nowhere/chromium')).toThrow(StartupError);
    expect(() => assertChromiumAvailable('/nowhere/chromium')).toThrow(/Chromium not found at \/nowhere\/chromium/);
  });
});
