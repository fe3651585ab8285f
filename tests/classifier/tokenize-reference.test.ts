import { describe, expect, it } from 'vitest';
import { benchCorpus } from '../../classifier/evaluation/bench-corpus.js';
import { foldText, toOriginalRange, type FoldedText } from '../../classifier/text/fold.js';
import { createStemmers, type Stemmer } from '../../classifier/text/stemmers.js';
import { collapseRepeats, keyHashOf, QUEBEC_SPELLINGS, tokenize, type Token } from '../../classifier/text/tokenize.js';

// tokenize() scans letters by character code instead of /[\p{L}\p{N}]+/gu (a third faster).
// This is the regex version it replaced, kept as the reference its results must equal (the
// Québec spellings are data, shared with it).

function referenceTokenize(
  original: string,
  folded: FoldedText,
  lang: 'fr' | 'en',
  stemmer: Stemmer,
): Omit<Token, 'forms'>[] {
  const raw = [...folded.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: m[0],
  }));
  const joined: typeof raw = [];
  for (let i = 0; i < raw.length;) {
    let j = i;
    while (
      j + 1 < raw.length &&
      raw[j]!.word.length === 1 &&
      raw[j + 1]!.word.length === 1 &&
      raw[j + 1]!.start - raw[j]!.end === 1 &&
      /^[\s.*_-]$/.test(folded.text[raw[j]!.end]!)
    )
      j++;
    if (j - i >= 3 && ['a', 'y', 'i', 'o'].includes(raw[i]!.word)) joined.push(raw[i++]!);
    if (j - i + 1 >= 3) {
      joined.push({
        start: raw[i]!.start,
        end: raw[j]!.end,
        word: raw
          .slice(i, j + 1)
          .map((t) => t.word)
          .join(''),
      });
      i = j + 1;
    } else joined.push(raw[i++]!);
  }
  return joined.map(({ start, end, word }) => {
    const [from, to] = toOriginalRange(folded, original, start, end);
    const drawnOut = /([\s\S])\1\1/.test(word); // any code unit three times in a row
    const written = drawnOut ? word.replace(/(\p{L})\1{2,}/gu, '$1$1') : word;
    const key = lang === 'en' ? written : (QUEBEC_SPELLINGS.get(written) ?? written);
    return {
      start: from,
      end: to,
      key,
      loose: drawnOut ? collapseRepeats(key) : undefined,
      stem: stemmer.stem(key),
    };
  });
}

/** Deterministic strings mixing words, separators, spelled-out letters, accents, digits, emoji, lone surrogates and half-width kana. */
function oddTexts(count: number): string[] {
  const pieces = [
    'a',
    'b',
    'c',
    'y',
    'o',
    'é',
    'Ç',
    'œ',
    '0',
    '3',
    '@',
    ' ',
    ' ',
    '.',
    '-',
    '_',
    '*',
    '\n',
    "'",
    'connnnard',
    'toé',
    'pis',
    'nuuul',
    '𝐀',
    '𝐛',
    '😀',
    '\uD800',
    '\uDC00',
    'e\u0301',
    '\u200B',
    'バカ',
    'Ⅻ',
    '٣',
    'ß',
    'İ',
    'ﬁ',
    '\u00AD',
    'ｶ',
    'ﾞ',
    'ﾊﾟ',
  ];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 40) },
      () => pieces[Math.floor(next() * pieces.length)],
    ).join(''),
  );
}

/** The tokens' own fields; `forms` holds the same values, shared between tokens (tested below). */
function withoutForms(tokens: readonly Token[]): Omit<Token, 'forms'>[] {
  return tokens.map(({ forms: _forms, ...fields }) => fields);
}

describe('tokenize against its reference', () => {
  const stemmers = createStemmers();

  it('when the benchmark posts and odd strings are tokenized, then every token equals the reference one, offsets included', () => {
    const texts = [
      ...benchCorpus(2_000),
      ...oddTexts(5_000),
      'nothing but a b i t c h',
      'c . o . n',
      'x y z w',
      '𝐀 𝐁 𝐂 𝐃',
    ];
    for (const lang of ['fr', 'en'] as const) {
      for (const text of texts) {
        const folded = foldText(text);
        expect(withoutForms(tokenize(text, folded, lang, stemmers[lang])), text).toEqual(
          referenceTokenize(text, folded, lang, stemmers[lang]),
        );
      }
    }
  });

  it('when a one-letter word comes before letters spelled out, then it stays a word of its own', () => {
    const text = 'nothing but a b i t c h';

    expect(tokenize(text, foldText(text), 'en', stemmers.en).map((token) => token.key)).toEqual([
      'nothing',
      'but',
      'a',
      'bitch',
    ]);
  });

  it('when a word comes back, then its tokens share one set of forms, equal to their own fields, and other words do not', () => {
    const text = 'Nuuuul, nuul et NUUUUUL : le nul du jour, NUUUUL';
    const tokens = tokenize(text, foldText(text), 'fr', stemmers.fr);
    const [drawnOut, doubled, , longer, , plain, , , sameAsFirst] = tokens;

    expect(sameAsFirst!.forms).toBe(drawnOut!.forms);
    expect(tokenize('nuuuul', foldText('nuuuul'), 'fr', stemmers.fr)[0]!.forms).toBe(drawnOut!.forms);
    expect(longer!.forms).not.toBe(drawnOut!.forms); // written with one more u: another word, same forms
    expect(longer!.forms).toEqual(drawnOut!.forms);
    expect(doubled!.forms).not.toBe(drawnOut!.forms); // same key "nuul", but only the drawn-out word has a loose form
    expect(drawnOut!.forms).toEqual({ key: 'nuul', loose: 'nul', stem: drawnOut!.stem, keyHash: keyHashOf('nuul') });
    expect(doubled!.forms).toEqual({ key: 'nuul', loose: undefined, stem: doubled!.stem, keyHash: keyHashOf('nuul') });
    expect(plain!.forms.key).toBe('nul');
    for (const token of tokens) expect(token.forms).toEqual({ key: token.key, loose: token.loose, stem: token.stem, keyHash: keyHashOf(token.key) });
  });

  it('when the same word is read in English, then its forms are read again (Québec spellings are French)', () => {
    const inFrench = tokenize('chu', foldText('chu'), 'fr', stemmers.fr)[0]!;
    const inEnglish = tokenize('chu', foldText('chu'), 'en', stemmers.fr)[0]!;

    expect(inFrench.key).toBe('suis');
    expect(inEnglish.key).toBe('chu');
  });

  it('when more distinct words than the cache holds are read, then it starts again, and words read again come out the same', () => {
    const stemmer = createStemmers().fr; // a cache of its own
    const first = tokenize('bonjour', foldText('bonjour'), 'fr', stemmer)[0]!.forms;
    // Letters only: a digit beside letters would be read as leetspeak and fold words together.
    const lettersOf = (n: number) => [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
    const madeUp = Array.from({ length: 20_000 }, (_, i) => `mot${lettersOf(i)}`).join(' ');
    tokenize(madeUp, foldText(madeUp), 'fr', stemmer);
    const again = tokenize('bonjour', foldText('bonjour'), 'fr', stemmer)[0]!.forms;

    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
