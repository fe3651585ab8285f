import { describe, expect, it } from 'vitest';
import { estimateOf, evaluationOrderOf } from '../../classifier/rule-set/evaluation-order.js';
import type { Condition } from '../../classifier/rule-set/rule-file.generated.js';

const WITH_MODELS: ReadonlySet<string> = new Set(['cyberbullying', 'discrimination', 'threat', 'spam']);
const orderOf = (children: Condition[], modelCategories = WITH_MODELS) =>
  evaluationOrderOf(children.map((child) => estimateOf(child, modelCategories)));
const words: Condition = { words: { lists: ['insults'] } };
const detector: Condition = { detector: 'mentions_org' };
const model: Condition = { model: { category: 'cyberbullying', min: 0.5 } };

describe('order in which an all-condition evaluates its children', () => {
  it('when a detector, a model and a word list are combined, then the word list comes first and the model last', () => {
    expect(orderOf([model, detector, words])).toEqual([2, 1, 0]);
  });

  it('when a nested any holds only word lists and checks run after them, then it comes before a bare detector', () => {
    // client-identification: the organization named, and client words (or a stay phrase near the organization)
    const clientWords: Condition = { any: [words, { all: [{ words: { lists: ['stay_phrases'] } }, detector], within: 2 }] };
    expect(orderOf([{ any: [{ detector: 'person_name' }, { detector: 'handle' }] }, detector, clientWords])).toEqual([2, 1, 0]);
  });

  it('when a child is a negated word list, which almost always holds, then it comes after the word list, before the detector', () => {
    expect(orderOf([{ not: words }, detector, words])).toEqual([2, 0, 1]);
  });

  it('when a detector is ruled out on most posts by a digit count, then it comes before a detector that reads every word', () => {
    // personal-info-contact: a street address near a person's name (most posts have no digit at all)
    expect(orderOf([{ detector: 'person_name' }, { detector: 'street_address' }])).toEqual([1, 0]);
    expect(orderOf([{ detector: 'mentions_org' }, { detector: 'phone' }, words])).toEqual([1, 2, 0]);
  });

  it('when the rule set has no model for the category, then the model check, which never holds, comes first', () => {
    expect(orderOf([words, detector, model], new Set())).toEqual([2, 0, 1]);
    expect(orderOf([words, detector, model], new Set(['spam']))).toEqual([2, 0, 1]);
  });

  it('when a rule file’s pattern, which RE2JS runs slowly, sits beside a detector, then the detector comes first', () => {
    // A name (or family words), and sensitive words or a percentage written two ways.
    const percent: Condition = { regex: String.raw`\b\d{1,3}(?: ?%| pour cent)` };
    expect(orderOf([{ any: [{ words: { lists: ['student_sensitive'] } }, percent] }, { any: [{ detector: 'person_name' }, words] }])).toEqual([1, 0]);
  });

  it('when the pattern must hold a piece of text, which a search rules out first, then it comes before the detector', () => {
    // student-sensitive-info: "% " is written at the pattern's top level.
    const percent: Condition = { regex: String.raw`\b\d{1,3} ?% (?:en|in|a|au|on|sur)\b` };
    expect(orderOf([{ any: [{ words: { lists: ['student_sensitive'] } }, percent] }, { any: [{ detector: 'person_name' }, words] }])).toEqual([0, 1]);
  });

  it('when children cost the same, then they keep their written order', () => {
    expect(orderOf([words, { words: { lists: ['threats'] } }, { regex: 'x+' }])).toEqual([0, 1, 2]);
  });
});
