import { memoize, type Analysis, type Hit } from '../analysis.js';
import { toOriginalRange } from '../text/fold.js';
import type { Token } from '../text/tokenize.js';
import { lookUp, type FirstWordLookup, type FirstWordNode, type TermEntry, type WordIndex } from './word-index.js';

// Matching a text against the word index (word-index.ts): one pass over its words finds the hits
// of every list at once.

/** Hits by list number; a list without hits has none (undefined). */
export type ListHits = (Hit[] | undefined)[];

/** Whole-word hits of every list of the index, by list number (keys or stems compared word by word). */
export function matchWords(analysis: Analysis, index: WordIndex | undefined): ListHits {
  if (!index) return [];
  const hits: ListHits = new Array<Hit[] | undefined>(index.listCount);
  let falseFriendHits: ListHits | undefined;
  const add = (entry: { list: number; falseFriend: boolean }, hit: Hit) => {
    const byList = entry.falseFriend ? (falseFriendHits ??= new Array<Hit[] | undefined>(index.listCount)) : hits;
    const listHits = byList[entry.list];
    if (listHits) listHits.push(hit);
    else byList[entry.list] = [hit];
  };
  if (analysis.matchLang === 'ja') {
    const text = analysis.folded.text;
    const edges = memoize(analysis, 'japanese-word-edges', () => japaneseWordEdges(analysis));
    for (const entry of index.substrings) {
      for (let at = text.indexOf(entry.text); at !== -1; at = text.indexOf(entry.text, at + 1)) {
        const [start, end] = toOriginalRange(analysis.folded, analysis.original, at, at + entry.text.length);
        // Whole words only: "カス" (scum) is not in "カステラ", nor "ばか" (idiot) in "ばかり" (only).
        if (edges.starts.has(start) && edges.ends.has(end)) add(entry, { start, end });
      }
    }
    return withoutFalseFriends(hits, falseFriendHits);
  }
  const { tokens } = analysis;
  // Each word is looked up once, as the next word of the one before it and then as itself.
  let nextLookup = tokens.length > 0 ? lookUp(index, tokens[0]!.forms) : undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lookup = nextLookup!;
    const next = tokens[i + 1];
    nextLookup = next === undefined ? undefined : lookUp(index, next.forms);
    if (lookup.nodes.length === 0) {
      // Words written together to slip past the lists: each part is a hit over the whole word.
      for (const entry of lookup.joined ?? NO_ENTRIES) add(entry, { start: token.start, end: token.end });
      continue;
    }
    for (const entry of candidatesAt(lookup, nextLookup?.mayBeSecond === true ? next : undefined)) {
      if (entryMatchesAt(entry, analysis, i)) add(entry, { start: token.start, end: tokens[i + entry.keys.length - 1]!.end });
    }
  }
  return withoutFalseFriends(hits, falseFriendHits);
}

/**
 * The terms that may start at a word: from each node of its forms (key, stem, loose), the one-word
 * terms and the longer ones whose second word has a form of the next word. Each term once, node by
 * node and in list order, as when every term of a node was tried. `next` is undefined when no form
 * of the next word is any term's second word (most words): the one-word terms alone, then.
 */
function candidatesAt(lookup: FirstWordLookup, next: Token | undefined): readonly TermEntry[] {
  const { nodes } = lookup;
  // Most words have one form in the index: its entries are used as they are, without a copy.
  if (nodes.length === 1) return entriesOf(nodes[0]!, next);
  // A word with several (its key and its stem): unless the next word opens a longer term, the
  // merge is the same every time, so it is built once (it was a third of a post's allocations).
  for (const node of nodes) if (entriesOf(node, next) !== node.single) return mergedCandidates(nodes, next);
  return (lookup.singles ??= mergedCandidates(nodes, undefined));
}

/** Each node's entries (entriesOf), each term once, node by node. */
function mergedCandidates(nodes: readonly FirstWordNode[], next: Token | undefined): readonly TermEntry[] {
  let found: readonly TermEntry[] = NO_ENTRIES;
  for (const node of nodes) {
    const fromNode = entriesOf(node, next);
    found = found.length === 0 ? fromNode : [...found, ...fromNode.filter((entry) => !found.includes(entry))];
  }
  return found;
}

const NO_ENTRIES: readonly TermEntry[] = [];

/** A node's one-word terms and, in list order, its longer terms whose second word is a form of `next`. */
function entriesOf(node: FirstWordNode, next: Token | undefined): readonly TermEntry[] {
  if (!next || node.bySecond.size === 0) return node.single;
  // The readings of readingsOf, looked up without building their array: this runs for most words.
  const { key, stem, loose } = next.forms;
  const byKey = node.bySecond.get(key);
  const byStem = stem === key ? undefined : node.bySecond.get(stem);
  const byLoose = loose === undefined ? undefined : node.bySecond.get(loose);
  if (!byKey && !byStem && !byLoose) return node.single;
  // Most often one form of the next word is a second word: that merge is built once per bucket.
  const found = (byKey ? 1 : 0) + (byStem ? 1 : 0) + (byLoose ? 1 : 0);
  if (found > 1) return mergedEntries(node.single, [byKey, byStem, byLoose]);
  const only = (byKey ?? byStem ?? byLoose)!;
  let merged = node.withSecond.get(only);
  if (merged === undefined) node.withSecond.set(only, (merged = mergedEntries(node.single, [only])));
  return merged;
}

/** Entries of `single` and the buckets, each once, in list order. */
function mergedEntries(single: readonly TermEntry[], buckets: readonly (readonly TermEntry[] | undefined)[]): readonly TermEntry[] {
  const entries = [...single];
  for (const bucket of buckets) {
    for (const entry of bucket ?? NO_ENTRIES) if (!entries.includes(entry)) entries.push(entry);
  }
  return entries.sort((a, b) => a.order - b.order);
}

/**
 * Where Japanese words start and end (Intl.Segmenter's words, in original offsets). A term may
 * span several words ("死ね" is 死|ね) but never begin or end inside one.
 */
function japaneseWordEdges(analysis: Analysis): { starts: Set<number>; ends: Set<number> } {
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const token of analysis.tokens) {
    starts.add(token.start);
    ends.add(token.end);
  }
  return { starts, ends };
}

/** Drops the hits of each list that lie inside one of its false friends' hits. */
function withoutFalseFriends(hits: ListHits, falseFriendHits: ListHits | undefined): ListHits {
  if (falseFriendHits === undefined) return hits;
  falseFriendHits.forEach((vetoes, list) => {
    if (vetoes === undefined) return;
    const kept = (hits[list] ?? []).filter((hit) => !vetoes.some((veto) => veto.start <= hit.start && hit.end <= veto.end));
    hits[list] = kept.length > 0 ? kept : undefined;
  });
  return hits;
}

function entryMatchesAt(entry: TermEntry, analysis: Analysis, at: number): boolean {
  if (at + entry.keys.length > analysis.tokens.length) return false;
  for (let k = 0; k < entry.keys.length; k++) {
    const token = analysis.tokens[at + k]!;
    if (token.key === entry.keys[k] || token.stem === entry.stems[k] || token.key === entry.singleSpelledKeys[k] || token.key === entry.variantKeys[k]) continue;
    // A drawn-out word ("nuuuul") is compared loosely; a word spelled with double letters ("salle") is not.
    if (token.loose === undefined || token.loose !== entry.looseKeys[k]) return false;
  }
  return true;
}
