import { isLetterCode } from './letters.js';

// Letters of other scripts that look like Latin ones, slipped into a word to hide it from the
// lists: "сonnard" with a Cyrillic "с", "Аrabes" with a Cyrillic "А", "ϲonnard" with a Greek
// lunate sigma. Keyed by the character as written (upper and lower case can look like different
// Latin letters: "Н" is an H, "η" an n).

/** Cyrillic and Greek letters, by the Latin letter they pass for: read so only inside a word that holds Latin letters. */
const OTHER_SCRIPTS: Record<string, string> = {
  a: 'АаӐӑӒӓΑα',
  b: 'ВвЬьβΒ',
  c: 'СсϲϹ',
  d: 'ԁ',
  e: 'ЕеЁёЀѐΕε',
  h: 'НнҺһΗ',
  i: 'ІіЇїΙιΊί',
  j: 'Јј',
  k: 'КкΚκ',
  l: 'Ӏӏ',
  m: 'МмΜ',
  n: 'η',
  o: 'ОоΟοΌόՕօ',
  p: 'РрΡρ',
  q: 'Ԛԛ',
  s: 'Ѕѕ',
  t: 'ТтΤτ',
  u: 'υμ',
  v: 'ν',
  w: 'Ԝԝω',
  x: 'ХхΧχ',
  y: 'УуΥγ',
  z: 'Ζ',
};

/**
 * Small capitals ("ᴄᴏɴɴᴀʀᴅ", from "fancy text" generators): no language writes words with them,
 * so they are always read as their letter.
 */
const SMALL_CAPITALS: Record<string, string> = {
  a: 'ᴀ', b: 'ʙ', c: 'ᴄ', d: 'ᴅ', e: 'ᴇ', f: 'ꜰ', g: 'ɢ', h: 'ʜ', i: 'ɪ', j: 'ᴊ', k: 'ᴋ', l: 'ʟ', m: 'ᴍ',
  n: 'ɴ', o: 'ᴏ', p: 'ᴘ', r: 'ʀ', s: 'ꜱ', t: 'ᴛ', u: 'ᴜ', v: 'ᴠ', w: 'ᴡ', y: 'ʏ', z: 'ᴢ',
};

/** The Latin letter's code, plus ALWAYS for a small capital. */
const ALWAYS = 0x10000;
const LOOKALIKES = new Map<number, number>();
for (const [latin, chars] of Object.entries(OTHER_SCRIPTS)) for (const char of chars) LOOKALIKES.set(char.charCodeAt(0), latin.charCodeAt(0));
for (const [latin, char] of Object.entries(SMALL_CAPITALS)) LOOKALIKES.set(char.charCodeAt(0), ALWAYS | latin.charCodeAt(0));

/**
 * What a character of the first plane passes for: a Latin letter's code (ALWAYS added for a small
 * capital), or 0. Two range tests first: French and Japanese text never reaches the map.
 */
export function lookalikeOf(code: number): number {
  if (code < 0x0250 || (code > 0x052f && code < 0x1d00) || (code > 0x1d2b && code !== 0xa731 && code !== 0xa730)) return 0;
  return LOOKALIKES.get(code) ?? 0;
}

/**
 * Writes in the folded code units, at each candidate position, the Latin letter it passes for,
 * when it is a small capital or its word holds a Latin letter ("Путин" stays Cyrillic). Every
 * word is judged as written, before any letter is replaced. `candidates` holds pairs: position,
 * lookalikeOf's answer.
 */
export function undoLookalikes(codes: Uint16Array, length: number, candidates: readonly number[]): void {
  const letters: number[] = [];
  for (let k = 0; k < candidates.length; k += 2) {
    const at = candidates[k]!;
    const lookalike = candidates[k + 1]!;
    if (lookalike & ALWAYS || wordHasLatinLetter(codes, length, at)) letters.push(at, lookalike & 0xffff);
  }
  for (let k = 0; k < letters.length; k += 2) codes[letters[k]!] = letters[k + 1]!;
}

function wordHasLatinLetter(codes: Uint16Array, length: number, at: number): boolean {
  for (let i = at - 1; i >= 0 && isLetterCode(codes[i]!); i--) if (isLatinLetter(codes[i]!)) return true;
  for (let i = at + 1; i < length && isLetterCode(codes[i]!); i++) if (isLatinLetter(codes[i]!)) return true;
  return false;
}

function isLatinLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}
