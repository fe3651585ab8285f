import { codeUnitsOf } from './code-units.js';
import { functionWordsIn, SAMPLE_CHARS } from './language-cues.js';
import { isWordCode, isWordPair } from './letters.js';
import { WORD_HASH_PRIME, WORD_HASH_SEED, WordTable } from './word-table.js';

// The words of a folded text, found in one pass that both the language vote and the tokenizer
// read: the vote sums what each word holds of function words, the tokenizer asks each word what
// it reads as in the text's language. A word already met is found where it stands in the text.

/** What one written word reads as in a language: the same object for every occurrence of the word. */
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

/** A run of letters and digits as written (folded), the same object for every text it is met in. */
export interface WrittenWord {
  readonly text: string;
  readonly hash: number;
  /** French and English function words among its runs of a–z ("vous2" holds "vous"), for the language vote. */
  readonly frenchWords: number;
  readonly englishWords: number;
  /**
   * What it reads as, kept for the last forms cache that read it (see tokenize's formsOf): one
   * slot, since most texts of a stream are read in one language.
   */
  formsCache: object | undefined;
  forms: WordForms | undefined;
}

export interface WrittenWords {
  /** Where each word starts in the folded text (it ends its text's length further). */
  starts: number[];
  words: WrittenWord[];
  /** Three one-letter words or more, one separator apart ("c o n n a r d"): the tokenizer joins them. */
  spacedLetters: boolean;
  /** Function words among the first SAMPLE_CHARS folded code units, as the language vote reads them. */
  frenchWords: number;
  englishWords: number;
}

// Letters spelled out one by one: "c o n n a r d", "c.o.n.n.a.r.d".
export const SPACED_SEPARATOR = /^[\s.*_-]$/;
export const MIN_SPACED_LETTERS = 3;

/** The words of a folded text, found at the first use and kept on it. */
export function writtenWordsOf(folded: { readonly text: string; writtenWords: WrittenWords | undefined }): WrittenWords {
  return (folded.writtenWords ??= findWrittenWords(folded.text));
}

/**
 * Written words met so far. Emptied at 20,000 words: the everyday words are met again at once,
 * and a flood of made-up words costs a few MB.
 */
const WRITTEN_WORDS_LIMIT = 20_000;
const writtenWordTable = new WordTable<WrittenWord>(WRITTEN_WORDS_LIMIT);

/**
 * Runs of letters and digits (/[\p{L}\p{N}]+/gu without the regex), each hashed while it is read
 * from the text's code units (see codeUnitsOf: 0.3 µs a post less than charCodeAt).
 */
function findWrittenWords(text: string): WrittenWords {
  const units = codeUnitsOf(text);
  const total = text.length;
  const starts: number[] = [];
  const words: WrittenWord[] = [];
  let frenchWords = 0;
  let englishWords = 0;
  let spacedLetters = false;
  // One-letter words in a row, one separator apart, and where the last word ended.
  let singles = 0;
  let previousEnd = -2;
  let i = 0;
  while (i < total) {
    let width = wordUnitWidth(units, total, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = WORD_HASH_SEED; // wordHash(text, start, i), taken on the way
    do {
      hash = Math.imul(hash ^ units[i]!, WORD_HASH_PRIME);
      if (width === 2) hash = Math.imul(hash ^ units[i + 1]!, WORD_HASH_PRIME);
      i += width;
      if (i >= total) break;
      // Folded text is mostly lower-case ASCII: letters and digits are read here without a call.
      const code = units[i]!;
      width = code >= 0x80 ? wordUnitWidth(units, total, i) : isAsciiWordCode(code) ? 1 : 0;
    } while (width > 0);
    if (i - start === 1) {
      singles = singles > 0 && start - previousEnd === 1 && SPACED_SEPARATOR.test(text[previousEnd]!) ? singles + 1 : 1;
      if (singles >= MIN_SPACED_LETTERS) spacedLetters = true;
    } else {
      singles = 0;
    }
    previousEnd = i;
    const word = writtenWordTable.find(units, start, i - start, hash) ?? newWrittenWord(text, units, start, i, hash);
    starts.push(start);
    words.push(word);
    if (i <= SAMPLE_CHARS) {
      frenchWords += word.frenchWords;
      englishWords += word.englishWords;
    } else if (start < SAMPLE_CHARS) {
      // The vote reads the sample only: a word across its end counts as far as it goes.
      const cut = functionWordsIn(text, start, SAMPLE_CHARS);
      frenchWords += cut.frenchWords;
      englishWords += cut.englishWords;
    }
  }
  return { starts, words, spacedLetters, frenchWords, englishWords };
}

/** The word `text[start, end)`, met for the first time (its units are `units[start, end)`). */
function newWrittenWord(text: string, units: Uint16Array, start: number, end: number, hash: number): WrittenWord {
  const { frenchWords, englishWords } = functionWordsIn(text, start, end);
  const word: WrittenWord = { text: text.slice(start, end), hash, frenchWords, englishWords, formsCache: undefined, forms: undefined };
  writtenWordTable.add(units, start, end - start, hash, word);
  return word;
}

function isAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/** Width (1 or 2 code units) of the letter or digit at `index` of the text's units, or 0 when there is none. */
function wordUnitWidth(units: Uint16Array, total: number, index: number): number {
  const code = units[index]!;
  if (code < 0x80) return isAsciiWordCode(code) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < total) {
    const next = units[index + 1]!;
    // A letter beyond the first plane (mathematical letters, rare scripts) takes two code units.
    if (next >= 0xdc00 && next <= 0xdfff) return isWordPair(code, next) ? 2 : 0;
  }
  return isWordCode(code) ? 1 : 0;
}
