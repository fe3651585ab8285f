import type { DetectedLanguage } from '../types.js';
import { CENSORED_CODE, CENSORED_LETTER, originalEndAfter, toOriginalRange, type FoldedText } from './fold.js';
import type { Stemmer } from './stemmers.js';
import { wordHash } from './word-table.js';
import { MIN_SPACED_LETTERS, SPACED_SEPARATOR, writtenWordsOf, type WordForms, type WrittenWord, type WrittenWords } from './written-words.js';

export type { WordForms } from './written-words.js';

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

// Not a word censored with stars ("n****r"): its stars stand for as many letters.
const DRAWN_OUT = new RegExp(`(?!${CENSORED_LETTER})(\\p{L})\\1{2,}`, 'gu');
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
    if (code === word.charCodeAt(i - 1) && code === word.charCodeAt(i - 2) && code !== CENSORED_CODE) return true;
  }
  return false;
}

export function tokenize(original: string, folded: FoldedText, lang: DetectedLanguage, stemmer: Stemmer): Token[] {
  if (lang === 'ja') return segmentJapanese(original, folded);
  const cache = formsCacheFor(stemmer, lang);
  const words = writtenWordsOf(folded);
  return words.spacedLetters ? tokensOfSpans(original, folded, words, lang, stemmer, cache) : tokensOfWords(original, folded, words, lang, stemmer, cache);
}

/** A token for each written word, read as the language reads it. */
function tokensOfWords(original: string, folded: FoldedText, written: WrittenWords, lang: DetectedLanguage, stemmer: Stemmer, cache: FormsCache): Token[] {
  const { map, oneUnitPerCharacter } = folded;
  const { starts, words } = written;
  const tokens: Token[] = [];
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const forms = word.formsCache === cache ? word.forms! : formsOfWord(cache, word, lang, stemmer);
    const start = starts[k]!;
    const last = map[start + word.text.length - 1]!;
    // toOriginalRange's two ends without its pair (one allocation per word).
    const end = oneUnitPerCharacter ? last + 1 : originalEndAfter(original, last);
    tokens.push(tokenOf(map[start]!, end, forms));
  }
  return tokens;
}

/** The tokens of a text with letters spelled out one by one ("c o n n a r d"): its words, those letters joined. */
function tokensOfSpans(original: string, folded: FoldedText, written: WrittenWords, lang: DetectedLanguage, stemmer: Stemmer, cache: FormsCache): Token[] {
  const text = folded.text;
  const map = folded.map;
  const spans = joinSpacedLetters(spansOf(written), text);
  const tokens: Token[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i]!;
    const end = spans[i + 1]!;
    const forms = formsOf(cache, spacedWord(text, start, end), lang, stemmer);
    tokens.push(tokenOf(map[start]!, originalEndAfter(original, map[end - 1]!), forms));
  }
  return tokens;
}

/** What a written word reads as for this cache, kept in the word's slot for the next text. */
function formsOfWord(cache: FormsCache, word: WrittenWord, lang: DetectedLanguage, stemmer: Stemmer): WordForms {
  const forms = formsOf(cache, word.text, lang, stemmer);
  word.formsCache = cache;
  word.forms = forms;
  return forms;
}

/** What a word reads as: found in the cache, or read now and kept there. */
function formsOf(cache: FormsCache, word: string, lang: DetectedLanguage, stemmer: Stemmer): WordForms {
  let forms = cache.get(word);
  if (forms === undefined) {
    forms = readWord(word, lang, stemmer);
    if (cache.size >= FORMS_CACHE_LIMIT) cache.clear();
    cache.set(word, forms);
  }
  return forms;
}

/** A token over a span of the original text, read as `word` ("f*ck" read as "fuck"). */
export function tokenReadAs(span: { start: number; end: number }, word: string, lang: DetectedLanguage, stemmer: Stemmer): Token {
  return tokenOf(span.start, span.end, formsOf(formsCacheFor(stemmer, lang), word, lang, stemmer));
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
 * A written word keeps its forms for the last cache that read it, so this map is only asked when a
 * word changes language or rule set. Emptied at 20,000 words: the everyday words stay read, and a
 * flood of made-up words costs a few MB per language and rule set (at 100,000, about 20 MB).
 */
type FormsCache = Map<string, WordForms>;
const FORMS_CACHE_LIMIT = 20_000;
const formsCaches = new WeakMap<Stemmer, Map<DetectedLanguage, FormsCache>>();

function formsCacheFor(stemmer: Stemmer, lang: DetectedLanguage): FormsCache {
  let byLanguage = formsCaches.get(stemmer);
  if (!byLanguage) formsCaches.set(stemmer, (byLanguage = new Map()));
  let cache = byLanguage.get(lang);
  if (!cache) byLanguage.set(lang, (cache = new Map()));
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

/** The written words as [start, end, start, end…] offsets in the folded text. */
function spansOf(written: WrittenWords): number[] {
  return written.words.flatMap((word, k) => [written.starts[k]!, written.starts[k]! + word.text.length]);
}

/**
 * Merges runs of one-character words separated by one separator ("c o n n a r d") into a single
 * span; `spacedWord` drops the separators. Same flat [start, end…] layout as spansOf.
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
