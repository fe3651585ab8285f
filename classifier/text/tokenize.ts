import type { DetectedLanguage } from '../types.js';
import { toOriginalRange, type FoldedText } from './fold.js';
import type { Stemmer } from './stemmers.js';

/** A word of the text. */
export interface Token {
  /** Offsets in the original text (UTF-16), so matches are reported in the author's words. */
  start: number;
  end: number;
  /**
   * Folded form, Québec spellings mapped, a letter written three times or more cut to two
   * ("connnnard" → "connard"). Double letters are kept: "salle" is not "sale".
   */
  key: string;
  /** Only for a word drawn out that way: every run of a letter cut to one ("nuuuul" → "nul"). */
  loose: string | undefined;
  stem: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const DRAWN_OUT = /(\p{L})\1{2,}/gu;
// Letters spelled out one by one: "c o n n a r d", "c.o.n.n.a.r.d".
const SPACED_SEPARATOR = /^[\s.*_-]$/;
const MIN_SPACED_LETTERS = 3;
const STANDALONE_LETTERS = new Set(['a', 'y', 'i', 'o']);

/**
 * Everyday Québec spellings mapped to the standard word, so one lexicon entry serves both. A Map:
 * on an object literal the word "constructor" would read Object.prototype's function.
 */
const QUEBEC_SPELLINGS = new Map<string, string>([
  ['toe', 'toi'],
  ['moe', 'moi'],
  ['chu', 'suis'],
  ['pis', 'puis'],
  ['icitte', 'ici'],
  ['ben', 'bien'],
  ['pantoute', 'pas'],
  ['tsé', 'tu'],
  ['tse', 'tu'],
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
  const raw: { start: number; end: number; word: string }[] = [];
  for (const match of folded.text.matchAll(WORD)) {
    raw.push({ start: match.index, end: match.index + match[0].length, word: match[0] });
  }
  return joinSpacedLetters(raw, folded.text).map(({ start, end, word }) => {
    const [originalStart, originalEnd] = toOriginalRange(folded, original, start, end);
    const drawnOut = isDrawnOut(word);
    const written = drawnOut ? word.replace(DRAWN_OUT, '$1$1') : word;
    const key = lang === 'en' ? written : (QUEBEC_SPELLINGS.get(written) ?? written);
    return { start: originalStart, end: originalEnd, key, loose: drawnOut ? collapseRepeats(key) : undefined, stem: stemmer.stem(key) };
  });
}

function joinSpacedLetters(
  raw: { start: number; end: number; word: string }[],
  text: string,
): { start: number; end: number; word: string }[] {
  const out: typeof raw = [];
  for (let i = 0; i < raw.length; ) {
    let j = i;
    while (
      j + 1 < raw.length &&
      raw[j]!.word.length === 1 &&
      raw[j + 1]!.word.length === 1 &&
      raw[j + 1]!.start - raw[j]!.end === 1 &&
      SPACED_SEPARATOR.test(text[raw[j]!.end]!)
    ) {
      j++;
    }
    // "nothing but a b i t c h": a one-letter word ("a", "y", "i", "à") before the spelled-out word stays apart.
    if (j - i >= MIN_SPACED_LETTERS && STANDALONE_LETTERS.has(raw[i]!.word)) i++;
    if (j - i + 1 >= MIN_SPACED_LETTERS) {
      out.push({ start: raw[i]!.start, end: raw[j]!.end, word: raw.slice(i, j + 1).map((t) => t.word).join('') });
      i = j + 1;
    } else {
      out.push(raw[i]!);
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
      tokens.push({ start, end, key: segment.segment, loose: undefined, stem: segment.segment });
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
