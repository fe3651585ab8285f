import { getAdapterOrThrow, type AdapterDeps } from '../../crawler/registry.js';
import type { PageFetcher } from '../../crawler/types.js';
import { insertCapture, withholdScreenshots } from '../../db/capture-repository.js';
import { isSuppressed } from '../../db/suppression-repository.js';
import type { Models } from '../../db/models/index.js';
import { upsertCapturedPost } from '../../db/post-repository.js';
import { getSourceOrThrow, recordCrawlProgress, recordSourceRun, type CrawlProgress } from '../../db/source-repository.js';
import { SourceRejectedError } from '../../lib/errors.js';
import { jobsLogger } from '../../lib/logger.js';
import type { Processor } from '../worker.js';

export interface CrawlSourceDeps {
  models: Models;
  adapterDeps: AdapterDeps;
  /** Where screenshots of rendered pages are kept. */
  evidenceDir: string;
  fetcherFor(sourceId: string): PageFetcher;
  /** Queues classification of a stored post (ids only in the payload). */
  enqueueClassify(postId: string, contentHash: string): Promise<void>;
}

/**
 * Crawls one source: every fetched page becomes an immutable capture, every post is stored once
 * (an edit adds a version), and new or changed posts are queued for classification. Running the
 * job twice stores nothing twice and queues nothing twice.
 */
/** Progress is written to the source (and logged) every this many posts of a long crawl. */
const PROGRESS_EVERY_POSTS = 100;

export function createCrawlSourceProcessor(deps: CrawlSourceDeps): Processor<'crawl'> {
  return async ({ sourceId }) => {
    const source = await getSourceOrThrow(deps.models, sourceId);
    const progress: CrawlProgress = { startedAt: new Date(), pages: 0, postsRead: 0, postsStored: 0, postsSkipped: 0 };
    const report = async () => {
      await recordCrawlProgress(deps.models, sourceId, progress);
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
      await report();
      const withheldPages = new Set<number>();
      for (const post of output.posts) {
        progress.postsRead++;
        if (progress.postsRead % PROGRESS_EVERY_POSTS === 0) await report();
        // Members whose data was erased are not captured again.
        if (await isSuppressed(deps.models, source.org, post.author)) {
          progress.postsSkipped++;
          continue;
        }
        const stored = await upsertCapturedPost(deps.models, {
          ...owner,
          externalId: post.externalId,
          url: post.url,
          author: post.author,
          text: post.text,
          publishedAt: post.publishedAt,
          lang: post.lang,
          captureId: captureIds[post.pageIndex]!,
        });
        if (stored.mediaWithheld) withheldPages.add(post.pageIndex);
        if (stored.changed) {
          progress.postsStored++;
          await deps.enqueueClassify(stored.postId, stored.contentHash);
        }
      }
      // A page that still shows a possible child-safety case keeps no screenshot.
      await withholdScreenshots(deps.models, [...withheldPages].map((index) => captureIds[index]!));
      await recordSourceRun(deps.models, sourceId, { state: 'idle', itemsSeen: progress.postsStored, progress });
      const result = { pages: progress.pages, posts: output.posts.length, changed: progress.postsStored, suppressed: progress.postsSkipped, partial: output.partial };
      jobsLogger.info({ sourceId, ...result }, 'crawl done');
      return result;
    } catch (error) {
      const rejected = error instanceof SourceRejectedError;
      await recordSourceRun(deps.models, sourceId, { state: rejected ? 'rejected' : 'failed', error: (error as Error).message });
      throw error;
    }
  };
}
