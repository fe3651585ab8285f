import { describe, expect, it } from 'vitest';
import { classify } from '../../classifier/classify.js';
import { buildRuleSet } from '../../classifier/rule-set/load.js';
import type { Rule } from '../../classifier/rule-set/rule-file.generated.js';
import { collectReadListNames } from '../../classifier/rule-set/word-checks.js';
import { ruleYaml, testPack } from '../support/rule-packs.js';

// Only the lists a pack's rules read are indexed: the shared lexicons hold every pack's lists.
describe('the lists a pack reads', () => {
  it('when rules name lists in match and unless, at any depth and under not, then every one is read and no other', () => {
    const rules = [
      {
        id: 'a',
        match: { all: [{ words: { lists: ['insults'] } }, { any: [{ detector: 'second_person' }, { not: { words: { lists: ['praise'] } } }] }] },
        unless: [{ words: { lists: ['self_deprecation'], terms: { fr: ['moi-même'] } }, within: 2 }],
      },
      { id: 'b', match: { words: { terms: { fr: ['idiot'] } } } },
    ] as unknown as Rule[];

    expect([...collectReadListNames(rules)].sort()).toEqual(['insults', 'praise', 'self_deprecation']);
  });

  it('when a lexicon holds lists and false friends no rule reads, then the pack loads and its rules still find their words', () => {
    const ruleSet = buildRuleSet(
      testPack(`lists:
  insults: { fr: [idiot] }
  unread: { fr: [canard] }
falseFriends:
  unread: { fr: [canard laqué] }
  insults: { fr: [idiot du village] }
rules:
${ruleYaml('insult', '{ words: { lists: [insults] } }')}`),
    );

    expect(classify({ text: 'Quel idiot.', lang: 'fr' }, ruleSet).findings.map((finding) => finding.ruleId)).toEqual(['insult']);
    expect(classify({ text: "L'idiot du village.", lang: 'fr' }, ruleSet).findings).toEqual([]);
    expect(classify({ text: 'Un canard laqué.', lang: 'fr' }, ruleSet).findings).toEqual([]);
  });
});
