import type { Browser, Page, Response } from 'playwright-core';
import { SourceRejectedError, SourceUnavailableError } from '../lib/errors.js';
import { guardBrowserContext } from './browser-guard.js';
import type { FetchedPage } from './types.js';
import type { UrlGuardOptions } from './url-guard.js';

export interface RenderOptions {
  guard: UrlGuardOptions;
  userAgent: string;
  /** @default 30000 */
  timeoutMs?: number;
  /** Time given to scripts after the DOM is ready. @default 800 */
  settleMs?: number;
}

/**
 * One JavaScript-rendered page (a public group page): Debian's Chromium loads it with every
 * request guarded and service workers blocked, waits for scripts, and returns the rendered HTML
 * and a screenshot as evidence. The context is closed whatever happens.
 */
export async function renderPage(browser: Browser, url: string, options: RenderOptions): Promise<FetchedPage & { text: string }> {
  const context = await browser.newContext({ serviceWorkers: 'block', userAgent: options.userAgent, acceptDownloads: false });
  try {
    await guardBrowserContext(context, options.guard);
    const page = await context.newPage();
    const response = await page.goto(url, { timeout: options.timeoutMs ?? 30_000, waitUntil: 'domcontentloaded' });
    const status = response?.status() ?? 0;
    if (status === 404 || status === 410) throw new SourceRejectedError(`${url}: ${status}`);
    if (status >= 400 || status === 0) throw new SourceUnavailableError(`${url}: ${status || 'no response'}`);
    await page.waitForTimeout(options.settleMs ?? 800);
    return await capturePage(page, response, status);
  } catch (error) {
    if (error instanceof SourceRejectedError || error instanceof SourceUnavailableError) throw error;
    throw new SourceUnavailableError(`${url}: browser failed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  } finally {
    await context.close().catch(() => {});
  }
}

/** The rendered page as evidence: its HTML, response headers and a PNG screenshot (from the top). */
export async function capturePage(page: Page, response: Response | null, status: number, screenshotTimeoutMs?: number): Promise<FetchedPage & { text: string }> {
  const html = await page.content();
  await page.evaluate('window.scrollTo(0, 0)');
  const screenshot = await page.screenshot({ type: 'png', ...(screenshotTimeoutMs ? { timeout: screenshotTimeoutMs } : {}) });
  return {
    url: page.url(),
    fetchedAt: new Date(),
    status,
    headers: (await response?.allHeaders()) ?? {},
    body: new TextEncoder().encode(html),
    contentType: 'text/html; charset=utf-8',
    screenshot: new Uint8Array(screenshot),
    text: html,
  };
}
