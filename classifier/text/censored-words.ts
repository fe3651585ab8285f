import { CENSORED_LETTER } from './fold.js';
import { tokenReadAs, type Token } from './tokenize.js';
import type { Stemmer } from './stemmers.js';
import type { DetectedLanguage } from '../types.js';

// Words censored with stars ("f*ck you", "c*nnard", "n****r") are read as the list word they hide:
// self-censorship hides a word from a filter, not from its readers.

/** The list words of one language, by length: what a censored word may stand for. */
export type CensorVocabulary = ReadonlyMap<number, readonly string[]>;

/** Letters a censored word must show: with fewer, too many words fit ("f**" is anything). */
const MIN_SHOWN_LETTERS = 2;

/** `words` by length; each once, as the word index's set of words holds them. */
export function censorVocabularyOf(words: ReadonlySet<string>): CensorVocabulary {
  const byLength = new Map<number, string[]>();
  for (const word of words) {
    if (word.includes(CENSORED_LETTER)) continue;
    const list = byLength.get(word.length);
    if (list) list.push(word);
    else byLength.set(word.length, [word]);
  }
  return byLength;
}

/**
 * The tokens, each censored one read as the first list word it fits (same length, the letters it
 * shows in place, its first letter shown). One that fits none is read as the words its stars
 * separate, as before stars were read ("subhuman w*raghead").
 */
export function readCensoredWords(tokens: Token[], vocabulary: CensorVocabulary | undefined, lang: DetectedLanguage, stemmer: Stemmer): Token[] {
  if (!vocabulary) return tokens;
  return tokens.flatMap((token) => {
    if (!token.key.includes(CENSORED_LETTER)) return [token];
    const word = hiddenWord(token.key, vocabulary);
    return word === undefined ? partsOf(token, lang, stemmer) : [tokenReadAs(token, word, lang, stemmer)];
  });
}

/** The words a censored token's stars separate; the token itself when its key is not one unit per original character. */
function partsOf(token: Token, lang: DetectedLanguage, stemmer: Stemmer): Token[] {
  if (token.key.length !== token.end - token.start) return [token];
  const parts: Token[] = [];
  let start = 0;
  for (const part of token.key.split(CENSORED_LETTER)) {
    const partStart = token.start + start;
    if (part.length > 0) parts.push(tokenReadAs({ start: partStart, end: partStart + part.length }, part, lang, stemmer));
    start += part.length + 1;
  }
  return parts;
}

function hiddenWord(censored: string, vocabulary: CensorVocabulary): string | undefined {
  if (censored.startsWith(CENSORED_LETTER)) return undefined;
  let shown = 0;
  for (const char of censored) if (char !== CENSORED_LETTER) shown++;
  if (shown < MIN_SHOWN_LETTERS) return undefined;
  return vocabulary.get(censored.length)?.find((word) => fits(censored, word));
}

function fits(censored: string, word: string): boolean {
  for (let i = 0; i < censored.length; i++) {
    if (censored[i] !== CENSORED_LETTER && censored[i] !== word[i]) return false;
  }
  return true;
}
