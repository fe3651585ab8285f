import { memoize, type Analysis, type Hit } from '../analysis.js';
import { foldText, toOriginalRange } from '../text/fold.js';
import { STOPWORDS } from '../text/stopwords.js';
import { collapseRepeats, tokenize, type Token, type WordForms } from '../text/tokenize.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';

/**
 * One term of one list, as a sequence of words: keys, stems (undefined: compare the key only) and
 * loose keys (every run of a letter cut to one: "connard" is also found as "conard").
 */
interface TermEntry {
  /** The list's number (see WordIndexes.listNumbers). */
  list: number;
  /** Position in the index: entries found several ways are tried in this order, as written in the lists. */
  order: number;
  /** A phrase in which the list's terms do not count, rather than a term of the list. */
  falseFriend: boolean;
  keys: string[];
  stems: (string | undefined)[];
  looseKeys: string[];
  /**
   * Another way to write the word that neither stem nor loose form reaches: a French "-er" verb's
   * third person plural ("remplacent"), an English auxiliary contracted or not ("we'll" ≈ "we will").
   */
  variantKeys: (string | undefined)[];
}

/**
 * The terms starting with one word form: one-word terms, and longer ones by a form of their second
 * word. "les" or "a" open hundreds of phrases; looking up the next word first tries a handful.
 */
interface FirstWordNode {
  single: TermEntry[];
  bySecond: Map<string, TermEntry[]>;
  /** `single` and one bucket of `bySecond` merged in list order, by bucket: built once each. */
  withSecond: Map<readonly TermEntry[], readonly TermEntry[]>;
}

/**
 * Terms of many lists in one language, indexed by the forms of their first two words, so one pass
 * over a text finds the hits of every list at once.
 */
export interface WordIndex {
  byFirst: Map<string, FirstWordNode>;
  /** One-word terms by key: finds words written together ("orduresdefemmes"). */
  oneWord: Map<string, TermEntry[]>;
  /** First and last MIN_PART_LENGTH letters of those terms: most long words are ruled out by a lookup. */
  oneWordHeads: Set<string>;
  oneWordTails: Set<string>;
  /** Every form of a longer term's second word: a word of the text with none of these opens no bucket of bySecond. */
  secondForms: Set<string>;
  /** Japanese terms, found in the folded text and kept where they start and end on word edges. */
  substrings: { list: number; falseFriend: boolean; text: string }[];
  /** How many lists are numbered: the length of the hits matchWords returns. */
  listCount: number;
  /** What the index holds for each word of the texts read so far (a memo, emptied when full). */
  lookups: Map<WordForms, FirstWordLookup>;
}

/** The terms a word of the text may start: the nodes of its forms, or, if none, the terms it joins. */
interface FirstWordLookup {
  nodes: readonly FirstWordNode[];
  joined: readonly TermEntry[] | undefined;
  /** For a word with several nodes, their one-word terms merged (candidatesAt): built once, at the first need. */
  singles: readonly TermEntry[] | undefined;
  /** True when a form of the word is some longer term's second word (see WordIndex.secondForms). */
  mayBeSecond: boolean;
}

/** Words whose lookup an index remembers before it starts again (as the tokenizer's word cache). */
const LOOKUPS_LIMIT = 20_000;

/**
 * One index per language over the same lists, numbered once for all languages: a check looks its
 * list's hits up by number, not by name, and the hits of two languages merge list by list.
 */
export interface WordIndexes {
  byLanguage: Partial<Record<Language, WordIndex>>;
  listNumbers: ReadonlyMap<string, number>;
}

/** Hits by list number; a list without hits has none (undefined). */
export type ListHits = (Hit[] | undefined)[];

/** Words written together are looked into from this length on (shorter words are rarely two). */
const MIN_JOINED_LENGTH = 8;
/** Each part of a joined word is at least this long: "rat" inside "ratatouille" is not a rat. */
const MIN_PART_LENGTH = 4;
/** What may join two words: nothing, or a short function word ("ordures-de-femmes" written together). */
const JOINERS = ['', 'de', 'des', 'du', 'd', 'of', 'the'];
/** A term starting with this is compared as written: "=alcoolique" is not "alcool", its stem. */
const AS_WRITTEN = '=';

