import { getAdapterOrThrow, type AdapterDeps } from '../../crawler/registry.js';
import type { PageFetcher } from '../../crawler/types.js';
import { insertCapture, withholdScreenshots } from '../../db/capture-repository.js';
import { suppressedAuthors } from '../../db/suppression-repository.js';
import type { Models } from '../../db/models/index.js';
import { upsertCapturedPosts } from '../../db/post-repository.js';
import { getSourceOrThrow, recordCrawlProgress, recordSourceRun, type CrawlProgress } from '../../db/source-repository.js';
import { LocalizedError, SourceRejectedError } from '../../lib/errors.js';
import { jobsLogger } from '../../lib/logger.js';
import type { Processor } from '../worker.js';

export interface CrawlSourceDeps {
  models: Models;
  adapterDeps: AdapterDeps;
  /** Where screenshots of rendered pages are kept. */
  evidenceDir: string;
  fetcherFor(sourceId: string): PageFetcher;
  /** Queues classification of stored posts (ids only in the payloads), in one call. */
  enqueueClassify(posts: readonly { postId: string; contentHash: string }[]): Promise<void>;
}

/** Posts stored and queued together; progress is written to the source (and logged) after each batch. */
const POSTS_PER_BATCH = 100;

/**
 * Crawls one source: every fetched page becomes an immutable capture, every post is stored once
 * (an edit adds a version), and new or changed posts are queued for classification. Running the
 * job twice stores nothing twice and queues nothing twice.
 */

export function createCrawlSourceProcessor(deps: CrawlSourceDeps): Processor<'crawl'> {
  return async ({ sourceId }) => {
    const source = await getSourceOrThrow(deps.models, sourceId);
    const progress: CrawlProgress = { startedAt: new Date(), pages: 0, postsRead: 0, postsStored: 0, postsSkipped: 0 };
    const report = async (finalBatch: boolean) => {
      // The last batch's figures are written with the run's outcome below: one write fewer per crawl.
      if (!finalBatch) await recordCrawlProgress(deps.models, sourceId, progress);
      jobsLogger.info({ sourceId, ...progress }, 'crawl progress');
    };
    try {
      await recordCrawlProgress(deps.models, sourceId, progress);
      const output = await getAdapterOrThrow(source.type, deps.adapterDeps).crawl(source, deps.fetcherFor(sourceId));
      const owner = { org: source.org, sourceId };
      const captureIds: string[] = [];
      for (const page of output.pages) {
        captureIds.push(await insertCapture(deps.models, owner, page, { evidenceDir: deps.evidenceDir }));
      }
      progress.pages = output.pages.length;
      const withheldPages = new Set<number>();
      // In batches: one query for suppressed authors, one insert for the new posts, one Redis call
      // to queue their classification (the embedded store charges per round trip, not per post).
      for (let start = 0; start < output.posts.length; start += POSTS_PER_BATCH) {
        const batch = output.posts.slice(start, start + POSTS_PER_BATCH);
        // Members whose data was erased are not captured again.
        const suppressed = await suppressedAuthors(deps.models, source.org, batch.map((post) => post.author));
        const kept = batch.filter((post) => !post.author || !suppressed.has(post.author));
        const stored = await upsertCapturedPosts(
          deps.models,
          kept.map((post) => ({
            ...owner,
            externalId: post.externalId,
            url: post.url,
            author: post.author,
            text: post.text,
            publishedAt: post.publishedAt,
            lang: post.lang,
            captureId: captureIds[post.pageIndex]!,
          })),
        );
        stored.forEach((result, index) => result.mediaWithheld && withheldPages.add(kept[index]!.pageIndex));
        const changed = stored.filter((result) => result.changed);
        await deps.enqueueClassify(changed);
        progress.postsRead += batch.length;
        progress.postsSkipped += batch.length - kept.length;
        progress.postsStored += changed.length;
        await report(start + POSTS_PER_BATCH >= output.posts.length);
      }
      // A page that still shows a possible child-safety case keeps no screenshot.
      await withholdScreenshots(deps.models, [...withheldPages].map((index) => captureIds[index]!));
      await recordSourceRun(deps.models, sourceId, { state: 'idle', itemsSeen: progress.postsStored, progress });
      const result = { pages: progress.pages, posts: output.posts.length, changed: progress.postsStored, suppressed: progress.postsSkipped, partial: output.partial };
      jobsLogger.info({ sourceId, ...result }, 'crawl done');
      return result;
    } catch (error) {
      const rejected = error instanceof SourceRejectedError;
      const message = (error as Error).message;
      const french = error instanceof LocalizedError ? error.messageIn('fr') : message;
      await recordSourceRun(deps.models, sourceId, { state: rejected ? 'rejected' : 'failed', error: { en: message, fr: french } });
      throw error;
    }
  };
}
