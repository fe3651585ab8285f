import type { BrowserContext } from 'playwright-core';
import { assertPublicUrl, type UrlGuardOptions } from './url-guard.js';

/**
 * Every request a page makes goes through the SSRF guard first; refused ones are aborted.
 * WebSockets bypass request routing, so every socket is answered by a stub that closes it:
 * rendering a public page never needs one.
 */
export async function guardBrowserContext(context: BrowserContext, guard: UrlGuardOptions): Promise<void> {
  await context.routeWebSocket(/.*/, (socket) => {
    void socket.close({ code: 1008, reason: 'blocked by the monitor' });
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    const allowed = await assertPublicUrl(url, guard).then(() => true, () => false);
    return allowed ? route.continue() : route.abort('blockedbyclient');
  });
}
