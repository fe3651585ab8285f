import type { Redis } from 'ioredis';
import type { Config } from '../config/index.js';
import type { UrlGuardOptions } from '../crawler/url-guard.js';
import type { Store } from '../db/connection.js';
import type { GroupInspection } from '../jobs/groups/inspect-group.js';
import type { ClassifierThreads } from '../jobs/post-classifier/classifier-threads.js';
import type { Queues } from '../jobs/queues.js';

/** What the API needs from the application context; built in app/context.ts. */
export interface ApiDeps {
  config: Readonly<Config>;
  store: Store;
  queues: Queues;
  /** Fail-fast client: rate-limit counters. */
  redis: Redis;
  /** Resolves when Redis answers PING. */
  redisPing(): Promise<void>;
  /** The crawler's SSRF guard, for URLs people submit (group registrations). */
  urlGuard: UrlGuardOptions;
  /** Runs the registry checks of one group now (registration, re-check). */
  groups: { inspect(groupId: string, options?: { creatorLink?: string }): Promise<GroupInspection> };
  /**
   * Classifies with a given rule pack in a worker thread held to the runtime budget (backtests):
   * a slow or planted rule, or a huge post, never runs on the API's event loop.
   */
  ruleThreads: Pick<ClassifierThreads, 'classifyWith'>;
}
