import type mongoose from 'mongoose';
import type { UpdateQuery } from 'mongoose';
import type { SourceConfig } from '../crawler/types.js';
import { NotFoundError, type BilingualText } from '../lib/errors.js';
import { derivedObjectId } from './derived-id.js';
import type { Models } from './models/index.js';
import { isDuplicateKeyError } from './mongo-errors.js';

/**
 * A source's `_id`, derived from its source id: a crawl reads the source once and writes its
 * progress several times, and only an `_id` lookup spares the embedded store a read of every
 * source. Sources stored before keep their random ids and are found by source id.
 */
export function sourceDocumentId(sourceId: string): mongoose.Types.ObjectId {
  return derivedObjectId('source', sourceId);
}

async function findSourceRow(models: Models, sourceId: string, projection?: Record<string, 1>) {
  return (
    (await models.Source.findById(sourceDocumentId(sourceId), projection).lean()) ??
    (await models.Source.findOne({ sourceId }, projection).lean())
  );
}

/** Updates the source by its derived id, or by source id when it was stored before ids were derived. */
async function updateSource(models: Models, sourceId: string, update: UpdateQuery<unknown>): Promise<void> {
  const { matchedCount } = await models.Source.updateOne({ _id: sourceDocumentId(sourceId) }, update);
  if (matchedCount === 0) await models.Source.updateOne({ sourceId }, update);
}

/** Creates or updates a source's configuration; its crawl status is kept. */
export async function upsertSource(
  models: Models,
  source: SourceConfig & { schedule?: string },
): Promise<void> {
  const { sourceId, ...rest } = source;
  try {
    await models.Source.updateOne(
      { _id: sourceDocumentId(sourceId) },
      { $set: rest, $setOnInsert: { sourceId } },
      { upsert: true, runValidators: true },
    );
  } catch (error) {
    // The source was stored before ids were derived: the unique source id refuses the new document.
    if (!isDuplicateKeyError(error)) throw error;
    await models.Source.updateOne({ sourceId }, { $set: rest }, { runValidators: true });
  }
}

/** The organization a source belongs to, or undefined when there is no such source. */
export async function findSourceOrg(models: Models, sourceId: string): Promise<string | undefined> {
  return (await findSourceRow(models, sourceId, { org: 1 }))?.org;
}

/** Organizations with at least one enabled source (whose posts workers will classify). */
export async function listCrawledOrgs(models: Models): Promise<string[]> {
  const rows = await models.Source.find({ enabled: true }, { org: 1 }).lean();
  return [...new Set(rows.map((row) => row.org))].sort();
}

export async function getSourceOrThrow(models: Models, sourceId: string): Promise<SourceConfig> {
  const row = await findSourceRow(models, sourceId);
  if (!row) throw new NotFoundError(`source ${sourceId} not found`);
  return {
    sourceId: row.sourceId,
    org: row.org,
    type: row.type as SourceConfig['type'],
    url: row.url,
    ...(row.selectors ? { selectors: row.selectors as SourceConfig['selectors'] } : {}),
    ...(row.limits ? { limits: row.limits as SourceConfig['limits'] } : {}),
  };
}

/** Shown on the source to administrators: last run, items, and the error that stopped it. */
export async function recordSourceRun(
  models: Models,
  sourceId: string,
  run: {
    state: 'idle' | 'failed' | 'rejected';
    itemsSeen?: number;
    error?: BilingualText;
    progress?: CrawlProgress;
  },
): Promise<void> {
  await updateSource(models, sourceId, {
    $set: {
      'status.state': run.state,
      'status.lastRunAt': new Date(),
      'status.lastError': run.error?.en ?? null,
      'status.lastErrorFr': run.error?.fr ?? null,
      ...(run.progress ? { 'status.progress': run.progress } : {}),
    },
    ...(run.itemsSeen !== undefined ? { $inc: { 'status.itemsSeen': run.itemsSeen } } : {}),
  });
}

export interface CrawlProgress {
  startedAt: Date;
  pages: number;
  postsRead: number;
  postsStored: number;
  /** Left out: members on the suppression list. */
  postsSkipped: number;
}

/** Shown on the source while a crawl runs (and kept after it): how far it got. */
export async function recordCrawlProgress(
  models: Models,
  sourceId: string,
  progress: CrawlProgress,
): Promise<void> {
  await updateSource(models, sourceId, { $set: { 'status.state': 'running', 'status.progress': progress } });
}
