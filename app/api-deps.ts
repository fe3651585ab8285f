import type { ApiDeps } from '../api/deps.js';
import type { AppContext } from './context.js';
import { createGroupInspector, type GroupInspector } from './group-inspector.js';

/** What the API gets from the application context: one place, used by the server, the bench and tests. */
export function buildApiDeps(context: Pick<AppContext, 'config' | 'store' | 'redis' | 'queues'>): ApiDeps & { groups: GroupInspector } {
  return {
    config: context.config,
    store: context.store,
    queues: context.queues,
    redis: context.redis,
    redisPing: async () => {
      await context.redis.ping();
    },
    groups: createGroupInspector(context),
  };
}
