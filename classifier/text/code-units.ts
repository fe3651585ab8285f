import { Buffer } from 'node:buffer';

// A text's UTF-16 code units to a typed array and back, through Node's Buffer: one native copy
// each way instead of a call per character. Lone surrogates pass as they are.

/** The machine's byte order: UTF-16LE encoding and decoding match a Uint16Array only on a little-endian one. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Arguments one String.fromCharCode call is given, on a big-endian machine. */
const CODES_PER_CALL = 8192;

/**
 * The buffer's first `length` code units as a string, copied as they are: Node decodes UTF-16 from
 * the bytes in one call, about five times faster than String.fromCharCode over the units, which
 * takes them as arguments (and stays the way on a big-endian machine, whose bytes UTF-16LE
 * decoding would misread).
 */
export function stringOfCodes(codes: Uint16Array, length: number, littleEndian = LITTLE_ENDIAN): string {
  if (littleEndian) return Buffer.from(codes.buffer, codes.byteOffset, 2 * length).toString('utf16le');
  let text = '';
  for (let start = 0; start < length; start += CODES_PER_CALL) {
    text += String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + CODES_PER_CALL)) as unknown as number[]);
  }
  return text;
}

let unitBytes = Buffer.alloc(8192);
let units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length / 2);

/**
 * The text's code units, in a buffer shared by every call: valid until the next one. A loop over
 * them runs the same compiled code for every text, where `charCodeAt` is compiled for the kinds of
 * strings seen first (V8 keeps strings in several layouts): once the rule files' words, read from
 * YAML, had warmed the fold up, it folded posts at half the speed (measured: 3.5 µs a post against
 * 1.8 once reading code units). Copied by a plain loop on a big-endian machine.
 */
export function codeUnitsOf(text: string, littleEndian = LITTLE_ENDIAN): Uint16Array {
  if (text.length > units.length) {
    unitBytes = Buffer.alloc(2 * Math.max(text.length, 2 * units.length));
    units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length / 2);
  }
  if (littleEndian) unitBytes.write(text, 0, 'utf16le');
  else for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}