/** A list term's words, without the as-written marker. */
export function termWords(term: string): string {
  return term.startsWith(AS_WRITTEN) ? term.slice(AS_WRITTEN.length) : term;
}

/**
 * Compiles named term lists once, at rule-set load, with the same folding and stemming as posts.
 * `falseFriends` holds, by list name, phrases inside which that list's terms do not count.
 */
export function compileWordIndex(
  lists: ReadonlyMap<string, readonly string[]>,
  lang: Language,
  stemmer: Stemmer,
  falseFriends: ReadonlyMap<string, readonly string[]>,
  listNumbers: ReadonlyMap<string, number>,
): WordIndex {
  const index: WordIndex = {
    byFirst: new Map(),
    oneWord: new Map(),
    oneWordHeads: new Set(),
    oneWordTails: new Set(),
    secondForms: new Set(),
    substrings: [],
    listCount: listNumbers.size,
    lookups: new Map(),
  };
  const functionStems = functionWordStems(lang, stemmer);
  let entryCount = 0;
  const add = (name: string, written: string, falseFriend: boolean) => {
    const list = listNumbers.get(name);
    if (list === undefined) throw new Error(`list "${name}" has no number`); // unreachable: wordIndexesOf numbers every list
    const asWritten = written.startsWith(AS_WRITTEN);
    const term = termWords(written);
    const folded = foldText(term);
    if (lang === 'ja') {
      if (folded.text.trim()) index.substrings.push({ list, falseFriend, text: folded.text.trim() });
      return;
    }
    const tokens = tokenize(term, folded, lang, stemmer);
    if (tokens.length === 0) return;
    const entry: TermEntry = {
      list,
      order: entryCount++,
      falseFriend,
      keys: tokens.map((t) => t.key),
      stems: tokens.map((t) => (asWritten || functionStems.has(t.stem) ? undefined : t.stem)),
      // As written means no loose form either: "=droguée" loosened is "drogue", a drug.
      looseKeys: tokens.map((t) => (asWritten ? t.key : collapseRepeats(t.key))),
      variantKeys: tokens.map((t, at) => (asWritten ? undefined : variantOf(t.key, at, lang, functionStems.has(t.stem)))),
    };
    for (const first of formsAt(entry, 0)) {
      let node = index.byFirst.get(first);
      if (!node) index.byFirst.set(first, (node = { single: [], bySecond: new Map(), withSecond: new Map() }));
      if (entry.keys.length === 1) node.single.push(entry);
      else {
        for (const second of formsAt(entry, 1)) {
          addTo(node.bySecond, second, entry);
          index.secondForms.add(second);
        }
      }
    }
    if (!falseFriend && entry.keys.length === 1 && entry.keys[0]!.length >= MIN_PART_LENGTH) addOneWord(index, entry);
  };
  for (const [list, terms] of lists) for (const term of terms) add(list, term, false);
  for (const [list, phrases] of falseFriends) for (const phrase of phrases) add(list, phrase, true);
  return index;
}

/**
 * Every form under which a word of a term is found: a token matches that word when its key, stem
 * or loose form is one of these (see entryMatchesAt).
 */
function formsAt(entry: TermEntry, at: number): Set<string> {
  const key = entry.keys[at]!;
  return new Set([key, entry.stems[at] ?? key, entry.looseKeys[at]!, entry.variantKeys[at] ?? key]);
}

function addTo(buckets: Map<string, TermEntry[]>, form: string, entry: TermEntry): void {
  const bucket = buckets.get(form);
  if (bucket) bucket.push(entry);
  else buckets.set(form, [entry]);
}

/** English auxiliaries and their contracted forms, as the tokenizer splits them ("we'll" is "we", "ll"). */
const CONTRACTIONS: ReadonlyMap<string, string> = new Map([
  ['will', 'll'], ['ll', 'will'], ['are', 're'], ['re', 'are'], ['am', 'm'], ['m', 'am'], ['have', 've'], ['ve', 'have'],
]);

