import { foldText } from '../text/fold.js';
import { STOPWORDS } from '../text/stopwords.js';
import { collapseRepeats, tokenize, type WordForms } from '../text/tokenize.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';

// The word lists' index: every term of a pack's lists and lexicons, compiled once per language at
// load, and what it holds for a word of a text (looked up once per word). words.ts matches texts
// against it.

/**
 * One term of one list, as a sequence of words: keys, stems (undefined: compare the key only) and
 * loose keys (every run of a letter cut to one: "connard" is also found as "conard").
 */
export interface TermEntry {
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
   * The loose key when a word of the text may be written that way ("conard" for "connard"); undefined
   * when it is too short not to be a word of its own: "coon" written "con", "nigger" written "Niger".
   */
  singleSpelledKeys: (string | undefined)[];
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
export interface FirstWordNode {
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
  /** Every word of every term (not false friends), as keyed: what a word censored with stars may stand for. */
  words: Set<string>;
  /** Japanese terms, found in the folded text and kept where they start and end on word edges. */
  substrings: { list: number; falseFriend: boolean; text: string }[];
  /** How many lists are numbered: the length of the hits matchWords returns. */
  listCount: number;
  /** What the index holds for each word of the texts read so far (a memo, emptied when full). */
  lookups: Map<WordForms, FirstWordLookup>;
}

/** The terms a word of the text may start: the nodes of its forms, or, if none, the terms it joins. */
export interface FirstWordLookup {
  nodes: readonly FirstWordNode[];
  joined: readonly TermEntry[] | undefined;
  /** For a word with several nodes, their one-word terms merged (words.ts, candidatesAt): built once, at the first need. */
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


/** Words written together are looked into from this length on (shorter words are rarely two). */
const MIN_JOINED_LENGTH = 8;
/** Each part of a joined word is at least this long: "rat" inside "ratatouille" is not a rat. */
const MIN_PART_LENGTH = 4;
/** What may join two words: nothing, or a short function word ("ordures-de-femmes" written together). */
const JOINERS = ['', 'de', 'des', 'du', 'd', 'of', 'the'];
/**
 * A term word written with single letters is found from this length on ("conard" is "connard"):
 * shorter, the spelling is most often a word of its own ("con", "cons", "Niger", "fagot").
 */
const MIN_SINGLE_SPELLED_LENGTH = 6;
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
    words: new Set(),
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
      singleSpelledKeys: tokens.map((t) => (asWritten ? undefined : singleSpelledKey(t.key))),
      variantKeys: tokens.map((t, at) => (asWritten ? undefined : variantOf(t.key, at, lang, functionStems.has(t.stem)))),
    };
    if (!falseFriend) for (const key of entry.keys) index.words.add(key);
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
 * or loose form is one of these (see words.ts, entryMatchesAt).
 */
function formsAt(entry: TermEntry, at: number): Set<string> {
  const key = entry.keys[at]!;
  return new Set([key, entry.stems[at] ?? key, entry.looseKeys[at]!, entry.variantKeys[at] ?? key]);
}

function singleSpelledKey(key: string): string | undefined {
  const single = collapseRepeats(key);
  return single !== key && single.length >= MIN_SINGLE_SPELLED_LENGTH ? single : undefined;
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

/** The index's nodes for a word's key, stem and loose form, in that order; looked up once per word. */
export function lookUp(index: WordIndex, forms: WordForms): FirstWordLookup {
  let lookup = index.lookups.get(forms);
  if (lookup !== undefined) return lookup;
  const readings = readingsOf(forms);
  const nodes: FirstWordNode[] = [];
  for (const form of readings) {
    const node = index.byFirst.get(form);
    if (node) nodes.push(node);
  }
  const joined = nodes.length === 0 && forms.key.length >= MIN_JOINED_LENGTH ? joinedTerms(index, forms.key) : undefined;
  const mayBeSecond = readings.some((form) => index.secondForms.has(form));
  lookup = { nodes, joined, singles: undefined, mayBeSecond };
  if (index.lookups.size >= LOOKUPS_LIMIT) index.lookups.clear();
  index.lookups.set(forms, lookup);
  return lookup;
}

/** The forms a word of the text is looked up by: its key, its stem when it differs, its loose form if drawn out. */
function readingsOf(forms: WordForms): string[] {
  const readings = [forms.key];
  if (forms.stem !== forms.key) readings.push(forms.stem);
  if (forms.loose !== undefined) readings.push(forms.loose);
  return readings;
}
