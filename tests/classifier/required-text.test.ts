import { readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requiredTexts } from '../../classifier/matchers/required-text.js';
import type { Condition, RuleFile } from '../../classifier/rule-set/rule-file.generated.js';

describe('pieces of text a rule file pattern always holds', () => {
  it.each([
    [String.raw`\bcon+ard\b`, ['nard']],
    [String.raw`\b\d{1,3} ?% (?:en|in|a|au|on|sur)\b`, ['% ']],
    [String.raw`\b\d{1,6} ?\$|\$ ?\d`, ['$', '$']],
    ['(?i)ABC', ['abc']],
    [String.raw`x\.y`, ['x.y']],
    ['[ab]c{2}d', ['cd']],
    ['ab*c', ['a']],
    ['foo|bar', ['foo', 'bar']],
  ])('when the pattern is %s, then every match holds one of %j', (pattern, pieces) => {
    expect(requiredTexts(pattern)).toEqual(pieces);
  });

  it.each([
    ['an alternative that may be empty', 'a|'],
    ['no literal outside groups and classes', String.raw`(?:va|allez)[a-z]+`],
    ['a character outside ASCII', 'é+'],
    ['a POSIX class', '[[:alpha:]]x'],
    ['unbalanced parentheses', '(abc'],
    ['a quoted stretch', String.raw`\Qa.b\E`],
  ])('when the pattern has %s, then nothing is told', (_case, pattern) => {
    expect(requiredTexts(pattern)).toBeUndefined();
  });

  it('when RE2 matches a text with a shipped or crafted pattern, then the text holds one of the pieces', () => {
    const patterns = [...shippedPatterns(), String.raw`\bcon+ard\b`, 'ab*c', '[ab]c{2}d', String.raw`x\.y|z+w`, 'q{1,3}r?s'];
    const pieces = ['a', 'b', 'c', 'd', 'n', 'o', 'r', 'x', '.', 'y', 'z', 'w', 'q', 's', ' ', '$', '%', '1', '42', 'why', 'sec', 'en', 'au', 'je suis', 'con', 'ard'];
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let matched = 0;
    for (const pattern of patterns) {
      const required = requiredTexts(pattern);
      if (required === undefined) continue;
      const re2 = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
      for (let n = 0; n < 6_000; n++) {
        const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? ' ' : '');
        if (!re2.matcher(text).find()) continue;
        matched++;
        expect(required.some((piece) => text.includes(piece)), `${pattern} on ${JSON.stringify(text)}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(300);
  });
});

function shippedPatterns(): string[] {
  const patterns: string[] = [];
  const visit = (condition: Condition | undefined): void => {
    if (!condition) return;
    if (condition.regex !== undefined) patterns.push(condition.regex);
    for (const child of [...(condition.all ?? []), ...(condition.any ?? [])]) visit(child);
    visit(condition.not);
  };
  for (const pack of ['portage', 'rseq-monteregie', 'gostudent', 'immerse']) {
    const file = parse(readFileSync(`rules/packs/${pack}.yaml`, 'utf8')) as RuleFile;
    for (const rule of file.rules ?? []) {
      visit(rule.match);
      for (const condition of rule.unless ?? []) visit(condition);
    }
  }
  return patterns;
}
