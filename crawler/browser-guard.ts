import type { BrowserContext } from 'playwright-core';
import { assertPublicUrl, type UrlGuardOptions } from './url-guard.js';

/** Every request a page makes goes through the SSRF guard first; refused ones are aborted. */
export async function guardBrowserContext(context: BrowserContext, guard: UrlGuardOptions): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    const allowed = await assertPublicUrl(url, guard).then(() => true, () => false);
    return allowed ? route.continue() : route.abort('blockedbyclient');
  });
}
