import { codeUnitsOf, stringOfCodes } from './code-units.js';
import { isLetterCode } from './letters.js';
import { lookalikeOf, undoLookalikes } from './lookalikes.js';
import type { WrittenWords } from './written-words.js';
import { SAMPLE_CHARS, SCRIPT_FRENCH_ACCENT, SCRIPT_JAPANESE, SCRIPT_LETTER, scriptOf, type LanguageCues } from './language-cues.js';

/**
 * Folding for matching: lower case, accents removed, compatibility forms unified, invisible
 * characters dropped, leetspeak and look-alike letters of other scripts undone inside words. `map[i]` is the index in the original text of
 * folded character `i`, so every match can be reported in the author's own text.
 */
export interface FoldedText {
  text: string;
  map: readonly number[];
  /** ASCII digits in the original text, counted in the same pass: number patterns need several. */
  digits: number;
  /** What the language decision reads, counted in the same pass. */
  languageCues: LanguageCues;
  /**
   * True when no character of the original takes two code units or joins the one before it (a
   * half-width voicing mark): the original range of folded characters then ends one unit after
   * the last one's offset, without looking at the text (see originalEndAfter).
   */
  oneUnitPerCharacter: boolean;
  /** Its words, found at their first use (language vote or tokenizer) and kept here: see writtenWordsOf. */
  writtenWords: WrittenWords | undefined;
  /** True when a word was censored with stars ("f*ck", "n****r"): see CENSORED_LETTER. */
  censored: boolean;
}

/**
 * What a star written inside a word folds to ("c*nnard", "n****r"): a letter no French, English or
 * Japanese text uses, so the word stays one word; the tokenizer's caller reads it as the list word
 * it hides (censored-words.ts).
 */
export const CENSORED_LETTER = 'ʔ';
export const CENSORED_CODE = CENSORED_LETTER.charCodeAt(0);
const STAR = 0x2a;

