import { createRequire } from 'node:module';
import natural from 'natural';
import type { Language } from '../types.js';

const require = createRequire(import.meta.url);
// natural ships its French list without a type declaration nor a top-level export.
const french = require('natural/lib/natural/util/stopwords_fr.js') as { words: string[] };

/**
 * natural's stopword lists: the function words of each language ("pour", "tu", "pas", "the"…).
 * Japanese words are compared whole, so none are needed there.
 */
export const STOPWORDS: Readonly<Record<Language, readonly string[]>> = {
  fr: french.words,
  en: natural.stopwords,
  ja: [],
};
