import type { Analysis, Hit } from '../analysis.js';
import { foldText } from '../text/fold.js';
import { tokenize } from '../text/tokenize.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';

/** One term as a sequence of word keys and stems. */
interface TermSequence {
  keys: string[];
  stems: string[];
}

/** Terms of one language indexed by their first key and first stem. */
export interface WordIndex {
  byFirst: Map<string, TermSequence[]>;
  /** Japanese terms, matched as substrings of the folded text (no reliable word boundaries). */
  substrings: string[];
}

export type WordIndexes = Partial<Record<Language, WordIndex>>;

/** Compiles terms once, at rule-set load, with the same folding and stemming as posts. */
export function compileWordIndex(terms: readonly string[], lang: Language, stemmer: Stemmer): WordIndex {
  const index: WordIndex = { byFirst: new Map(), substrings: [] };
  for (const term of terms) {
    const folded = foldText(term);
    if (lang === 'ja') {
      if (folded.text.trim()) index.substrings.push(folded.text.trim());
      continue;
    }
    const tokens = tokenize(term, folded, lang, stemmer);
    if (tokens.length === 0) continue;
    const sequence = { keys: tokens.map((t) => t.key), stems: tokens.map((t) => t.stem) };
    for (const first of new Set([sequence.keys[0]!, sequence.stems[0]!])) {
      const bucket = index.byFirst.get(first) ?? [];
      bucket.push(sequence);
      index.byFirst.set(first, bucket);
    }
  }
  return index;
}

/** Whole-word matches of any term, comparing keys or stems token by token. */
export function matchWords(analysis: Analysis, index: WordIndex | undefined): Hit[] {
  if (!index) return [];
  const hits: Hit[] = [];
  if (analysis.matchLang === 'ja') {
    for (const term of index.substrings) {
      for (let at = analysis.folded.text.indexOf(term); at !== -1; at = analysis.folded.text.indexOf(term, at + 1)) {
        const start = analysis.folded.map[at]!;
        const end = analysis.folded.map[at + term.length - 1]! + 1;
        hits.push({ start, end });
      }
    }
    return hits;
  }
  const { tokens } = analysis;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const byKey = index.byFirst.get(token.key);
    const byStem = token.stem === token.key ? undefined : index.byFirst.get(token.stem);
    for (const bucket of [byKey, byStem]) {
      if (!bucket) continue;
      for (const term of bucket) {
        // A term indexed under both key and stem is found once: skip its second sighting.
        if (bucket === byStem && byKey?.includes(term)) continue;
        if (sequenceMatchesAt(term, analysis, i)) hits.push({ start: token.start, end: tokens[i + term.keys.length - 1]!.end });
      }
    }
  }
  return hits;
}

function sequenceMatchesAt(term: TermSequence, analysis: Analysis, at: number): boolean {
  if (at + term.keys.length > analysis.tokens.length) return false;
  for (let k = 0; k < term.keys.length; k++) {
    const token = analysis.tokens[at + k]!;
    if (token.key !== term.keys[k] && token.stem !== term.stems[k]) return false;
  }
  return true;
}
