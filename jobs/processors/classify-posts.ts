import { listFlagsForItem, upsertFlagsForItems } from '../../db/flag-repository.js';
import type { Models } from '../../db/models/index.js';
import { getPostsByIds, markPostsClassified, markPostUnclassifiable, postedAt, withholdPostMedia, type PostRow } from '../../db/post-repository.js';
import { ClassifyBudgetExceededError, NotFoundError, RuleSetError } from '../../lib/errors.js';
import { findEarlierCopies } from '../post-classifier/earlier-copies.js';
import type { PostClassifier } from '../post-classifier/post-classifier.js';
import type { Processor } from '../worker.js';

export interface ClassifyPostsDeps {
  models: Models;
  /** Runs the organization's rule set in force (in worker threads, for workers). */
  classifier: PostClassifier;
  /** Called for each safeguarding flag: alerts go out at once, not when someone opens the queue. */
  alertSafeguarding?: (found: { org: string; flagId: string }) => Promise<unknown>;
  /**
   * Queues posts to classify again: later posts in the same words that were classified before
   * these were listed (a copy crawled before its original), so plagiarism and flooding are found.
   */
  reclassify?: (postIds: readonly string[], cause: string) => Promise<unknown>;
}

/**
 * Loads the job's posts in one query, looks up earlier posts in the same words (flooding,
 * plagiarism; later ones that missed these are queued again), classifies each with its
 * organization's rule set (in the classifier threads, all at once), turns findings into flags (one
 * per category) and marks the posts classified, one write per rule-set version. Every step is an
 * idempotent upsert, so a retried or duplicated job leaves the same state.
 *
 * A store or Redis failure fails the whole job, to be retried. A failure that retrying cannot fix
 * belongs to one post: a classification out of time (the post is marked unclassifiable with the
 * reason), an organization without a rule pack, a post that is gone. The other posts are still
 * classified, then the job fails with the first such error, which the worker does not retry.
 */
export function createClassifyPostsProcessor(deps: ClassifyPostsDeps): Processor<'classify'> {
  return async ({ postIds }) => {
    const found = await getPostsByIds(deps.models, postIds);
    const posts = [...found.values()];
    const permanentErrors: Error[] = [];
    const missing = postIds.filter((id) => !found.has(id));
    if (missing.length > 0) permanentErrors.push(new NotFoundError(`post ${missing.join(', ')} not found`));
    const sameWords = await findEarlierCopies(
      deps.models,
      posts.map((post) => ({ id: String(post._id), org: post.org, text: post.text, author: post.author, at: postedAt(post) })),
      { record: true },
    );

    const outcomes = await Promise.all(
      posts.map(async (post) => {
        try {
          const input = { text: post.text, lang: post.lang, author: post.author, earlierCopies: sameWords.earlier.get(String(post._id)) };
          return { post, classified: await deps.classifier.classify(post.org, input) };
        } catch (error) {
          if (error instanceof ClassifyBudgetExceededError) await markPostUnclassifiable(deps.models, String(post._id), post.contentHash, error.message);
          if (error instanceof ClassifyBudgetExceededError || error instanceof RuleSetError) {
            permanentErrors.push(error);
            return undefined;
          }
          throw error;
        }
      }),
    );

    const classifiedPosts = outcomes.filter((outcome) => outcome !== undefined);
    const findings = classifiedPosts.reduce((sum, { classified: { verdict } }) => sum + verdict.findings.length, 0);
    // Every post's flags in one write, then what a possible safeguarding case needs at once.
    const flags = await upsertFlagsForItems(
      deps.models,
      classifiedPosts.map(({ post, classified: { verdict } }) => ({
        item: { org: post.org, itemType: 'post' as const, itemId: String(post._id), sourceId: post.sourceId, lang: verdict.lang },
        findings: verdict.findings,
      })),
    );
    const classifiedByVersion = new Map<string, string[]>();
    for (const { post, classified: { verdict, ruleSetVersion } } of classifiedPosts) {
      if (verdict.findings.some((finding) => finding.category === 'safeguarding')) await handleSafeguardingCase(deps, post);
      const ids = classifiedByVersion.get(ruleSetVersion);
      if (ids) ids.push(String(post._id));
      else classifiedByVersion.set(ruleSetVersion, [String(post._id)]);
    }
    for (const [version, ids] of classifiedByVersion) await markPostsClassified(deps.models, ids, version);
    if (sameWords.laterToRecheck.length > 0 && deps.reclassify) await deps.reclassify(sameWords.laterToRecheck, postIds.join(','));
    if (permanentErrors.length > 0) throw permanentErrors[0];
    return { posts: posts.length, findings, flags };
  };
}

/** A possible safeguarding case (a child or a person at risk): its screenshots go (hashes and URLs stay) and alerts go out at once. */
async function handleSafeguardingCase(deps: ClassifyPostsDeps, post: PostRow): Promise<void> {
  const postId = String(post._id);
  await withholdPostMedia(deps.models, postId);
  if (!deps.alertSafeguarding) return;
  const urgent = (await listFlagsForItem(deps.models, 'post', postId)).filter((flag) => flag.category === 'safeguarding');
  for (const flag of urgent) await deps.alertSafeguarding({ org: post.org, flagId: String(flag._id) });
}
