import { tokensIn, type Analysis } from '../analysis.js';
import { compileWordIndex, type WordIndexes } from '../matchers/word-index.js';
import { matchWords, type ListHits } from '../matchers/words.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';
import type { CompiledCondition, CompileScope } from './compiled.js';
import type { Condition, Rule, WordList } from './rule-file.generated.js';

// Word checks (`words: { lists: [...] }`) and the lists they read: every list of a pack is matched
// in one pass over a text's words, and a rule that needs a list is settled by a look at its hits.

/** The numbers of the lists a word check reads: its named lists and its inline terms. */
function listNumbersOf(words: NonNullable<Condition['words']>, scope: CompileScope): number[] {
  const inlineList = words.terms ? scope.inlineListNames.get(words.terms) : undefined;
  if (words.terms && inlineList === undefined) throw new Error('inline terms were not indexed'); // unreachable: buildRuleSet indexes them all
  const names = inlineList === undefined ? (words.lists ?? []) : [...(words.lists ?? []), inlineList];
  return names.map((name) => {
    const number = scope.listIndexes.listNumbers.get(name);
    if (number === undefined) throw new Error(`list "${name}" was not indexed`); // unreachable: validation refuses unknown lists
    return number;
  });
}

/**
 * Lists of which one at least must have hits for the condition to hold; undefined when it may
 * hold without any (a detector, a pattern, a model, a `not`).
 */
export function requiredListsOf(condition: Condition, scope: CompileScope): readonly number[] | undefined {
  if (condition.words) return listNumbersOf(condition.words, scope);
  if (condition.all) {
    // Every child must hold: the child that needs the fewest lists is the sharpest test.
    const needs = condition.all.map((child) => requiredListsOf(child, scope)).filter((lists) => lists !== undefined);
    return needs.length === 0 ? undefined : needs.reduce((fewest, lists) => (lists.length < fewest.length ? lists : fewest));
  }
  if (condition.any) {
    // One child must hold: the lists of all of them, if each needs some.
    const needs = condition.any.map((child) => requiredListsOf(child, scope));
    return needs.every((lists) => lists !== undefined) ? [...new Set(needs.flat() as number[])] : undefined;
  }
  return undefined;
}

/**
 * A rule (or exception) whose condition needs a word list's hits is not evaluated on a text where
 * none of those lists has any: most rules on most texts, settled by a look at the hits instead of
 * a walk down the rule's checks.
 */
export function guardedByLists(match: CompiledCondition, lists: readonly number[] | undefined, scope: CompileScope): CompiledCondition {
  if (lists === undefined) return match;
  return (analysis) => {
    const listHits = listHitsFor(analysis, scope);
    for (const list of lists) if (listHits[list] !== undefined) return match(analysis);
    return null;
  };
}

/** The hits of every list, found by the first check that asks (one pass over the words for all). */
function listHitsFor(analysis: Analysis, scope: CompileScope): ListHits {
  return (analysis.listHits ??= listHitsOf(analysis, scope));
}

export function compileWords(words: NonNullable<Condition['words']>, scope: CompileScope): CompiledCondition {
  const lists = listNumbersOf(words, scope);
  if (lists.length === 1) {
    // The common case: the memoized hits themselves (checks never change the hits they get).
    const [list] = lists as [number];
    return (analysis) => {
      const hits = listHitsFor(analysis, scope)[list];
      return hits === undefined || hits.length === 0 ? null : hits;
    };
  }
  return (analysis) => {
    const listHits = listHitsFor(analysis, scope);
    const hits = lists.flatMap((list) => listHits[list] ?? []);
    return hits.length > 0 ? hits : null;
  };
}

/**
 * Hits of every named list: in the text's language, or in every language of the organization when
 * the language is undetermined (short posts), comparing whole words.
 */
function listHitsOf(analysis: Analysis, scope: CompileScope): ListHits {
  const { byLanguage } = scope.listIndexes;
  if (analysis.lang !== 'und') return matchWords(analysis, byLanguage[analysis.matchLang]);
  const merged: ListHits = [];
  for (const lang of scope.languages) {
    // Each language's lists read the words as that language spells and stems them: stemmed the
    // French way, "better" is "bet", the stem of "bêtes". Words are cut the same way in both, so
    // hits fall on the same tokens; Japanese is found in the folded text, not in tokens.
    const tokens = lang === 'ja' ? analysis.tokens : tokensIn(analysis, lang);
    matchWords({ ...analysis, matchLang: lang, tokens }, byLanguage[lang]).forEach((hits, list) => {
      if (hits !== undefined) merged[list] = [...(merged[list] ?? []), ...hits];
    });
  }
  return merged;
}

/** One word index per language over named lists (and, by list name, their false friends). */
export function wordIndexesOf(
  lists: ReadonlyMap<string, WordList>,
  languages: readonly Language[],
  stemmers: Record<Language, Stemmer>,
  falseFriends: ReadonlyMap<string, WordList> = new Map(),
): WordIndexes {
  const inLanguage = (byName: ReadonlyMap<string, WordList>, lang: Language) =>
    new Map([...byName].map(([name, list]) => [name, list[lang] ?? []] as const));
  const listNumbers = new Map([...new Set([...lists.keys(), ...falseFriends.keys()])].map((name, number) => [name, number]));
  const byLanguage: WordIndexes['byLanguage'] = {};
  for (const lang of languages) {
    byLanguage[lang] = compileWordIndex(inLanguage(lists, lang), lang, stemmers[lang], inLanguage(falseFriends, lang), listNumbers);
  }
  return { byLanguage, listNumbers };
}

/** Calls `visit` with every word check of the rules, in `match` and `unless`, at any depth. */
function forEachWordCheck(rules: readonly Rule[], visit: (words: NonNullable<Condition['words']>) => void): void {
  const walk = (condition: Condition | undefined): void => {
    if (!condition) return;
    if (condition.words) visit(condition.words);
    for (const child of [...(condition.all ?? []), ...(condition.any ?? [])]) walk(child);
    walk(condition.not);
  };
  for (const rule of rules) {
    walk(rule.match);
    for (const condition of rule.unless ?? []) walk(condition);
  }
}

/**
 * Every inline `terms` of the rules, named so they can join the shared word index. The names start
 * with a character list names cannot have.
 */
export function inlineTermLists(rules: readonly Rule[]): Map<WordList, string> {
  const names = new Map<WordList, string>();
  forEachWordCheck(rules, (words) => {
    if (words.terms && !names.has(words.terms)) names.set(words.terms, `#terms-${names.size + 1}`);
  });
  return names;
}

/**
 * The named lists the rules read. Only these are indexed: the shared lexicons hold the lists of
 * every pack, and a hit in a list no rule reads is work for nothing in every post.
 */
export function collectReadListNames(rules: readonly Rule[]): Set<string> {
  const names = new Set<string>();
  forEachWordCheck(rules, (words) => {
    for (const name of words.lists ?? []) names.add(name);
  });
  return names;
}
