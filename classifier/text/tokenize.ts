import type { DetectedLanguage } from '../types.js';
import { originalEndAfter, toOriginalRange, type FoldedText } from './fold.js';
import type { Stemmer } from './stemmers.js';
import { WORD_HASH_PRIME, WORD_HASH_SEED, WordTable, wordHash } from './word-table.js';

/** What one written word reads as: the same object for every occurrence of the word (see formsCacheFor). */
export interface WordForms {
  /**
   * Folded form, Québec spellings mapped, a letter written three times or more cut to two
   * ("connnnard" → "connard"). Double letters are kept: "salle" is not "sale".
   */
  readonly key: string;
  /** Only for a word drawn out that way: every run of a letter cut to one ("nuuuul" → "nul"). */
  readonly loose: string | undefined;
  readonly stem: string;
  /** A hash of `key`, so a matcher can count repeated words without a Set (see keyHashOf). */
  readonly keyHash: number;
}

export function keyHashOf(key: string): number {
  return wordHash(key, 0, key.length);
}

/** A word of the text. */
export interface Token {
  /** Offsets in the original text (UTF-16), so matches are reported in the author's words. */
  start: number;
  end: number;
  /** The forms' key, loose form and stem, copied for the matchers' inner loops. */
  key: string;
  loose: string | undefined;
  stem: string;
  /** Shared by every token of the same written word: matchers cache what they looked up for it. */
  forms: WordForms;
}

const DRAWN_OUT = /(\p{L})\1{2,}/gu;
// Letters spelled out one by one: "c o n n a r d", "c.o.n.n.a.r.d".
const SPACED_SEPARATOR = /^[\s.*_-]$/;
const MIN_SPACED_LETTERS = 3;
const STANDALONE_LETTERS = new Set(['a', 'y', 'i', 'o']);

/**
 * Everyday Québec spellings mapped to the standard word, so one lexicon entry serves both. A Map:
 * on an object literal the word "constructor" would read Object.prototype's function.
 */
export const QUEBEC_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['toe', 'toi'],
  ['moe', 'moi'],
  ['chu', 'suis'],
  ['pis', 'puis'],
  ['icitte', 'ici'],
  ['ben', 'bien'],
  ['pantoute', 'pas'],
  ['tsé', 'tu'],
  ['tse', 'tu'],
  ['yeule', 'gueule'],
  ['yeul', 'gueule'],
  ['gueul', 'gueule'],
  ['fak', 'donc'],
]);

/** Every run of one letter cut to a single letter ("connard" → "conard"). */
export function collapseRepeats(word: string): string {
  for (let i = 1; i < word.length; i++) {
    if (word.charCodeAt(i) === word.charCodeAt(i - 1)) return word.replace(/(\p{L})\1+/gu, '$1');
  }
  return word;
}

/** True when a letter is written three times or more in a row: drawn out, not spelled. */
function isDrawnOut(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code === word.charCodeAt(i - 1) && code === word.charCodeAt(i - 2)) return true;
  }
  return false;
}

export function tokenize(original: string, folded: FoldedText, lang: DetectedLanguage, stemmer: Stemmer): Token[] {
  if (lang === 'ja') return segmentJapanese(original, folded);
  const cache = formsCacheFor(stemmer, lang);
  return tokensOfWords(original, folded, lang, stemmer, cache) ?? tokensOfSpans(original, folded, lang, stemmer, cache);
}

/**
 * The tokens in one pass over the folded text, each word found in the cache where it stands; or
 * undefined at the first letters spelled out one by one ("c o n n a r d"), which tokensOfSpans joins.
 */
function tokensOfWords(original: string, folded: FoldedText, lang: DetectedLanguage, stemmer: Stemmer, cache: WordTable<WordForms>): Token[] | undefined {
  const { text, map, oneUnitPerCharacter } = folded;
  const tokens: Token[] = [];
  // One-letter words in a row, one separator apart, and where the last word ended.
  let singles = 0;
  let previousEnd = -2;
  let i = 0;
  while (i < text.length) {
    let width = wordCharWidth(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = WORD_HASH_SEED; // wordHash(text, start, i), taken on the way
    do {
      hash = Math.imul(hash ^ text.charCodeAt(i), WORD_HASH_PRIME);
      if (width === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), WORD_HASH_PRIME);
      i += width;
      const code = text.charCodeAt(i); // NaN past the end: no width
      width = code >= 0x80 ? wordCharWidth(text, i) : isAsciiWordCode(code) ? 1 : 0;
    } while (width > 0);
    if (i - start === 1) {
      singles = singles > 0 && start - previousEnd === 1 && SPACED_SEPARATOR.test(text[previousEnd]!) ? singles + 1 : 1;
      if (singles >= MIN_SPACED_LETTERS) return undefined;
    } else {
      singles = 0;
    }
    previousEnd = i;
    const forms = formsOf(cache, text, start, i, hash, lang, stemmer);
    // toOriginalRange's two ends without its pair (one allocation per word).
    const end = oneUnitPerCharacter ? map[i - 1]! + 1 : originalEndAfter(original, map[i - 1]!);
    tokens.push(tokenOf(map[start]!, end, forms));
  }
  return tokens;
}

