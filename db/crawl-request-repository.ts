import type { Models } from './models/index.js';

export interface CrawlRequestRow {
  id: string;
  org: string;
  sourceId: string;
  status: 'pending' | 'queued';
}

export async function insertCrawlRequest(models: Models, request: { org: string; sourceId: string; requestedBy: string }): Promise<CrawlRequestRow> {
  const created = await models.CrawlRequest.create(request);
  return { id: String(created._id), org: created.org, sourceId: created.sourceId, status: 'pending' };
}

export async function markCrawlRequestQueued(models: Models, id: string): Promise<void> {
  await models.CrawlRequest.updateOne({ _id: id }, { $set: { status: 'queued', queuedAt: new Date() } });
}

/** Requests still waiting for Redis, oldest first. */
export async function listPendingCrawlRequests(models: Models, limit = 100): Promise<CrawlRequestRow[]> {
  const rows = await models.CrawlRequest.find({ status: 'pending' }, { org: 1, sourceId: 1 }).sort({ createdAt: 1 }).limit(limit).lean();
  return rows.map((row) => ({ id: String(row._id), org: row.org, sourceId: row.sourceId, status: 'pending' }));
}
