import { classify } from '../../classifier/classify.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';
import { listFlagsForItem, upsertFlagsForItem } from '../../db/flag-repository.js';
import type { Models } from '../../db/models/index.js';
import { getPostByIdOrThrow, markPostClassified } from '../../db/post-repository.js';
import type { Processor } from '../worker.js';

export interface ClassifyPostDeps {
  models: Models;
  /** The organization's rule set in force (see jobs/active-rule-sets.ts). */
  ruleSets: { get(org: string): CompiledRuleSet | Promise<CompiledRuleSet> };
  /** Called for each safeguarding flag: alerts go out at once, not when someone opens the queue. */
  alertSafeguarding?: (found: { org: string; flagId: string }) => Promise<unknown>;
}

/**
 * Loads the post by id, classifies it with its organization's rule set, turns findings into flags
 * (one per category) and marks the post classified. Every step is an idempotent upsert, so a
 * retried or duplicated job leaves the same state.
 */
export function createClassifyPostProcessor(deps: ClassifyPostDeps): Processor<'classify'> {
  return async ({ postId }) => {
    const post = await getPostByIdOrThrow(deps.models, postId);
    const ruleSet = await deps.ruleSets.get(post.org);
    const verdict = classify({ text: post.text, lang: post.lang }, ruleSet);
    const flags = await upsertFlagsForItem(
      deps.models,
      { org: post.org, itemType: 'post', itemId: postId, sourceId: post.sourceId, lang: verdict.lang },
      verdict.findings,
    );
    if (deps.alertSafeguarding && verdict.findings.some((finding) => finding.category === 'safeguarding')) {
      const urgent = (await listFlagsForItem(deps.models, 'post', postId)).filter((flag) => flag.category === 'safeguarding');
      for (const flag of urgent) await deps.alertSafeguarding({ org: post.org, flagId: String(flag._id) });
    }
    await markPostClassified(deps.models, postId, ruleSet.version);
    return { findings: verdict.findings.length, flags };
  };
}
