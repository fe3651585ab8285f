import type { Analysis, Hit } from '../analysis.js';
import { foldText } from '../text/fold.js';
import { tokenize } from '../text/tokenize.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';

/** One term of one list, as a sequence of word keys and stems. */
interface TermEntry {
  list: string;
  keys: string[];
  stems: string[];
}

/**
 * Terms of many lists in one language, indexed by their first key and first stem, so one pass
 * over a text finds the hits of every list at once.
 */
export interface WordIndex {
  byFirst: Map<string, TermEntry[]>;
  /** Japanese terms, matched as substrings of the folded text (no reliable word boundaries). */
  substrings: { list: string; text: string }[];
}

export type WordIndexes = Partial<Record<Language, WordIndex>>;

/** Compiles named term lists once, at rule-set load, with the same folding and stemming as posts. */
export function compileWordIndex(lists: ReadonlyMap<string, readonly string[]>, lang: Language, stemmer: Stemmer): WordIndex {
  const index: WordIndex = { byFirst: new Map(), substrings: [] };
  for (const [list, terms] of lists) {
    for (const term of terms) {
      const folded = foldText(term);
      if (lang === 'ja') {
        if (folded.text.trim()) index.substrings.push({ list, text: folded.text.trim() });
        continue;
      }
      const tokens = tokenize(term, folded, lang, stemmer);
      if (tokens.length === 0) continue;
      const entry = { list, keys: tokens.map((t) => t.key), stems: tokens.map((t) => t.stem) };
      for (const first of new Set([entry.keys[0]!, entry.stems[0]!])) {
        const bucket = index.byFirst.get(first) ?? [];
        bucket.push(entry);
        index.byFirst.set(first, bucket);
      }
    }
  }
  return index;
}

/** Whole-word hits of every list of the index, by list name (keys or stems compared word by word). */
export function matchWords(analysis: Analysis, index: WordIndex | undefined): Map<string, Hit[]> {
  const hits = new Map<string, Hit[]>();
  if (!index) return hits;
  const add = (list: string, hit: Hit) => {
    const listHits = hits.get(list);
    if (listHits) listHits.push(hit);
    else hits.set(list, [hit]);
  };
  if (analysis.matchLang === 'ja') {
    const text = analysis.folded.text;
    for (const { list, text: term } of index.substrings) {
      for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
        add(list, { start: analysis.folded.map[at]!, end: analysis.folded.map[at + term.length - 1]! + 1 });
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
      for (const entry of bucket) {
        // An entry indexed under both key and stem is found once: skip its second sighting.
        if (bucket === byStem && byKey?.includes(entry)) continue;
        if (entryMatchesAt(entry, analysis, i)) add(entry.list, { start: token.start, end: tokens[i + entry.keys.length - 1]!.end });
      }
    }
  }
  return hits;
}

function entryMatchesAt(entry: TermEntry, analysis: Analysis, at: number): boolean {
  if (at + entry.keys.length > analysis.tokens.length) return false;
  for (let k = 0; k < entry.keys.length; k++) {
    const token = analysis.tokens[at + k]!;
    if (token.key !== entry.keys[k] && token.stem !== entry.stems[k]) return false;
  }
  return true;
}