function variantOf(key: string, at: number, lang: Language, isFunctionWord: boolean): string | undefined {
  // A contraction hangs on the word before it, so never on a term's first word.
  if (lang === 'en') return at > 0 ? CONTRACTIONS.get(key) : undefined;
  return lang === 'fr' && !isFunctionWord ? thirdPersonPlural(key) : undefined;
}

/**
 * "remplacer" → "remplacent". The French stemmer keeps "-ent" (it cannot tell "ils remplacent"
 * from "client" or "parent"), so a listed infinitive missed its plural. Only for terms written
 * as infinitives; the form is generated, so a noun in "-er" gives a word nobody writes.
 */
function thirdPersonPlural(key: string): string | undefined {
  return key.length >= 5 && key.endsWith('er') ? `${key.slice(0, -2)}ent` : undefined;
}

function addOneWord(index: WordIndex, entry: TermEntry): void {
  const key = entry.keys[0]!;
  index.oneWordHeads.add(key.slice(0, MIN_PART_LENGTH));
  index.oneWordTails.add(key.slice(-MIN_PART_LENGTH));
  addTo(index.oneWord, key, entry);
}

/**
 * The terms of a word that is two one-word terms written together, possibly with a function word
 * between ("orduresdefemmes", "femalevermin"); undefined when it is not. Two set lookups rule out
 * almost every ordinary long word before any split is tried.
 */
function joinedTerms(index: WordIndex, key: string): TermEntry[] | undefined {
  if (!index.oneWordHeads.has(key.slice(0, MIN_PART_LENGTH)) || !index.oneWordTails.has(key.slice(-MIN_PART_LENGTH))) return undefined;
  for (let end = MIN_PART_LENGTH; end <= key.length - MIN_PART_LENGTH; end++) {
    const first = index.oneWord.get(key.slice(0, end));
    if (!first) continue;
    const rest = key.slice(end);
    for (const joiner of JOINERS) {
      if (!rest.startsWith(joiner)) continue;
      const second = index.oneWord.get(rest.slice(joiner.length));
      if (second) return [...first, ...second];
    }
  }
  return undefined;
}

/**
 * Stems of the language's function words. A term word with one of these stems is compared as
 * written: stemmed, "pourris" is "pour" and "tuer" is "tu", so every "pour" was a hostile word
 * and every "tu" a violent one; and "de" would match "des".
 */
function functionWordStems(lang: Language, stemmer: Stemmer): Set<string> {
  const stems = new Set<string>();
  for (const word of STOPWORDS[lang]) {
    for (const token of tokenize(word, foldText(word), lang, stemmer)) stems.add(token.stem);
  }
  return stems;
}

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

/** The index's nodes for a word's key, stem and loose form, in that order; looked up once per word. */
function lookUp(index: WordIndex, forms: WordForms): FirstWordLookup {
  let lookup = index.lookups.get(forms);
  if (lookup !== undefined) return lookup;
  const nodes: FirstWordNode[] = [];
  for (const form of readingsOf(forms)) {
    const node = index.byFirst.get(form);
    if (node) nodes.push(node);
  }
  const joined = nodes.length === 0 && forms.key.length >= MIN_JOINED_LENGTH ? joinedTerms(index, forms.key) : undefined;
  const mayBeSecond = readingsOf(forms).some((form) => index.secondForms.has(form));
  lookup = { nodes, joined, singles: undefined, mayBeSecond };
  if (index.lookups.size >= LOOKUPS_LIMIT) index.lookups.clear();
  index.lookups.set(forms, lookup);
  return lookup;
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

/** The forms a word of the text is looked up by: its key, its stem when it differs, its loose form if drawn out. */
function readingsOf(forms: WordForms): string[] {
  const readings = [forms.key];
  if (forms.stem !== forms.key) readings.push(forms.stem);
  if (forms.loose !== undefined) readings.push(forms.loose);
  return readings;
}

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
    if (token.key === entry.keys[k] || token.stem === entry.stems[k] || token.key === entry.looseKeys[k] || token.key === entry.variantKeys[k]) continue;
    // A drawn-out word ("nuuuul") is compared loosely; a word spelled with double letters ("salle") is not.
    if (token.loose === undefined || token.loose !== entry.looseKeys[k]) return false;
  }
  return true;
}
