import mongoose from 'mongoose';
import { DEFAULT_CRAWL_SCHEDULE } from '../../db/models/sources.js';
import { recordAudit } from '../../db/audit-repository.js';
import { insertCrawlRequest } from '../../db/crawl-request-repository.js';
import { findSourceOrg } from '../../db/source-repository.js';
import { enqueueCrawlRequest } from '../../jobs/crawl-requests.js';
import { ServiceUnavailableError } from '../../lib/errors.js';
import { auditActor, requireOrgRole } from '../auth/access.js';
import { orgsWithRole, type Principal, type RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';

export interface SourceView {
  sourceId: string;
  org: string;
  type: string;
  url: string;
  schedule: string;
  enabled: boolean;
  /** The last crawl: when, how it ended, items stored so far, and the error that stopped it. */
  status: {
    state: string;
    lastRunAt?: string;
    lastError?: string;
    /** The same error in French (the English one for errors recorded before it was kept). */
    lastErrorFr?: string;
    itemsSeen: number;
    /** The crawl running now, or the last one. */
    progress?: { startedAt: string; pages: number; postsRead: number; postsStored: number; postsSkipped: number };
  };
}

/** The sources of the organizations the caller administers, with their crawl status. */
export async function listSources(deps: ApiDeps, principal: Principal): Promise<SourceView[]> {
  const orgs = orgsWithRole(principal, ['admin']);
  const rows = await deps.store.models.Source.find({ org: mongoose.trusted({ $in: orgs }) }).sort({ org: 1, sourceId: 1 }).lean();
  return rows.map((row) => ({
    sourceId: row.sourceId,
    org: row.org,
    type: row.type,
    url: row.url,
    schedule: row.schedule ?? DEFAULT_CRAWL_SCHEDULE,
    enabled: row.enabled ?? true,
    status: {
      state: row.status?.state ?? 'idle',
      ...(row.status?.lastRunAt ? { lastRunAt: row.status.lastRunAt.toISOString() } : {}),
      ...(row.status?.lastError ? { lastError: row.status.lastError, lastErrorFr: row.status.lastErrorFr ?? row.status.lastError } : {}),
      itemsSeen: row.status?.itemsSeen ?? 0,
      ...(row.status?.progress?.startedAt
        ? {
            progress: {
              startedAt: row.status.progress.startedAt.toISOString(),
              pages: row.status.progress.pages ?? 0,
              postsRead: row.status.progress.postsRead ?? 0,
              postsStored: row.status.progress.postsStored ?? 0,
              postsSkipped: row.status.progress.postsSkipped ?? 0,
            },
          }
        : {}),
    },
  }));
}

/**
 * "Crawl this source now". The request is saved first (an outbox), then queued; when Redis does
 * not answer the caller gets 503 at once and the saved request is queued by the workers' relay
 * once Redis is back (jobs/crawl-requests.ts). Other organizations' sources look absent.
 */
export async function requestCrawl(deps: ApiDeps, principal: Principal, sourceId: string, origin: RequestOrigin): Promise<{ id: string; sourceId: string; status: 'queued' }> {
  const models = deps.store.models;
  const org = (await findSourceOrg(models, sourceId)) ?? 'unknown';
  await requireOrgRole(models, principal, ['admin'], { org, target: `source:${sourceId}`, ip: origin.ip }, `no source ${sourceId}`);
  const request = await insertCrawlRequest(models, { org, sourceId, requestedBy: principal.userId });
  await recordAudit(models, { actor: auditActor(principal), action: 'crawl.requested', org, target: `source:${sourceId}`, ip: origin.ip, data: { request: request.id } });
  try {
    await enqueueCrawlRequest(models, deps.queues, request);
  } catch (error) {
    throw new ServiceUnavailableError(
      `the job queue (Redis) is unavailable: crawl request ${request.id} is saved and will be queued when it is back`,
      { cause: error },
    );
  }
  return { id: request.id, sourceId, status: 'queued' };
}
