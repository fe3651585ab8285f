import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { guardBrowserContext } from './browser-guard.js';
import type { UrlGuardOptions } from './url-guard.js';

/** A guarded context with one page and a DevTools session on it, lent to one job at a time. */
export interface Tab {
  page: Page;
  /** Raw DevTools protocol: native DOM serialisation and screenshots, untouched by page scripts. */
  cdp: CDPSession;
}

export interface BrowserTabs {
  /**
   * Runs `use` on a tab for pages of `origin`. The tab goes back to the pool afterwards when
   * `use` succeeded; a tab whose job failed is closed, since its page may be in any state.
   */
  withTab<T>(origin: string, use: (tab: Tab) => Promise<T>): Promise<T>;
  /** Idle tabs kept now (for tests and the benchmark). */
  idleCount(): number;
  /** Closes the idle tabs; tabs in use close when their job ends. */
  close(): Promise<void>;
}

export interface BrowserTabsOptions {
  guard: UrlGuardOptions;
  userAgent: string;
  /** An idle tab is closed after this long, so Chromium's memory goes back to its baseline. @default 10000 */
  idleMs?: number;
  /** A tab is closed after this many jobs, so one renderer's memory cannot grow for ever. @default 100 */
  maxUses?: number;
  /** Idle tabs kept at most (the oldest is closed first). @default 4 */
  maxIdle?: number;
}

/** The window every tab renders in; the screenshot is this area from the top of the page. */
export const VIEWPORT = { width: 1280, height: 720 } as const;

interface PooledTab extends Tab {
  browser: Browser;
  context: BrowserContext;
  origin: string;
  uses: number;
  idleTimer?: NodeJS.Timeout;
}

/**
 * A fresh context and renderer per page costs more than the page itself (~250 ms of CPU here), so
 * tabs are kept between jobs of the same origin. Between jobs a tab is reset: its page is frozen
 * (the site's scripts and timers stop; navigating to about:blank instead costs two renderer swaps),
 * its cookies and the origin's storage are cleared, and pages it opened are closed as soon as they
 * open. A job for another origin gets its own tab, so sites never share a context. Each context
 * has the SSRF guard and blocked service workers.
 */
export function createBrowserTabs(getBrowser: () => Promise<Browser>, options: BrowserTabsOptions): BrowserTabs {
  const idleMs = options.idleMs ?? 10_000;
  const maxUses = options.maxUses ?? 100;
  const maxIdle = options.maxIdle ?? 4;
  const idle: PooledTab[] = [];

  const discard = async (tab: PooledTab) => {
    clearTimeout(tab.idleTimer);
    const index = idle.indexOf(tab);
    if (index >= 0) idle.splice(index, 1);
    await tab.context.close().catch(() => {});
  };

  const open = async (origin: string): Promise<PooledTab> => {
    const browser = await getBrowser();
    const context = await browser.newContext({ serviceWorkers: 'block', userAgent: options.userAgent, acceptDownloads: false, viewport: VIEWPORT });
    try {
      await guardBrowserContext(context, options.guard);
      const page = await context.newPage();
      // Pop-ups and new windows are never part of the evidence.
      context.on('page', (opened) => {
        if (opened !== page) void opened.close().catch(() => {});
      });
      return { browser, context, page, cdp: await context.newCDPSession(page), origin, uses: 0 };
    } catch (error) {
      await context.close().catch(() => {});
      throw error;
    }
  };

  const take = async (origin: string): Promise<PooledTab> => {
    for (let i = idle.length - 1; i >= 0; i--) {
      const tab = idle[i]!;
      if (tab.origin !== origin) continue;
      idle.splice(i, 1);
      clearTimeout(tab.idleTimer);
      // A browser that crashed or was replaced leaves dead tabs behind.
      const alive = tab.browser.isConnected() && tab.browser === (await getBrowser());
      if (alive && (await tab.cdp.send('Page.setWebLifecycleState', { state: 'active' }).then(() => true, () => false))) return tab;
      await discard(tab);
    }
    return open(origin);
  };

  const giveBack = async (tab: PooledTab) => {
    if (tab.uses >= maxUses || !tab.browser.isConnected()) return discard(tab);
    try {
      await tab.cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
      await tab.context.clearCookies();
      await tab.cdp.send('Storage.clearDataForOrigin', { origin: tab.origin, storageTypes: 'all' });
    } catch {
      return discard(tab);
    }
    idle.push(tab);
    tab.idleTimer = setTimeout(() => void discard(tab), idleMs);
    tab.idleTimer.unref();
    while (idle.length > maxIdle) await discard(idle[0]!);
  };

  return {
    async withTab<T>(origin: string, use: (tab: Tab) => Promise<T>): Promise<T> {
      const tab = await take(origin);
      tab.uses++;
      let result: T;
      try {
        result = await use(tab);
      } catch (error) {
        await discard(tab);
        throw error;
      }
      await giveBack(tab);
      return result;
    },
    idleCount: () => idle.length,
    async close() {
      await Promise.all([...idle].map(discard));
    },
  };
}
