import { createBrowserTabs } from '../crawler/browser-tabs.js';
import { launchCrawlingChromium, sharedBrowser } from '../crawler/chromium.js';
import { createPageFetcher } from '../crawler/page-fetcher.js';
import { createRedisPoliteness } from '../crawler/politeness.js';
import { createClassifyPostsProcessor } from '../jobs/processors/classify-posts.js';
import { enqueueClassification, enqueueReclassification } from '../jobs/enqueue-classify.js';
import { createCrawlSourceProcessor } from '../jobs/processors/crawl-source.js';
import { createActiveRuleSets } from '../jobs/active-rule-sets.js';
import { createClassifierThreads } from '../jobs/post-classifier/classifier-threads.js';
import { discoverGroups } from '../jobs/groups/discover-groups.js';
import { purgeExpired } from '../jobs/retention/purge.js';
import { createSmtpMailer } from '../jobs/notices/mailer.js';
import { queueSafeguardingAlerts } from '../jobs/notices/safeguarding-alerts.js';
import { createRecheckPostProcessor } from '../jobs/processors/recheck-post.js';
import { createSendNoticeProcessor } from '../jobs/processors/send-notice.js';
import { crawlerKeyPrefix } from '../jobs/queues.js';
import type { Processors } from '../jobs/worker.js';
import type { AppContext } from './context.js';
import { createGroupInspector } from './group-inspector.js';

/**
 * The job processors this build provides, wired to the context. Queues without a processor here
 * keep their jobs waiting until a worker that has one starts.
 */
export interface WorkerResources {
  processors: Processors;
  /**
   * Starts every classifier thread and has them build these organizations' rule sets (models load
   * in seconds), so the first posts after a start are not the ones that wait. A thread builds the
   * sets of the requests it happens to take, so with several organizations one may be left for
   * the first real post.
   */
  warmUp(orgs: readonly string[]): Promise<void>;
  /** Closes what the processors opened (the shared browser, the classifier threads). */
  close(): Promise<void>;
}

export function buildProcessors(context: AppContext): WorkerResources {
  const { models } = context.store;
  const { crawler } = context.config;
  const politeness = createRedisPoliteness(context.redis, {
    keyPrefix: crawlerKeyPrefix(context.config.jobs.queuePrefix),
    minDelayMs: crawler.minDelayMs,
    maxPerHost: crawler.maxPerHost,
  });
  const fetcherFor = () =>
    createPageFetcher({ guard: { allowedTestHosts: crawler.allowedTestHosts }, userAgent: crawler.userAgent, politeness });
  // One browser per worker, launched on the first JavaScript source and kept for the next ones.
  const browser = sharedBrowser(() => launchCrawlingChromium(crawler.chromiumPath, { allowedTestHosts: crawler.allowedTestHosts }));
  const tabs = createBrowserTabs(() => browser.get(), { guard: { allowedTestHosts: crawler.allowedTestHosts }, userAgent: crawler.userAgent });
  const adapterDeps = { browser: { tabs } };
  const { notices } = context.config;
  const groupInspector = createGroupInspector(context, tabs);
  const activeRuleSets = createActiveRuleSets(models);
  const classifier = createClassifierThreads({ ruleSets: activeRuleSets, ...context.config.classifier });
  const mailer = context.secrets.smtpUrl ? createSmtpMailer(context.secrets.smtpUrl, notices.from) : undefined;
  const processors: Processors = {
    classify: createClassifyPostsProcessor({
      models,
      classifier,
      alertSafeguarding: (found) => queueSafeguardingAlerts(models, context.queues, notices, found),
      reclassify: (postIds, cause) => enqueueReclassification(context.queues.classify, postIds, cause),
    }),
    notify: createSendNoticeProcessor({
      models,
      ...(mailer ? { mailer } : {}),
      ...(context.secrets.safeguardingWebhookUrl ? { webhookUrl: context.secrets.safeguardingWebhookUrl } : {}),
      publicUrl: notices.publicUrl,
      now: () => new Date(),
    }),
    crawl: createCrawlSourceProcessor({
      models,
      adapterDeps,
      evidenceDir: crawler.evidenceDir,
      fetcherFor,
      enqueueClassify: (posts) => enqueueClassification(context.queues.classify, posts),
    }),
    recheck: createRecheckPostProcessor({ models, fetcherFor, now: () => new Date() }),
    retention: async () => ({ ...(await purgeExpired(models, { retentionMs: context.config.review.retentionMs })) }),
    discover: async ({ org }) => {
      if (!crawler.discoveryRedditUrl) return { skipped: 'MONITOR_DISCOVERY_REDDIT_URL is not set' };
      const result = await discoverGroups(
        { models, fetcher: fetcherFor(), ruleSets: activeRuleSets, inspect: (groupId) => groupInspector.inspect(groupId) },
        org,
        { redditBase: crawler.discoveryRedditUrl },
      );
      return { candidates: result.candidates, recorded: result.recorded.length, failures: result.failures.length };
    },
    'group-check': async ({ groupId }) => {
      const inspection = await groupInspector.inspect(groupId);
      return { findings: inspection.findings.length, closed: inspection.closedFlagIds.length };
    },
  };
  return {
    processors,
    async warmUp(orgs) {
      const threads = context.config.classifier.threads;
      await Promise.all(orgs.flatMap((org) => Array.from({ length: threads }, () => classifier.classify(org, { text: 'Bonjour' }))));
    },
    async close() {
      mailer?.close();
      await groupInspector.close();
      await tabs.close();
      await browser.close();
      await classifier.close();
    },
  };
}
