import type { ApiDeps } from '../deps.js';
import { defineRoute, PUBLIC, type RouteSpec } from '../route-spec.js';

const CHECK_TIMEOUT_MS = 2_000;

/** Checks both backing services; `healthy` is what the console shows too. */
export async function checkHealth(deps: ApiDeps): Promise<{ store: boolean; redis: boolean }> {
  const [store, redis] = await Promise.all([
    withTimeout(deps.store.ping()),
    withTimeout(deps.redisPing()),
  ]);
  return { store, redis };
}

export const healthRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/health',
    tag: 'health',
    summary: 'Whether the document store and Redis answer: 200, or 503 naming what is down',
    access: PUBLIC,
    responses: { 200: 'both up', 503: 'a backing service is down' },
    async handle({ res, deps }) {
      const health = await checkHealth(deps);
      const body = { store: health.store ? 'ok' : 'down', redis: health.redis ? 'ok' : 'down' };
      res.status(health.store && health.redis ? 200 : 503).json(body);
    },
  }),
];

async function withTimeout(check: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
