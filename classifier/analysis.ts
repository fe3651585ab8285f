import type { FoldedText } from './text/fold.js';
import type { ListHits } from './matchers/words.js';
import { readCensoredWords } from './text/censored-words.js';
import { tokenize, type Token } from './text/tokenize.js';
import type { CompiledRuleSet } from './rule-set/compiled.js';
import type { DetectedLanguage, EarlierCopies, Language, Scope } from './types.js';

/** A piece of the original text a check found, in UTF-16 offsets. */
export interface Hit {
  start: number;
  end: number;
}

/**
 * Everything computed once per text and shared by all checks: the folded form, the tokens, the
 * word lists' and detectors' hits, and a memo for the rest (model scores, other languages' tokens).
 * Built and discarded inside one classify() call.
 */
export interface Analysis {
  original: string;
  folded: FoldedText;
  lang: DetectedLanguage;
  /** Language whose stemmer and lists apply (the primary one when undetermined). */
  matchLang: Language;
  scope: Scope;
  /** The author's name as the source shows it, if any. */
  author: string | undefined;
  /** Earlier posts in the same words, when the caller read them from the store. */
  earlierCopies: EarlierCopies | undefined;
  tokens: Token[];
  ruleSet: CompiledRuleSet;
  /** Hits of every word list by list number, found by the first word check (one pass for all lists). */
  listHits: ListHits | undefined;
  /** Hits of each detector that ran, by its place in DETECTORS (an array: most rules ask for one). */
  detectorHits: (Hit[] | undefined)[];
  /** Made at the first value kept: most texts need none (no model, one language). */
  memo: Map<string, unknown> | undefined;
}

export function analyse(
  original: string,
  folded: FoldedText,
  lang: DetectedLanguage,
  options: { scope: Scope; ruleSet: CompiledRuleSet; author?: string; earlierCopies?: EarlierCopies },
): Analysis {
  const { scope, ruleSet, author, earlierCopies } = options;
  const matchLang = lang === 'und' ? ruleSet.languages[0]! : lang;
  return {
    original,
    folded,
    lang,
    matchLang,
    scope,
    author,
    earlierCopies,
    tokens: tokensOf(original, folded, matchLang, ruleSet),
    ruleSet,
    listHits: undefined,
    detectorHits: [],
    memo: undefined,
  };
}

/** The text's tokens in a language; words censored with stars read as the list words they hide. */
function tokensOf(original: string, folded: FoldedText, lang: Language, ruleSet: CompiledRuleSet): Token[] {
  const tokens = tokenize(original, folded, lang, ruleSet.stemmers[lang]);
  return folded.censored ? readCensoredWords(tokens, ruleSet.censorVocabularies[lang], lang, ruleSet.stemmers[lang]) : tokens;
}

/** How much of the text a finding about the whole post (a model's score, an anonymous author) quotes. */
const WHOLE_TEXT_SPAN_CHARS = 280;

/** The start of the text, standing for the whole post. */
export function wholeText(analysis: Analysis): Hit {
  return { start: 0, end: Math.min(analysis.original.length, WHOLE_TEXT_SPAN_CHARS) };
}

/** Computes a value once per analysis. */
export function memoize<T>(analysis: Analysis, key: string, compute: () => T): T {
  const memo = (analysis.memo ??= new Map());
  const cached = memo.get(key);
  // One lookup for the common case; `has` only tells a memoized undefined from a missing key.
  if (cached !== undefined || memo.has(key)) return cached as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/** The text's words as one language spells and stems them (the analysis's own, for its language). */
export function tokensIn(analysis: Analysis, lang: Language): Analysis['tokens'] {
  if (lang === analysis.matchLang) return analysis.tokens;
  return memoize(analysis, `tokens:${lang}`, () => tokensOf(analysis.original, analysis.folded, lang, analysis.ruleSet));
}
