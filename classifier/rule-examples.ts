import { classify } from './classify.js';
import type { CompiledRuleSet } from './rule-set/compiled.js';

/** One inline example that did not behave as its rule says. */
export interface ExampleFailure {
  ruleId: string;
  expected: 'match' | 'no_match';
  text: string;
  /** Rules that did fire on the text, for the message. */
  fired: string[];
}

/** Runs every rule's inline examples through the whole rule set (so exceptions apply too). */
export function runRuleExamples(ruleSet: CompiledRuleSet): { checked: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let checked = 0;
  for (const rule of ruleSet.rules) {
    const scope = rule.scope[0]!;
    for (const [expected, posts] of [['match', rule.examples.match], ['no_match', rule.examples.noMatch]] as const) {
      for (const post of posts) {
        checked += 1;
        const fired = classify({ ...post, scope }, ruleSet).findings.map((finding) => finding.ruleId);
        if (fired.includes(rule.id) !== (expected === 'match')) failures.push({ ruleId: rule.id, expected, text: post.text, fired });
      }
    }
  }
  return { checked, failures };
}
