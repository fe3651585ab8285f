// Classes of one UTF-16 code unit, as a regex reads it, answered from a table by code that is
// filled as codes are met: 0 not yet known, 1 in the class, 2 not. A lone surrogate is in neither.

const LETTER = /^\p{L}$/u;
const letterCodes = new Uint8Array(0x10000);
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
const wordCodes = new Uint8Array(0x10000);

/** Whether this one code unit is a letter, as /\p{L}/u reads it. */
export function isLetterCode(code: number): boolean {
  return inClass(letterCodes, LETTER, code);
}

/** Whether this one code unit is a letter or a digit, as /[\p{L}\p{N}]/u reads it: a character of a word. */
export function isWordCode(code: number): boolean {
  return inClass(wordCodes, WORD_CHARACTER, code);
}

/** Whether a surrogate pair (a character beyond the first plane: mathematical letters, rare scripts) is a letter or a digit. */
export function isWordPair(high: number, low: number): boolean {
  return WORD_CHARACTER.test(String.fromCharCode(high, low));
}

function inClass(known: Uint8Array, pattern: RegExp, code: number): boolean {
  let answer = known[code]!;
  if (answer === 0) known[code] = answer = pattern.test(String.fromCharCode(code)) ? 1 : 2;
  return answer === 1;
}