// Zero-width and format characters used to split words invisibly.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;
// Latin combining marks (accents); other scripts' marks (Japanese dakuten) are kept.
// eslint-disable-next-line no-misleading-character-class -- ranges of lone combining marks, on purpose
const LATIN_MARK = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', 'ı': 'i' };
// Leetspeak, by code: the letter each digit or symbol may stand for.
const LEET_DIGITS = codeTable({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' });
const LEET_SYMBOLS = codeTable({ '@': 'a', $: 's', '!': 'i', '€': 'e', '£': 'l' });
/** What the fold counts or notes of each ASCII character, as bits: one table look instead of range tests. */
const ASCII_DIGIT = 1;
const ASCII_LETTER = 2;
/** A character leetspeak may use for a letter ("€" and "£" are tested beside it). */
const ASCII_LEET = 4;
const ASCII_KIND = new Uint8Array(0x80);
/** Each ASCII character in lower case. */
const ASCII_LOWER = new Uint16Array(0x80);
for (let code = 0; code < 0x80; code++) {
  const lower = code >= 65 && code <= 90 ? code | 0x20 : code;
  ASCII_LOWER[code] = lower;
  if (code >= 48 && code <= 57) ASCII_KIND[code] = ASCII_DIGIT;
  else if (lower >= 97 && lower <= 122) ASCII_KIND[code] = ASCII_LETTER;
}
for (const code of [...Object.keys(LEET_DIGITS), ...Object.keys(LEET_SYMBOLS), STAR].map(Number)) {
  if (code < 0x80) ASCII_KIND[code]! |= ASCII_LEET;
}
const EURO = 0x20ac;
const POUND = 0xa3;

function codeTable(letters: Record<string, string>): Record<number, number> {
  return Object.fromEntries(Object.entries(letters).map(([char, letter]) => [char.charCodeAt(0), letter.charCodeAt(0)]));
}

/** Half-width kana voicing marks, written after their kana ("ﾊﾞ"). */
const HALF_WIDTH_VOICED_MARK = 0xff9e;
const HALF_WIDTH_SEMI_VOICED_MARK = 0xff9f;

function isHalfWidthVoicingMark(code: number): boolean {
  return code === HALF_WIDTH_VOICED_MARK || code === HALF_WIDTH_SEMI_VOICED_MARK;
}

const foldedCodePoints = new Map<string, string>();

function foldCodePoint(char: string): string {
  let folded = foldedCodePoints.get(char);
  if (folded === undefined) {
    folded = '';
    for (const part of char.normalize('NFKD')) {
      if (LATIN_MARK.test(part)) continue;
      const lower = part.toLowerCase();
      folded += LIGATURES[lower] ?? lower;
    }
    // Kana keep their voicing marks composed ("ズ", not "ス" + "゛"): Intl.Segmenter finds
    // Japanese words only in composed text ("カスタマイズ" decomposed came out as "カス|タマ|イズ").
    if (folded.length > 1) folded = folded.normalize('NFC');
    if (foldedCodePoints.size < 20_000) foldedCodePoints.set(char, folded);
  }
  return folded;
}

/** Folded form of each character of the first plane met so far; '' when it is dropped. */
const foldedBmp: (string | undefined)[] = new Array<string | undefined>(0x10000);

/** A character of the first plane folded, through the table; a lone surrogate folds to nothing. */
function foldedBmpCharacter(code: number): string {
  let folded = foldedBmp[code];
  if (folded === undefined) foldedBmp[code] = folded = code >= 0xd800 && code <= 0xdfff ? '' : foldedCharacter(String.fromCharCode(code));
  return folded;
}

/** Invisible characters and lone marks fold to nothing; others as foldCodePoint says. */
function foldedCharacter(char: string): string {
  return INVISIBLE.test(char) || LATIN_MARK.test(char) ? '' : foldCodePoint(char);
}

export function foldText(original: string): FoldedText {
  const total = original.length;
  // A plain array: allocating a typed array of this size cost more than filling it (about 1 µs a post).
  const map: number[] = new Array<number>(total);
  // Room for the text as long as it is: only a character that folds longer checks for more.
  let codes: Uint16Array = total > foldBuffer.length ? growFoldBuffer(total) : foldBuffer;
  const units = codeUnitsOf(original);
  let length = 0;
  let digits = 0;
  let letters = 0;
  let japanese = 0;
  let frenchAccents = 0;
  let oneUnitPerCharacter = true;
  // Where a digit or symbol leetspeak may use for a letter was written (LEET_DIGITS, LEET_SYMBOLS).
  let leetCandidates: number[] | undefined;
  // Where a Cyrillic, Greek or small-capital letter that looks Latin was written, and what it looks like.
  let lookalikeCandidates: number[] | undefined;
  for (let index = 0; index < total; ) {
    const unit = units[index]!;
    if (unit < 0x80) {
      // ASCII: only case folds.
      const kind = ASCII_KIND[unit]!;
      if (kind === ASCII_LETTER) {
        if (index < SAMPLE_CHARS) letters++;
      } else if (kind !== 0) {
        if (kind & ASCII_DIGIT) digits++;
        if (kind & ASCII_LEET) (leetCandidates ??= []).push(length);
      }
      codes[length] = ASCII_LOWER[unit]!;
      map[length++] = index;
      index += 1;
      continue;
    }
    if (index < SAMPLE_CHARS) {
      // A surrogate is no letter: a character beyond the first plane counts for nothing, as before.
      const script = scriptOf(unit);
      if (script & SCRIPT_LETTER) letters++;
      if (script & SCRIPT_JAPANESE) japanese++;
      if (script & SCRIPT_FRENCH_ACCENT) frenchAccents++;
    }
    const codePoint = codePointAt(units, index, total);
    const width = codePoint > 0xffff ? 2 : 1;
    const voicingMark = isHalfWidthVoicingMark(codePoint);
    if (width === 2 || (codePoint >= 0xd800 && codePoint <= 0xdfff) || voicingMark) oneUnitPerCharacter = false;
    // An emoji between two letters of a word hides it ("c😀onnard"): it folds to nothing there.
    // (Emoji start at U+2000, past every accented letter, which the first test sends on.)
    if (codePoint >= 0x2000 && length > 0 && isAsciiLetter(codes[length - 1]!) && isInnerSymbol(codePoint) && letterAfterSymbols(units, index + width, total)) {
      index += width;
      continue;
    }
    const folded = width === 1 ? foldedBmpCharacter(codePoint) : foldedCharacter(original.slice(index, index + 2));
    // Half-width kana write the voicing mark apart ("ﾊﾞｶ"): it joins the kana before it ("バカ").
    if (voicingMark && length > 0) {
      const composed = (String.fromCharCode(codes[length - 1]!) + folded).normalize('NFC');
      if (composed.length === 1) {
        codes[length - 1] = composed.charCodeAt(0);
        index += width;
        continue;
      }
    }
    if (width === 1 && folded.length === 1) {
      const lookalike = lookalikeOf(codePoint);
      if (lookalike !== 0) (lookalikeCandidates ??= []).push(length, lookalike);
    }
    const needed = length + folded.length + (total - index - width);
    if (needed > codes.length) codes = growFoldBuffer(needed);
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      // A compatibility form folds to one too: "＄" is "$", "１" is "1".
      if (code < 0x80 ? (ASCII_KIND[code]! & ASCII_LEET) !== 0 : code === EURO || code === POUND) (leetCandidates ??= []).push(length);
      codes[length] = code;
      map[length++] = index;
    }
    index += width;
  }
  const censored = leetCandidates !== undefined && undoLeetspeak(codes, length, leetCandidates);
  if (lookalikeCandidates) undoLookalikes(codes, length, lookalikeCandidates);
  map.length = length;
  const languageCues = { letters, japanese, frenchAccents };
  return { text: stringOfCodes(codes, length), map, digits, languageCues, oneUnitPerCharacter, writtenWords: undefined, censored };
}

/**
 * The folded text's code units are written here, then made into one string: cheaper than
 * building the string piece by piece. Grown to the longest text folded so far.
 */
let foldBuffer: Uint16Array = new Uint16Array(4096);

function growFoldBuffer(needed: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(needed, 2 * foldBuffer.length));
  bigger.set(foldBuffer);
  foldBuffer = bigger;
  return bigger;
}

