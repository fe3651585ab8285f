import type { PageFetcher } from '../../crawler/types.js';
import { insertCapture } from '../../db/capture-repository.js';
import type { Models } from '../../db/models/index.js';
import { getPostByIdOrThrow, markPostRemoved } from '../../db/post-repository.js';
import { SourceRejectedError } from '../../lib/errors.js';
import type { Processor } from '../worker.js';

export interface RecheckPostDeps {
  models: Models;
  fetcherFor(sourceId: string): PageFetcher;
  now(): Date;
}

const GONE = /: (404 Not Found|410 Gone)$/;

/**
 * Revisits a flagged post's URL. Still there: the page is kept as a new capture (edits are
 * versioned by the source's crawls). Gone (404/410): the post gets `removedAt` and keeps all its
 * evidence, since a deleted post still counts under the policies.
 */
export function createRecheckPostProcessor(deps: RecheckPostDeps): Processor<'recheck'> {
  return async ({ postId }) => {
    const post = await getPostByIdOrThrow(deps.models, postId);
    if (!post.url) return { outcome: 'no-url' };
    try {
      const page = await deps.fetcherFor(post.sourceId).fetchPage(post.url);
      if (page) await insertCapture(deps.models, { org: post.org, sourceId: post.sourceId }, page);
      return { outcome: 'present' };
    } catch (error) {
      if (error instanceof SourceRejectedError && GONE.test(error.message)) {
        await markPostRemoved(deps.models, postId, deps.now());
        return { outcome: 'removed' };
      }
      throw error;
    }
  };
}
