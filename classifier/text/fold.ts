/**
 * Folding for matching: lower case, accents removed, compatibility forms unified, invisible
 * characters dropped, leetspeak undone inside words. `map[i]` is the index in the original text of
 * folded character `i`, so every match can be reported in the author's own text.
 */
export interface FoldedText {
  text: string;
  map: readonly number[];
  /** ASCII digits in the original text, counted in the same pass: number patterns need several. */
  digits: number;
}

// Zero-width and format characters used to split words invisibly.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;
// Latin combining marks (accents); other scripts' marks (Japanese dakuten) are kept.
// eslint-disable-next-line no-misleading-character-class -- ranges of lone combining marks, on purpose
const LATIN_MARK = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', 'ı': 'i' };
const LEET_DIGITS: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const LEET_CANDIDATE = /[013457@$!€£]/;
/** LEET_CANDIDATE's ASCII characters by code (1), for the fold's own pass; "€" and "£" beside them. */
const LEET_ASCII = new Uint8Array(0x80);
for (const char of '013457@$!') LEET_ASCII[char.charCodeAt(0)] = 1;
const EURO = 0x20ac;
const POUND = 0xa3;
const LEET_CANDIDATES = /[013457@$!€£]/g;
const LEET_SYMBOLS: Record<string, string> = { '@': 'a', $: 's', '!': 'i', '€': 'e', '£': 'l' };

/** Half-width kana voicing marks, written after their kana ("ﾊﾞ"). */
const HALF_WIDTH_VOICED_MARK = 0xff9e;
const HALF_WIDTH_SEMI_VOICED_MARK = 0xff9f;

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
  // A plain array: allocating a typed array of this size cost more than filling it (about 1 µs a post).
  const map: number[] = new Array<number>(original.length);
  let codes: Uint16Array = foldBuffer;
  let length = 0;
  let digits = 0;
  // Whether a character leetspeak may stand for a letter was written (LEET_CANDIDATE, read here).
  let leet = false;
  for (let index = 0; index < original.length; ) {
    const codePoint = original.codePointAt(index)!;
    if (codePoint < 0x80) {
      // ASCII: only case folds.
      if (length === codes.length) codes = growFoldBuffer(length + 1);
      if (codePoint >= 48 && codePoint <= 57) digits++;
      if (LEET_ASCII[codePoint] === 1) leet = true;
      codes[length] = codePoint >= 65 && codePoint <= 90 ? codePoint | 0x20 : codePoint;
      map[length++] = index;
      index += 1;
      continue;
    }
    // Half-width kana write the voicing mark apart ("ﾊﾞｶ"): joining it to its kana needs the text so far.
    if (codePoint === HALF_WIDTH_VOICED_MARK || codePoint === HALF_WIDTH_SEMI_VOICED_MARK) return foldTextByParts(original);
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = width === 1 ? foldedBmpCharacter(codePoint) : foldedCharacter(original.slice(index, index + 2));
    if (length + folded.length > codes.length) codes = growFoldBuffer(length + folded.length);
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      // A compatibility form folds to one too: "＄" is "$", "１" is "1".
      if (code < 0x80 ? LEET_ASCII[code] === 1 : code === EURO || code === POUND) leet = true;
      codes[length] = code;
      map[length++] = index;
    }
    index += width;
  }
  let text = stringOfCodes(codes, length);
  if (leet) text = undoLeetspeak(text);
  map.length = length;
  return { text, map, digits };
}

/**
 * The folded text's code units are written here, then made into one string: cheaper than
 * building the string piece by piece. Grown to the longest text folded so far.
 */
let foldBuffer: Uint16Array = new Uint16Array(4096);

/**
 * String.fromCharCode over the buffer, in pieces a call's arguments can hold. It copies code units
 * as they are; a UTF-16 TextDecoder, a little faster, would replace any lone surrogate.
 */
const CODES_PER_CALL = 8192;

function stringOfCodes(codes: Uint16Array, length: number): string {
  if (length <= CODES_PER_CALL) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  let text = '';
  for (let start = 0; start < length; start += CODES_PER_CALL) {
    text += String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + CODES_PER_CALL)) as unknown as number[]);
  }
  return text;
}

function growFoldBuffer(needed: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(needed, 2 * foldBuffer.length));
  bigger.set(foldBuffer);
  foldBuffer = bigger;
  return bigger;
}

/** foldText built as a string, piece by piece: for a text with half-width voicing marks. */
function foldTextByParts(original: string): FoldedText {
  let text = '';
  const map: number[] = new Array<number>(original.length);
  let length = 0;
  let digits = 0;
  let asciiRunStart = -1;
  const flushAscii = (until: number) => {
    if (asciiRunStart < 0) return;
    text += original.slice(asciiRunStart, until).toLowerCase();
    asciiRunStart = -1;
  };
  for (let index = 0; index < original.length; ) {
    const codePoint = original.codePointAt(index)!;
    if (codePoint < 0x80) {
      // ASCII: only case folds; runs are lowered in one call.
      if (asciiRunStart < 0) asciiRunStart = index;
      if (codePoint >= 48 && codePoint <= 57) digits++;
      map[length++] = index;
      index += 1;
      continue;
    }
    flushAscii(index);
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = width === 1 ? foldedBmpCharacter(codePoint) : foldedCharacter(original.slice(index, index + 2));
    if (codePoint === HALF_WIDTH_VOICED_MARK || codePoint === HALF_WIDTH_SEMI_VOICED_MARK) {
      // Half-width kana write the voicing mark apart ("ﾊﾞｶ"): joined to its kana it is "バカ".
      const joined = withVoicingMark(text, folded);
      if (joined !== undefined) {
        text = joined;
        index += width;
        continue;
      }
    }
    for (let k = 0; k < folded.length; k++) map[length++] = index;
    text += folded;
    index += width;
  }
  flushAscii(original.length);
  if (LEET_CANDIDATE.test(text)) text = undoLeetspeak(text);
  map.length = length;
  return { text, map, digits };
}

/** The text with its last kana and this (folded) voicing mark composed, or undefined when they do not compose. */
function withVoicingMark(text: string, mark: string): string | undefined {
  const composed = (text.slice(-1) + mark).normalize('NFC');
  return composed.length === 1 ? text.slice(0, -1) + composed : undefined;
}

const LETTER = /\p{L}/u;

/** "c0nn@rd" → "connard": digits next to a letter, symbols between two letters. "2024" stays. */
function undoLeetspeak(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  for (const match of text.matchAll(LEET_CANDIDATES)) {
    const i = match.index;
    const char = match[0];
    const before = i > 0 && LETTER.test(text[i - 1]!);
    const after = i + 1 < text.length && LETTER.test(text[i + 1]!);
    const symbol = LEET_SYMBOLS[char];
    const replace = symbol !== undefined ? before && after : (before || after) && !digitRunAround(text, i);
    if (!replace) continue;
    out += text.slice(copiedUpTo, i) + (symbol ?? LEET_DIGITS[char]!);
    copiedUpTo = i + 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** A digit inside a run of digits is a number ("covid19" keeps 19), not leetspeak. */
function digitRunAround(text: string, i: number): boolean {
  return isDigit(text.charCodeAt(i - 1)) || isDigit(text.charCodeAt(i + 1));
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

/** End offset of the original character that starts at `lastIndex` (a surrogate pair is two units). */
export function originalEndAfter(original: string, lastIndex: number): number {
  return lastIndex + ((original.codePointAt(lastIndex) ?? 0) > 0xffff ? 2 : 1);
}
