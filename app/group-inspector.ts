import { createBrowserTabs, type BrowserTabs } from '../crawler/browser-tabs.js';
import { launchCrawlingChromium, sharedBrowser } from '../crawler/chromium.js';
import { fetchGuarded } from '../crawler/http-fetch.js';
import { renderPage } from '../crawler/render-page.js';
import { createPageFetcher } from '../crawler/page-fetcher.js';
import { createRedisPoliteness } from '../crawler/politeness.js';
import { SourceUnavailableError } from '../lib/errors.js';
import { createActiveRuleSets } from '../jobs/active-rule-sets.js';
import { inspectGroup, type GroupInspection, type InspectGroupDeps } from '../jobs/groups/inspect-group.js';
import { crawlerKeyPrefix } from '../jobs/queues.js';
import type { AppContext } from './context.js';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface GroupInspector {
  inspect(groupId: string, options?: { creatorLink?: string }): Promise<GroupInspection>;
  /** Closes the browser if a JavaScript page needed one (not the tabs it was given). */
  close(): Promise<void>;
}

/**
 * The registry check wired to this context: guarded, polite fetches and the active rule sets.
 * A worker passes its own browser tabs, so it runs one browser; otherwise (the API) the inspector
 * launches its own on the first JavaScript-rendered group page, then keeps it.
 */
export function createGroupInspector(
  context: Pick<AppContext, 'config' | 'store' | 'redis' | 'queues'>,
  sharedTabs?: BrowserTabs,
): GroupInspector {
  const { crawler, notices, jobs } = context.config;
  const guard = { allowedTestHosts: crawler.allowedTestHosts };
  const politeness = createRedisPoliteness(context.redis, { keyPrefix: crawlerKeyPrefix(jobs.queuePrefix), minDelayMs: crawler.minDelayMs, maxPerHost: crawler.maxPerHost });
  const ownBrowser = sharedTabs ? undefined : sharedBrowser(() => launchCrawlingChromium(crawler.chromiumPath, guard));
  const tabs = sharedTabs ?? createBrowserTabs(() => ownBrowser!.get(), { guard, userAgent: crawler.userAgent });
  const deps: InspectGroupDeps = {
    renderPage: (url) => renderPage(tabs, url),
    models: context.store.models,
    queues: context.queues,
    fetcher: createPageFetcher({ guard, userAgent: crawler.userAgent, politeness }),
    async fetchImage(url) {
      const result = await fetchGuarded(url, { guard, userAgent: crawler.userAgent, maxBodyBytes: MAX_IMAGE_BYTES });
      if (result.notModified || result.status !== 200) throw new SourceUnavailableError(`image ${url} answered ${result.status}`, { fr: `l’image ${url} a répondu ${result.status}` });
      return result.body;
    },
    ruleSets: createActiveRuleSets(context.store.models),
    evidenceDir: crawler.evidenceDir,
    publicUrl: notices.publicUrl,
    now: () => new Date(),
  };
  return {
    inspect: (groupId, options) => inspectGroup(deps, groupId, options),
    async close() {
      if (!ownBrowser) return;
      await tabs.close();
      await ownBrowser.close();
    },
  };
}
