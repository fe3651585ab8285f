import { franc } from 'franc';
import type { DetectedLanguage, Language } from './types.js';

/** franc's ISO 639-3 codes to the two-letter codes rules use. */
const ISO3_TO_RULE_LANGUAGE: Record<string, Language> = { fra: 'fr', eng: 'en', jpn: 'ja' };
const RULE_LANGUAGE_TO_ISO3: Record<Language, string> = { fr: 'fra', en: 'eng', ja: 'jpn' };
const KNOWN: ReadonlySet<string> = new Set(['fr', 'en', 'ja']);

/** Frequent function words: when they clearly point one way, franc is not needed. */
const FUNCTION_WORDS: Record<'fr' | 'en', ReadonlySet<string>> = {
  fr: new Set(['le', 'la', 'les', 'des', 'une', 'un', 'de', 'est', 'et', 'je', 'tu', 'il', 'elle', 'nous', 'vous', 'pas', 'que', 'qui', 'du', 'au', 'aux', 'pour', 'avec', 'sur', 'dans', 'ce', 'ces', 'sont', 'mais', 'très', 'tout', 'plus', 'leur', 'même', 'suis', 'ai', 'être', 'en', 'chez', 'vu', 'hier', 'ça', 'ne', 'on', 'mon', 'ma', 'mes', 'ton', 'ta', 'son', 'sa', 'aussi', 'bien', 'été', 'était', 'comme', 'où', 'qu', 'j', 'c', 'l', 'd', 't', 'avoir', 'fait', 'y', 'à']),
  en: new Set(['the', 'and', 'is', 'are', 'you', 'i', 'he', 'she', 'we', 'they', 'not', 'that', 'this', 'with', 'for', 'of', 'to', 'in', 'on', 'was', 'have', 'it', 'my', 'your', 'be', 'just', 'all', 'what', 'so', 'but', 'do', 'like', 'can', 'will', 'a', 'an', 'at', 'by', 'from', 'his', 'her', 'me', 'our', 'very', 'about', 'there', 'been', 'were', 'would', 'no', 'them', 'their', 'who', 'don', 'get', 'im', 's']),
};
const WORD = /\p{L}+/gu;
const FRENCH_ACCENTS = /[éèêàçùâîôûœ]/giu;
/** Votes needed, and the margin by which one language must lead, to skip franc. */
const MIN_VOTES = 3;
const LEAD_FACTOR = 3;

/** Below this many letters franc guesses; we say `und` instead. */
const MIN_LETTERS = 12;
/** franc reads a prefix; longer texts cost time and add nothing. */
const SAMPLE_CHARS = 600;
const KANA_OR_KANJI = /[\u3040-\u30ff\u3400-\u9fff]/g;
const LETTERS = /\p{L}/gu;

/**
 * Detects the language among the organization's languages only (unrestricted franc is ten times
 * slower and wrong on short posts). A declared language wins when the organization uses it.
 */
export function detectLanguage(text: string, allowed: readonly Language[], declared?: string): DetectedLanguage {
  const declaredCode = declared?.toLowerCase().slice(0, 2);
  if (declaredCode && KNOWN.has(declaredCode)) return declaredCode as Language;
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = sample.match(LETTERS)?.length ?? 0;
  const japanese = sample.match(KANA_OR_KANJI)?.length ?? 0;
  if (allowed.includes('ja') && japanese >= 2 && japanese * 2 >= letters) return 'ja';
  if (letters < MIN_LETTERS) return 'und';
  const latin = allowed.filter((lang) => lang !== 'ja');
  if (latin.length === 0) return 'und';
  if (latin.length === 1) return latin[0]!;
  const byFunctionWords = voteByFunctionWords(sample, latin);
  if (byFunctionWords) return byFunctionWords;
  const code = franc(sample, { only: latin.map((lang) => RULE_LANGUAGE_TO_ISO3[lang]), minLength: MIN_LETTERS });
  return ISO3_TO_RULE_LANGUAGE[code] ?? 'und';
}

/** French versus English by their function words; undefined when the vote is not clear. */
function voteByFunctionWords(sample: string, allowed: readonly Language[]): Language | undefined {
  if (!allowed.includes('fr') || !allowed.includes('en')) return undefined;
  // French accents are a vote too, at most two.
  let fr = Math.min(2, sample.match(FRENCH_ACCENTS)?.length ?? 0);
  let en = 0;
  for (const match of sample.toLowerCase().matchAll(WORD)) {
    if (FUNCTION_WORDS.fr.has(match[0])) fr++;
    if (FUNCTION_WORDS.en.has(match[0])) en++;
  }
  if (fr >= MIN_VOTES && fr >= en * LEAD_FACTOR) return 'fr';
  if (en >= MIN_VOTES && en >= fr * LEAD_FACTOR) return 'en';
  return undefined;
}
