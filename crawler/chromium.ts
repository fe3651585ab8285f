import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { StartupError } from '../lib/errors.js';
import { startGuardProxy } from './guard-proxy.js';
import type { UrlGuardOptions } from './url-guard.js';

/**
 * Flags for Debian's Chromium on a machine with a closed network: without the background
 * networking switches it keeps dialling Google's hosts and gets refused.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Each tab has its own context, and Chromium warmed a spare renderer for the wrong context on
  // every navigation, then threw it away: a process start per page. At this (soft) limit it warms
  // none; site isolation still gives every site its own process.
  '--renderer-process-limit=4',
  // Software compositing in the browser process saves a process and its IPC per frame.
  '--in-process-gpu',
] as const;

/** Throws a StartupError naming the path and the fix when Chromium is not installed there. */
export function assertChromiumAvailable(chromiumPath: string): void {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new StartupError(
      `Chromium not found at ${chromiumPath}: install Debian's chromium (\`apt-get install chromium\`, or \`npm run setup\`) or set MONITOR_CHROMIUM_PATH`,
      { fr: `Chromium introuvable à ${chromiumPath} : installez le chromium de Debian (\`apt-get install chromium\`, ou \`npm run setup\`) ou indiquez-le dans MONITOR_CHROMIUM_PATH` },
    );
  }
}

/**
 * Launches one headless Chromium (Playwright gives it a fresh temporary profile). The caller owns
 * it, creates a context per job with `serviceWorkers: 'block'`, and closes it.
 */
export async function launchChromium(chromiumPath: string): Promise<Browser> {
  assertChromiumAvailable(chromiumPath);
  try {
    return await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS] });
  } catch (error) {
    throw chromiumFailedToStart(chromiumPath, error);
  }
}

/**
 * A Chromium for crawling outsiders' pages: all its traffic, loopback included, goes through the
 * SSRF guard proxy (crawler/guard-proxy.ts), which stops when the browser closes.
 */
export async function launchCrawlingChromium(chromiumPath: string, guard: UrlGuardOptions): Promise<Browser> {
  assertChromiumAvailable(chromiumPath);
  const proxy = await startGuardProxy(guard);
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS], proxy: { server: proxy.url } });
    browser.on('disconnected', () => void proxy.close());
    return browser;
  } catch (error) {
    await proxy.close();
    throw chromiumFailedToStart(chromiumPath, error);
  }
}

export interface SharedBrowser {
  /** The browser, launched on first use and again after it crashed or failed to start. */
  get(): Promise<Browser>;
  close(): Promise<void>;
}

/**
 * One browser per process, shared by its jobs. A Chromium that crashes (or is killed) is
 * forgotten as soon as it disconnects, so the next job launches a new one instead of failing
 * on a dead browser until the worker restarts.
 */
export function sharedBrowser(launch: () => Promise<Browser>): SharedBrowser {
  let current: Promise<Browser> | undefined;
  return {
    get() {
      if (!current) {
        const launching = launch();
        current = launching;
        launching.then(
          (browser) => browser.on('disconnected', () => {
            if (current === launching) current = undefined;
          }),
          () => {
            if (current === launching) current = undefined;
          },
        );
      }
      return current;
    },
    async close() {
      const closing = current;
      current = undefined;
      if (closing) await (await closing.catch(() => undefined))?.close();
    },
  };
}

function chromiumFailedToStart(chromiumPath: string, error: unknown): StartupError {
  const reason = (error as Error).message;
  return new StartupError(`Chromium at ${chromiumPath} failed to start: ${reason}`, { cause: error, fr: `Chromium (${chromiumPath}) n'a pas démarré : ${reason}` });
}
