import { expect } from 'vitest';
import { buildRuleSet } from '../../classifier/rule-set/load.js';
import type { RuleSource } from '../../classifier/rule-set/parse.js';
import { RuleSetError } from '../../lib/errors.js';

// Small rule packs written inline by the tests of rule loading and matching.

export const PACK_HEADER = '# yaml-language-server: $schema=../rule-file.schema.json\nschemaVersion: 1\nkind: pack\n';
export const TEST_ORGANIZATION = `organization:
  slug: test-org
  name: Test Org
  aliases: [Test Org]
  languages: [fr]
`;

/** One rule of the `rules:` list, flagging what `match` finds. */
export const ruleYaml = (id: string, match = '{ words: { terms: { fr: [idiot] } } }') => `  - id: ${id}
    category: cyberbullying
    severity: low
    match: ${match}
    explanation: { fr: "x", en: "x" }
`;

/** A pack file of the test organization with the given body (its `rules:` and what follows). */
export const testPack = (body: string): RuleSource[] => [
  { path: 'rules/packs/test.yaml', content: PACK_HEADER + TEST_ORGANIZATION + body },
];

/** The problems a refused rule set reports; fails the test when the set is accepted. */
export function issuesOf(sources: RuleSource[]): string[] {
  try {
    buildRuleSet(sources);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleSetError);
    return [...(error as RuleSetError).issues];
  }
  throw new Error('the rule set was accepted');
}
