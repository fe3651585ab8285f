import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../../classifier/classify.js';
import { createPackReader } from '../support/verdicts.js';

const portage = createPackReader('portage');
const rseq = createPackReader('rseq-monteregie');

describe('bad input gives a clear result in bounded time', () => {
  it.each([
    ['empty text', ''],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536))],
    ['lone surrogates', '\uD800 abc \uDFFF connard \uD83D'],
    ['100k combining marks', `a${'\u0301'.repeat(100_000)} connard`],
    ['NUL bytes', 'con\u0000nard \u0000\u0000'],
    ['one huge token', 'a'.repeat(1_000_000)],
  ])('when the text is %s, then classify returns a verdict', (_case, text) => {
    const started = Date.now();
    const verdict = portage.verdictOf(text);

    expect(Array.isArray(verdict.findings)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when the text is 10 MB, then it is truncated and says so', () => {
    const text = `${'Bonjour à tous, belle journée. '.repeat(330_000)}connard`;

    const verdict = portage.verdictOf(text);

    expect(text.length).toBeGreaterThan(MAX_TEXT_CHARS);
    expect(verdict.truncated).toBe(true);
    expect(verdict.lang).toBe('fr');
  });
});

describe('text of undetermined language', () => {
  it('when a short English spam has no language, then the English model reads it too, not only the French one', () => {
    const verdict = portage.verdictOf('subscribe to itz recaps and above diddle');

    expect(verdict.lang).toBe('und');
    expect(verdict.findings.map((finding) => finding.ruleId)).toEqual(['spam-promotion']);
  });

  it('when a short English post names a group in praise, then its words are not read as French hostility', () => {
    expect(rseq.ruleIdsOf('Black athletes have made this league better.')).toEqual([]);
  });
});

describe('repetitive content in a long post', () => {
  // More words than the detector's shared table holds: the long text gets a table of its own.
  const distinctWords = Array.from({ length: 800 }, (_, i) => `mot${i.toString(36)}x`).join(' ');

  it('when a long post pastes the same message again and again, then it is repetitive content', () => {
    const flood = Array.from({ length: 120 }, () => 'Achetez mes billets pour le tournoi maintenant').join(' ');
    expect(portage.ruleIdsOf(flood)).toContain('repetitive-content');
  });

  it('when a long post repeats no word, then it is not repetitive content', () => {
    expect(portage.ruleIdsOf(distinctWords)).not.toContain('repetitive-content');
  });
});
