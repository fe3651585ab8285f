import { classify } from '../../classifier/classify.js';
import type { PostInput, Verdict } from '../../classifier/types.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';

/** A verdict and the version of the rule set that gave it. */
export interface ClassifiedPost {
  verdict: Verdict;
  ruleSetVersion: string;
}

/**
 * Classifies one post with its organization's rule set in force. Two implementations: in this
 * thread (tests, one-off commands) and in a pool of worker threads held to time budgets (workers).
 */
export interface PostClassifier {
  classify(org: string, post: PostInput): Promise<ClassifiedPost>;
  close(): Promise<void>;
}

/** Classifies on the caller's thread, with no time budget: for tests and one-off commands. */
export function inProcessClassifier(ruleSets: { get(org: string): CompiledRuleSet | Promise<CompiledRuleSet> }): PostClassifier {
  return {
    async classify(org, post) {
      const ruleSet = await ruleSets.get(org);
      return { verdict: classify(post, ruleSet), ruleSetVersion: ruleSet.version };
    },
    async close() {},
  };
}
