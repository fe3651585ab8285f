const LETTER = /\p{L}/u;

// Whether a UTF-16 code is a letter on its own (/\p{L}/u), by code: 0 not yet known, 1 letter, 2 not.
const letterCodes = new Uint8Array(0x10000);

/** Whether this one code unit is a letter, as /\p{L}/u reads it (a lone surrogate is not). */
export function isLetterCode(code: number): boolean {
  let known = letterCodes[code]!;
  if (known === 0) letterCodes[code] = known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}
