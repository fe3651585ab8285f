import type { Models } from './models/index.js';

export interface CrawlRequestRow {
  id: string;
  org: string;
  sourceId: string;
  status: 'pending';
}

export async function insertCrawlRequest(models: Models, request: { org: string; sourceId: string; requestedBy: string }): Promise<CrawlRequestRow> {
  const created = await models.CrawlRequest.create(request);
  return { id: String(created._id), org: created.org, sourceId: created.sourceId, status: 'pending' };
}

/**
 * Once its job is in Redis a request has done its work: the job and the `crawl.requested` audit
 * event are its record. Removing it keeps the outbox as small as what is waiting, which matters
 * because the relay's query reads the whole collection on the embedded store.
 */
export async function removeQueuedCrawlRequest(models: Models, id: string): Promise<void> {
  await models.CrawlRequest.deleteOne({ _id: id });
}

/** Requests still waiting for Redis, oldest first. */
export async function listPendingCrawlRequests(models: Models, limit = 100): Promise<CrawlRequestRow[]> {
  const rows = await models.CrawlRequest.find({ status: 'pending' }, { org: 1, sourceId: 1 }).sort({ createdAt: 1 }).limit(limit).lean();
  return rows.map((row) => ({ id: String(row._id), org: row.org, sourceId: row.sourceId, status: 'pending' }));
}
