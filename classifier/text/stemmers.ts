import natural from 'natural';
import type { Language } from '../types.js';

/** A memoized stemmer for one language; built once per rule set. */
export interface Stemmer {
  stem(word: string): string;
}

const MEMO_LIMIT = 100_000;

function memoized(stem: (word: string) => string): Stemmer {
  const memo = new Map<string, string>();
  return {
    stem(word) {
      let stemmed = memo.get(word);
      if (stemmed === undefined) {
        stemmed = word.length <= 2 ? word : stem(word);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(word, stemmed);
      }
      return stemmed;
    },
  };
}

/** natural's Porter stemmers for French and English; Japanese words are compared whole. */
export function createStemmers(): Record<Language, Stemmer> {
  return {
    fr: memoized((word) => natural.PorterStemmerFr.stem(word)),
    en: memoized((word) => natural.PorterStemmer.stem(word)),
    ja: memoized((word) => word),
  };
}
