import type { ApiDeps } from '../api/deps.js';
import { createActiveRuleSets } from '../jobs/active-rule-sets.js';
import { createClassifierThreads } from '../jobs/post-classifier/classifier-threads.js';
import type { AppContext } from './context.js';
import { createGroupInspector, type GroupInspector } from './group-inspector.js';

/** The API's dependencies and how to release them (the browser and the threads it may have started). */
export type BuiltApiDeps = ApiDeps & { groups: GroupInspector; close(): Promise<void> };

/** What the API gets from the application context: one place, used by the server, the bench and tests. */
export function buildApiDeps(context: Pick<AppContext, 'config' | 'store' | 'redis' | 'queues'>): BuiltApiDeps {
  const groups = createGroupInspector(context);
  // One thread, started on the first backtest: the API process may host the workers' pool too.
  const ruleThreads = createClassifierThreads({
    ruleSets: createActiveRuleSets(context.store.models),
    threads: 1,
    ruleBudgetMs: context.config.classifier.ruleBudgetMs,
    analysisBudgetMs: context.config.classifier.analysisBudgetMs,
  });
  return {
    config: context.config,
    store: context.store,
    queues: context.queues,
    redis: context.redis,
    redisPing: async () => {
      await context.redis.ping();
    },
    urlGuard: { allowedTestHosts: context.config.crawler.allowedTestHosts },
    groups,
    ruleThreads,
    async close() {
      await groups.close();
      await ruleThreads.close();
    },
  };
}