/** The tokens of a text with letters spelled out one by one: words found first, then joined. */
function tokensOfSpans(original: string, folded: FoldedText, lang: DetectedLanguage, stemmer: Stemmer, cache: WordTable<WordForms>): Token[] {
  const text = folded.text;
  const map = folded.map;
  const spans = joinSpacedLetters(wordSpans(text), text);
  const tokens: Token[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i]!;
    const end = spans[i + 1]!;
    const word = spacedWord(text, start, end);
    const forms = formsOf(cache, word, 0, word.length, wordHash(word, 0, word.length), lang, stemmer);
    tokens.push(tokenOf(map[start]!, originalEndAfter(original, map[end - 1]!), forms));
  }
  return tokens;
}

/** What was read of the word `text[start, end)`, whose hash is `hash`: found in the cache, or read now and kept there. */
function formsOf(cache: WordTable<WordForms>, text: string, start: number, end: number, hash: number, lang: DetectedLanguage, stemmer: Stemmer): WordForms {
  const found = cache.find(text, start, end - start, hash);
  if (found !== undefined) return found;
  const word = text.slice(start, end);
  const forms = readWord(word, lang, stemmer);
  cache.add(word, hash, forms);
  return forms;
}

/** A token: its offsets in the original text and its word's forms, copied for the matchers' inner loops. */
function tokenOf(start: number, end: number, forms: WordForms): Token {
  return { start, end, key: forms.key, loose: forms.loose, stem: forms.stem, forms };
}

function readWord(word: string, lang: DetectedLanguage, stemmer: Stemmer): WordForms {
  const drawnOut = isDrawnOut(word);
  const written = drawnOut ? word.replace(DRAWN_OUT, '$1$1') : word;
  const key = lang === 'en' ? written : (QUEBEC_SPELLINGS.get(written) ?? written);
  return { key, loose: drawnOut ? collapseRepeats(key) : undefined, stem: stemmer.stem(key), keyHash: keyHashOf(key) };
}

/**
 * Each distinct word is read once per stemmer and language: a text's words are mostly words seen
 * before, and one lookup replaces the spelling map, the drawn-out check and the stemmer's memo.
 * Emptied at 20,000 words: the everyday words stay read, and a flood of made-up words costs a few
 * MB per language and rule set (at 100,000, about 20 MB).
 */
const FORMS_CACHE_LIMIT = 20_000;
const formsCaches = new WeakMap<Stemmer, Map<DetectedLanguage, WordTable<WordForms>>>();

function formsCacheFor(stemmer: Stemmer, lang: DetectedLanguage): WordTable<WordForms> {
  let byLanguage = formsCaches.get(stemmer);
  if (!byLanguage) formsCaches.set(stemmer, (byLanguage = new Map()));
  let cache = byLanguage.get(lang);
  if (!cache) byLanguage.set(lang, (cache = new WordTable<WordForms>(FORMS_CACHE_LIMIT)));
  return cache;
}

/** A word's text; letters spelled out one by one ("c o n n a r d") are joined. */
function spacedWord(text: string, start: number, end: number): string {
  const word = text.slice(start, end);
  if (end - start < 2 * MIN_SPACED_LETTERS - 1 || !SPACED_SEPARATOR.test(text[start + 1]!)) return word;
  let joined = '';
  for (let i = 0; i < word.length; i += 2) joined += word[i];
  return joined;
}

// The same characters as /[\p{L}\p{N}]/u, looked up by UTF-16 code: 0 not yet known, 1 word, 2 not.
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
const wordCodes = new Uint8Array(0x10000);

function isAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/** Width (1 or 2 code units) of the letter or digit at `index`, or 0 when there is none. */
function wordCharWidth(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0x80) return isAsciiWordCode(code) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const next = text.charCodeAt(index + 1);
    // A letter beyond the first plane (mathematical letters, rare scripts) takes two code units.
    if (next >= 0xdc00 && next <= 0xdfff) return WORD_CHARACTER.test(text.slice(index, index + 2)) ? 2 : 0;
  }
  let known = wordCodes[code]!;
  if (known === 0) wordCodes[code] = known = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/**
 * Runs of letters and digits as [start, end, start, end…] offsets: /[\p{L}\p{N}]+/gu without the
 * regex. tokensOfWords repeats its inner loop, hashing the word on the way: through a shared
 * function, the tokenizer measured 0.4 µs a post slower (2 %).
 */
function wordSpans(text: string): number[] {
  const spans: number[] = [];
  let i = 0;
  while (i < text.length) {
    let width = wordCharWidth(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    do {
      i += width;
      // Folded text is mostly lower-case ASCII: letters and digits are read here without a call.
      const code = text.charCodeAt(i); // NaN past the end: no width
      width = code >= 0x80 ? wordCharWidth(text, i) : isAsciiWordCode(code) ? 1 : 0;
    } while (width > 0);
    spans.push(start, i);
  }
  return spans;
}

/**
 * Merges runs of one-character words separated by one separator ("c o n n a r d") into a single
 * span; `spacedWord` drops the separators. Same flat [start, end…] layout as `wordSpans`.
 */
function joinSpacedLetters(spans: number[], text: string): number[] {
  const count = spans.length / 2;
  const single = (k: number) => spans[2 * k + 1]! - spans[2 * k]! === 1;
  const out: number[] = [];
  for (let i = 0; i < count; ) {
    let j = i;
    while (j + 1 < count && single(j) && single(j + 1) && spans[2 * (j + 1)]! - spans[2 * j + 1]! === 1 && SPACED_SEPARATOR.test(text[spans[2 * j + 1]!]!)) {
      j++;
    }
    // "nothing but a b i t c h": a one-letter word ("a", "y", "i", "à") before the spelled-out word stays apart.
    if (j - i >= MIN_SPACED_LETTERS && STANDALONE_LETTERS.has(text[spans[2 * i]!]!)) {
      out.push(spans[2 * i]!, spans[2 * i + 1]!);
      i++;
    }
    if (j - i + 1 >= MIN_SPACED_LETTERS) {
      out.push(spans[2 * i]!, spans[2 * j + 1]!);
      i = j + 1;
    } else {
      out.push(spans[2 * i]!, spans[2 * i + 1]!);
      i++;
    }
  }
  return out;
}

const japaneseSegmenter = new Intl.Segmenter('ja', { granularity: 'word' });

function segmentJapanese(original: string, folded: FoldedText): Token[] {
  const tokens: Token[] = [];
  for (const [offset, chunk] of segmentableChunks(folded.text)) {
    for (const segment of japaneseSegmenter.segment(chunk)) {
      if (!segment.isWordLike) continue;
      const chunkStart = offset + segment.index;
      const [start, end] = toOriginalRange(folded, original, chunkStart, chunkStart + segment.segment.length);
      const word = segment.segment;
      tokens.push(tokenOf(start, end, { key: word, loose: undefined, stem: word, keyHash: keyHashOf(word) }));
    }
  }
  return tokens;
}

/**
 * V8's Intl.Segmenter slows down more than linearly on long strings (40,000 characters: 9 s), so
 * long texts are segmented in pieces cut after punctuation or spaces, where no word continues.
 */
const SEGMENT_CHUNK_CHARS = 2_000;
const CHUNK_BREAK = /[\s\p{P}]/u;

export function* segmentableChunks(text: string): Generator<[offset: number, chunk: string]> {
  let start = 0;
  while (text.length - start > SEGMENT_CHUNK_CHARS) {
    let end = start + SEGMENT_CHUNK_CHARS;
    const earliest = end - SEGMENT_CHUNK_CHARS / 4;
    while (end > earliest && !CHUNK_BREAK.test(text[end - 1]!)) end--;
    if (end === earliest) end = start + SEGMENT_CHUNK_CHARS;
    // Never split a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    yield [start, text.slice(start, end)];
    start = end;
  }
  if (start < text.length) yield [start, text.slice(start)];
}

/** Index of the token that contains or follows original offset `offset` (binary search). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
