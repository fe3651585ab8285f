import { createBrowserTabs } from '../crawler/browser-tabs.js';
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
  /** Closes the browser if a JavaScript page needed one. */
  close(): Promise<void>;
}

/** The registry check wired to this context: guarded, polite fetches and the active rule sets. */
export function createGroupInspector(context: Pick<AppContext, 'config' | 'store' | 'redis' | 'queues'>): GroupInspector {
  const { crawler, notices, jobs } = context.config;
  const guard = { allowedTestHosts: crawler.allowedTestHosts };
  const politeness = createRedisPoliteness(context.redis, { keyPrefix: crawlerKeyPrefix(jobs.queuePrefix), minDelayMs: crawler.minDelayMs, maxPerHost: crawler.maxPerHost });
  // Launched on the first JavaScript-rendered group page only, then kept.
  const browser = sharedBrowser(() => launchCrawlingChromium(crawler.chromiumPath, guard));
  const tabs = createBrowserTabs(() => browser.get(), { guard, userAgent: crawler.userAgent });
  const deps: InspectGroupDeps = {
    renderPage: (url) => renderPage(tabs, url),
    models: context.store.models,
    queues: context.queues,
    fetcher: createPageFetcher({ guard, userAgent: crawler.userAgent, politeness }),
    async fetchImage(url) {
      const result = await fetchGuarded(url, { guard, userAgent: crawler.userAgent, maxBodyBytes: MAX_IMAGE_BYTES });
      if (result.notModified || result.status !== 200) throw new SourceUnavailableError(`image ${url} answered ${result.status}`);
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
      await tabs.close();
      await browser.close();
    },
  };
}
