import { parseScheduleMs } from '../crawler/schedule.js';
import { DEFAULT_CRAWL_SCHEDULE } from '../db/models/sources.js';
import { appLogger } from '../lib/logger.js';
import type { AppContext } from './context.js';

const SCHEDULER_PREFIX = 'crawl-schedule--';

/**
 * One BullMQ job scheduler per enabled source, so crawls repeat on every worker machine's shared
 * Redis without duplicates; schedulers of removed or disabled sources are deleted. Idempotent.
 */
export async function syncCrawlSchedules(context: AppContext): Promise<number> {
  const sources = await context.store.models.Source.find({ enabled: true }, { sourceId: 1, schedule: 1 }).lean();
  const wanted = new Set<string>();
  for (const source of sources) {
    const schedulerId = `${SCHEDULER_PREFIX}${source.sourceId}`;
    try {
      const every = parseScheduleMs(source.schedule ?? DEFAULT_CRAWL_SCHEDULE);
      // BullMQ types the scheduler id as the queue's job-name type; ours are ids, not names.
      await context.queues.crawl.upsertJobScheduler(schedulerId as 'crawl', { every }, {
        name: 'crawl',
        data: { sourceId: source.sourceId, windowStart: 'scheduled' },
      });
      wanted.add(schedulerId);
    } catch (error) {
      appLogger.warn({ sourceId: source.sourceId, err: (error as Error).message }, 'source not scheduled');
    }
  }
  for (const scheduler of await context.queues.crawl.getJobSchedulers()) {
    const id = scheduler.key;
    if (id.startsWith(SCHEDULER_PREFIX) && !wanted.has(id)) await context.queues.crawl.removeJobScheduler(id);
  }
  return wanted.size;
}

const RETENTION_SCHEDULER = 'retention--daily';

/** The daily retention purge: one scheduler shared by every worker. Idempotent. */
export async function syncRetentionSchedule(context: AppContext): Promise<void> {
  await context.queues.retention.upsertJobScheduler(RETENTION_SCHEDULER as 'retention', { every: 24 * 3_600_000 }, { name: 'retention', data: {} });
}

const DISCOVERY_PREFIX = 'discover--';
const DISCOVERY_EVERY_MS = 24 * 3_600_000;

/** One daily discovery per organization when discovery is configured; none (and old ones removed) otherwise. */
export async function syncDiscoverySchedules(context: AppContext): Promise<number> {
  const wanted = new Set<string>();
  if (context.config.crawler.discoveryRedditUrl) {
    for (const org of await context.store.models.Organization.find({}, { slug: 1 }).lean()) {
      const schedulerId = `${DISCOVERY_PREFIX}${org.slug}`;
      await context.queues.discover.upsertJobScheduler(schedulerId as 'discover', { every: DISCOVERY_EVERY_MS }, { name: 'discover', data: { org: org.slug } });
      wanted.add(schedulerId);
    }
  }
  for (const scheduler of await context.queues.discover.getJobSchedulers()) {
    if (scheduler.key.startsWith(DISCOVERY_PREFIX) && !wanted.has(scheduler.key)) await context.queues.discover.removeJobScheduler(scheduler.key);
  }
  return wanted.size;
}
