import type { Response } from 'playwright-core';
import { SourceRejectedError, SourceUnavailableError } from '../lib/errors.js';
import { VIEWPORT, type BrowserTabs, type Tab } from './browser-tabs.js';
import type { FetchedPage } from './types.js';

export interface RenderOptions {
  /** @default 30000 */
  timeoutMs?: number;
  /** Time given to scripts after the DOM is ready. @default 800 */
  settleMs?: number;
}

export type RenderedPage = FetchedPage & { text: string };

/**
 * One JavaScript-rendered page (a public group page): Debian's Chromium loads it in a guarded tab
 * (every request checked, service workers blocked), waits for scripts, and returns the rendered
 * HTML and a screenshot as evidence.
 */
export async function renderPage(tabs: BrowserTabs, url: string, options: RenderOptions = {}): Promise<RenderedPage> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  return inTab(tabs, url, async (tab) => {
    const { response, status } = await openPage(tab, url, deadline);
    await tab.page.waitForTimeout(options.settleMs ?? 800);
    return capturePage(tab, response, status, deadline);
  });
}

/**
 * Runs `use` on a tab for `url`'s origin; any failure that is not already a crawl error becomes a
 * transient SourceUnavailableError naming the URL (a browser that died is retried later).
 */
export async function inTab<T>(tabs: BrowserTabs, url: string, use: (tab: Tab) => Promise<T>): Promise<T> {
  try {
    return await tabs.withTab(new URL(url).origin, use);
  } catch (error) {
    if (error instanceof SourceRejectedError || error instanceof SourceUnavailableError) throw error;
    const detail = (error as Error).message.split('\n')[0];
    throw new SourceUnavailableError(`${url}: browser failed: ${detail}`, { cause: error, fr: `${url} : le navigateur a échoué : ${detail}` });
  }
}

/** Navigates the tab; 404/410 are permanent, other failures transient. */
export async function openPage(tab: Tab, url: string, deadline: number): Promise<{ response: Response | null; status: number }> {
  const response = await tab.page.goto(url, { timeout: remainingMs(deadline), waitUntil: 'domcontentloaded' });
  const status = response?.status() ?? 0;
  if (status === 404 || status === 410) throw new SourceRejectedError(`${url}: ${status}`, { fr: `${url} : ${status} (la page n’existe plus)` });
  if (status >= 400 || status === 0) throw new SourceUnavailableError(`${url}: ${status || 'no response'}`, { fr: `${url} : ${status || 'aucune réponse'}` });
  return { response, status };
}

/**
 * The rendered page as evidence: its HTML serialised by Chromium itself (page scripts cannot
 * disguise it, and no helper script is injected into the page), response headers, and a PNG of
 * the viewport from the top. Encoding favours speed over file size; it stays lossless.
 */
export async function capturePage(tab: Tab, response: Response | null, status: number, deadline: number): Promise<RenderedPage> {
  const html = await beforeDeadline(renderedHtml(tab), deadline, 'reading the rendered page');
  await beforeDeadline(evaluateInPage(tab, 'window.scrollTo(0, 0)'), deadline, 'scrolling back up');
  const screenshot = await screenshotViewport(tab, deadline);
  return {
    url: tab.page.url(),
    fetchedAt: new Date(),
    status,
    headers: (await response?.allHeaders()) ?? {},
    body: new TextEncoder().encode(html),
    contentType: 'text/html; charset=utf-8',
    screenshot,
    text: html,
  };
}

const SCREENSHOT_RETRY_MS = 100;

/** What Chromium answers while a screenshot cannot be taken yet, but soon can. */
const SCREENSHOT_NOT_YET = /Unable to capture screenshot|Not attached to an active page/;

/**
 * A PNG of the viewport from the top. Chromium answers "Unable to capture screenshot" at once
 * while the page has no frame to show yet (a script kept it busy since it loaded, or the machine
 * is), and "Not attached to an active page" while a navigation is still swapping the page's
 * renderer: both are asked again until the job's deadline.
 */
export async function screenshotViewport(tab: Tab, deadline: number): Promise<Uint8Array> {
  for (;;) {
    try {
      const request = tab.cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, clip: { x: 0, y: 0, ...VIEWPORT, scale: 1 } });
      return new Uint8Array(Buffer.from((await beforeDeadline(request, deadline, 'taking the screenshot')).data, 'base64'));
    } catch (error) {
      if (!SCREENSHOT_NOT_YET.test((error as Error).message) || Date.now() + SCREENSHOT_RETRY_MS >= deadline) throw error;
      await new Promise((resolveWait) => setTimeout(resolveWait, SCREENSHOT_RETRY_MS));
    }
  }
}

async function renderedHtml(tab: Tab): Promise<string> {
  return (await tab.cdp.send('DOM.getOuterHTML', { nodeId: await documentNodeId(tab) })).outerHTML;
}

/** How many elements match `selector` now, counted by Chromium's DOM (no script in the page). */
export async function countMatches(tab: Tab, selector: string): Promise<number> {
  return (await tab.cdp.send('DOM.querySelectorAll', { nodeId: await documentNodeId(tab), selector })).nodeIds.length;
}

/** The current document's node in Chromium's DOM (node ids change with every navigation). */
async function documentNodeId(tab: Tab): Promise<number> {
  return (await tab.cdp.send('DOM.getDocument', { depth: 0 })).root.nodeId;
}

/** Evaluates a script in the page and returns its JSON value (scroll height, scrolling). */
export async function evaluateInPage(tab: Tab, expression: string): Promise<unknown> {
  const { result, exceptionDetails } = await tab.cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (exceptionDetails) throw new Error(`script failed in the page: ${exceptionDetails.text}`);
  return result.value;
}

export function remainingMs(deadline: number): number {
  return Math.max(1_000, deadline - Date.now());
}

/** DevTools calls have no timeout of their own; a page that hangs them fails the job, and its tab is closed. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out ${what}`)), remainingMs(deadline));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
