import { listFlagsForItem, upsertFlagsForItem } from '../../db/flag-repository.js';
import type { Models } from '../../db/models/index.js';
import { getPostByIdOrThrow, markPostClassified, markPostUnclassifiable, withholdPostMedia } from '../../db/post-repository.js';
import { ClassifyBudgetExceededError } from '../../lib/errors.js';
import type { PostClassifier } from '../post-classifier/post-classifier.js';
import type { Processor } from '../worker.js';

export interface ClassifyPostDeps {
  models: Models;
  /** Runs the organization's rule set in force (in worker threads, for workers). */
  classifier: PostClassifier;
  /** Called for each safeguarding flag: alerts go out at once, not when someone opens the queue. */
  alertSafeguarding?: (found: { org: string; flagId: string }) => Promise<unknown>;
}

/**
 * Loads the post by id, classifies it with its organization's rule set, turns findings into flags
 * (one per category) and marks the post classified. Every step is an idempotent upsert, so a
 * retried or duplicated job leaves the same state. A post whose classification runs out of time
 * is marked unclassifiable with the reason, and the job fails without retries.
 */
export function createClassifyPostProcessor(deps: ClassifyPostDeps): Processor<'classify'> {
  return async ({ postId }) => {
    const post = await getPostByIdOrThrow(deps.models, postId);
    let classified;
    try {
      classified = await deps.classifier.classify(post.org, { text: post.text, lang: post.lang });
    } catch (error) {
      if (error instanceof ClassifyBudgetExceededError) await markPostUnclassifiable(deps.models, postId, post.contentHash, error.message);
      throw error;
    }
    const { verdict, ruleSetVersion } = classified;
    const flags = await upsertFlagsForItem(
      deps.models,
      { org: post.org, itemType: 'post', itemId: postId, sourceId: post.sourceId, lang: verdict.lang },
      verdict.findings,
    );
    const childSafety = verdict.findings.some((finding) => finding.category === 'safeguarding');
    // Media of a possible child-safety case is not kept: screenshots go, their hashes and URLs stay.
    if (childSafety) await withholdPostMedia(deps.models, postId);
    if (deps.alertSafeguarding && childSafety) {
      const urgent = (await listFlagsForItem(deps.models, 'post', postId)).filter((flag) => flag.category === 'safeguarding');
      for (const flag of urgent) await deps.alertSafeguarding({ org: post.org, flagId: String(flag._id) });
    }
    await markPostClassified(deps.models, postId, ruleSetVersion);
    return { findings: verdict.findings.length, flags };
  };
}