/**
 * "c0nn@rd" → "connard", in the folded code units: a digit next to a letter, a symbol between two
 * letters. "2024" and "covid19" stay. Every candidate is judged on the text as folded, before any
 * is replaced ("4" after "c4" is not a letter yet). A run of stars between two letters ("f*ck",
 * "n****r") becomes CENSORED_LETTERs; the answer says whether any did.
 */
function undoLeetspeak(codes: Uint16Array, length: number, candidates: readonly number[]): boolean {
  const letters: number[] = [];
  let censored = false;
  for (const i of candidates) {
    const code = codes[i]!;
    if (code === STAR) {
      if (isCensoringStar(codes, length, i)) {
        letters.push(i, CENSORED_CODE);
        censored = true;
      }
      continue;
    }
    const before = i > 0 && isLetterCode(codes[i - 1]!);
    const after = i + 1 < length && isLetterCode(codes[i + 1]!);
    const symbol = LEET_SYMBOLS[code];
    const replace = symbol !== undefined ? before && after : (before || after) && !digitRunAround(codes, length, i);
    if (replace) letters.push(i, symbol ?? LEET_DIGITS[code]!);
  }
  for (let k = 0; k < letters.length; k += 2) codes[letters[k]!] = letters[k + 1]!;
  return censored;
}

/** Whether the star at `i` is in a run of at most four stars with a letter on each side ("f**k"; not "*gras*", "5*3"). */
function isCensoringStar(codes: Uint16Array, length: number, i: number): boolean {
  let first = i;
  while (first > 0 && codes[first - 1] === STAR) first--;
  let last = i;
  while (last + 1 < length && codes[last + 1] === STAR) last++;
  return last - first < 4 && first > 0 && last + 1 < length && isLetterCode(codes[first - 1]!) && isLetterCode(codes[last + 1]!);
}

/** Emoji, their skin tones and variation selectors: what may be slipped inside a word. */
const INNER_SYMBOL = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0E\uFE0F]$/u;
/** INNER_SYMBOL's answer for characters of the first plane, by code: 0 not yet known, 1 yes, 2 no. */
const innerSymbolCodes = new Uint8Array(0x10000);

function isInnerSymbol(codePoint: number): boolean {
  if (codePoint > 0xffff) return INNER_SYMBOL.test(String.fromCodePoint(codePoint));
  let known = innerSymbolCodes[codePoint]!;
  if (known === 0) innerSymbolCodes[codePoint] = known = INNER_SYMBOL.test(String.fromCharCode(codePoint)) ? 1 : 2;
  return known === 1;
}

/** Whether, past more inner symbols, the next character from `from` is an ASCII letter. */
function letterAfterSymbols(units: Uint16Array, from: number, total: number): boolean {
  let at = from;
  while (at < total) {
    const unit = units[at]!;
    if (unit < 0x80) return isAsciiLetter(unit);
    const codePoint = codePointAt(units, at, total);
    if (!isInnerSymbol(codePoint)) return false;
    at += codePoint > 0xffff ? 2 : 1;
  }
  return false;
}

/** The code point at `index`: a surrogate pair's, or the unit itself (a lone surrogate too). */
function codePointAt(units: Uint16Array, index: number, total: number): number {
  const unit = units[index]!;
  if (unit < 0xd800 || unit > 0xdbff || index + 1 >= total) return unit;
  const next = units[index + 1]!;
  return next >= 0xdc00 && next <= 0xdfff ? 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00) : unit;
}

function isAsciiLetter(code: number): boolean {
  return code < 0x80 && (ASCII_KIND[code]! & ASCII_LETTER) !== 0;
}

/** A digit inside a run of digits is a number ("covid19" keeps 19), not leetspeak. */
function digitRunAround(codes: Uint16Array, length: number, i: number): boolean {
  return (i > 0 && isDigit(codes[i - 1]!)) || (i + 1 < length && isDigit(codes[i + 1]!));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Maps a folded [start, end) range back to the original text. */
export function toOriginalRange(folded: FoldedText, original: string, start: number, end: number): [number, number] {
  if (folded.map.length === 0) return [0, 0];
  const originalStart = folded.map[Math.min(start, folded.map.length - 1)]!;
  const lastIndex = folded.map[Math.max(start, Math.min(end, folded.map.length) - 1)]!;
  return [originalStart, originalEndAfter(original, lastIndex)];
}

/**
 * End offset of the original character that starts at `lastIndex` (a surrogate pair is two units;
 * a half-width kana takes the voicing mark written after it, which folding joined to it).
 */
export function originalEndAfter(original: string, lastIndex: number): number {
  const end = lastIndex + ((original.codePointAt(lastIndex) ?? 0) > 0xffff ? 2 : 1);
  return isHalfWidthVoicingMark(original.charCodeAt(end)) ? end + 1 : end;
}
