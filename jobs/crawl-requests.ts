import { listPendingCrawlRequests, removeQueuedCrawlRequest, type CrawlRequestRow } from '../db/crawl-request-repository.js';
import type { Models } from '../db/models/index.js';
import { jobIdFor, type Queues } from './queues.js';

/** How long an API request waits for Redis before answering 503 (the request stays saved). */
export const ENQUEUE_TIMEOUT_MS = 1_500;

/**
 * Queues the crawl a request asks for, then removes the request from the outbox. The job id comes
 * from the request, so queuing it twice (the API, then the relay) gives one job.
 */
export async function enqueueCrawlRequest(models: Models, queues: Queues, request: CrawlRequestRow): Promise<void> {
  const add = queues.crawl.add(
    'crawl',
    { sourceId: request.sourceId, windowStart: `request-${request.id}` },
    { jobId: jobIdFor('crawl', request.sourceId, 'request', request.id) },
  );
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      add,
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  await removeQueuedCrawlRequest(models, request.id);
}

/** The outbox relay: queues every request still pending (Redis was down when it was made). */
export async function relayPendingCrawlRequests(models: Models, queues: Queues): Promise<number> {
  let relayed = 0;
  for (const request of await listPendingCrawlRequests(models)) {
    await enqueueCrawlRequest(models, queues, request);
    relayed += 1;
  }
  return relayed;
}
