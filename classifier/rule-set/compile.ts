import type { Analysis, Hit } from '../analysis.js';
import { memoize, wholeText } from '../analysis.js';
import { runDetector, type DetectorName } from '../matchers/detectors.js';
import { compilePattern, matchRegex } from '../matchers/regex.js';
import { compileWordIndex, matchWords, type ListHits, type WordIndexes } from '../matchers/words.js';
import { tokenize } from '../text/tokenize.js';
import { extractFeatures } from '../model/features.js';
import type { ModelCategory } from '../model/linear-model.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';
import type { CompiledCondition, CompiledException, CompiledRule, ExamplePost, Match } from './compiled.js';
import { closeTogether, inWrittenOrder, matchOf } from './passages.js';
import { evaluationOrderOf, estimateOf } from './evaluation-order.js';
import type { Condition, Example, Rule, WordList } from './rule-file.generated.js';

export interface CompileScope {
  languages: readonly Language[];
  stemmers: Record<Language, Stemmer>;
  lists: ReadonlyMap<string, WordList>;
  /**
   * Every named list, and every rule's inline `terms`, in one index per language, compiled once;
   * its hits are computed once per text (one pass over the words for all the rules).
   */
  listIndexes: WordIndexes;
  /** The list name each inline `terms` object is indexed under (see `inlineTermLists`). */
  inlineListNames: ReadonlyMap<WordList, string>;
  /** Categories a model of the rule set scores, in some language: a model check of any other never holds. */
  modelCategories: ReadonlySet<string>;
}

export function compileRule(rule: Rule, scope: CompileScope): CompiledRule {
  return {
    id: rule.id,
    category: rule.category,
    severity: rule.severity,
    priority: rule.priority ?? 50,
    scope: rule.scope ?? ['post_text'],
    languages: rule.languages,
    score: rule.score ?? 0.8,
    match: guardedByLists(compileCondition(rule.match, scope), requiredListsOf(rule.match, scope), scope),
    unless: (rule.unless ?? []).map((condition): CompiledException => ({
      holds: guardedByLists(compileCondition(withoutWithin(condition), scope), requiredListsOf(condition, scope), scope),
      within: condition.all ? undefined : condition.within,
      side: condition.side ?? 'either',
    })),
    modelCategory: findModelCategory(rule.match),
    explanation: rule.explanation,
    examples: { match: (rule.examples?.match ?? []).map(examplePost), noMatch: (rule.examples?.no_match ?? []).map(examplePost) },
  };
}

/** An example written as its text alone, or with what else its rule reads. */
function examplePost(example: string | Example): ExamplePost {
  return typeof example === 'string' ? { text: example } : example;
}

/** In `unless`, `within` beside a single check means "near the rule's match", not proximity inside. */
function withoutWithin(condition: Condition): Condition {
  if (condition.all || condition.within === undefined) return condition;
  const { within: _within, side: _side, ...rest } = condition;
  return rest;
}

function findModelCategory(condition: Condition): string | undefined {
  if (condition.model) return condition.model.category;
  for (const child of [...(condition.all ?? []), ...(condition.any ?? [])]) {
    const found = findModelCategory(child);
    if (found) return found;
  }
  return undefined;
}

export function compileCondition(condition: Condition, scope: CompileScope): CompiledCondition {
  if (condition.words) return compileWords(condition.words, scope);
  if (condition.regex !== undefined) {
    const pattern = compilePattern(condition.regex);
    return (analysis) => nonEmpty(matchRegex(analysis, pattern));
  }
  if (condition.detector) {
    const name = condition.detector as DetectorName;
    return (analysis) => nonEmpty(runDetector(analysis, name));
  }
  if (condition.model) {
    const { category, min } = condition.model;
    // Loaded without a model for it (`rules only`, or a category no language's model has).
    if (!scope.modelCategories.has(category)) return () => null;
    return (analysis) => {
      const score = modelScore(analysis, category);
      return score !== undefined && score >= min ? [wholeText(analysis)] : null;
    };
  }
  if (condition.all) {
    const children = condition.all.map((child) => compileCondition(child, scope));
    // Cheapest checks first: a detector or a model runs only when the word checks beside it already hold.
    const evaluationOrder = evaluationOrderOf(condition.all.map((child) => estimateOf(child, scope.modelCategories)));
    return compileAll(children, evaluationOrder, { within: condition.within, ordered: condition.ordered === true });
  }
  if (condition.any) {
    const children = condition.any.map((child) => compileCondition(child, scope));
    return (analysis) => {
      // Built at the first branch that holds: on most texts none does.
      let held: Match[] | undefined;
      for (const child of children) {
        const childHits = child(analysis);
        if (childHits) (held ??= []).push(childHits);
      }
      if (held === undefined) return null;
      const hits: Match = held.flat();
      // Each branch keeps its passages; a branch of lone hits gives one passage per hit.
      if (held.some((childHits) => childHits.passages)) hits.passages = held.flatMap((childHits) => childHits.passages ?? childHits.map((hit) => [hit]));
      return hits;
    };
  }
  if (condition.not) {
    const child = compileCondition(condition.not, scope);
    return (analysis) => (child(analysis) === null ? [] : null);
  }
  throw new Error('condition has no check'); // unreachable: validation rejects such conditions
}

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
function requiredListsOf(condition: Condition, scope: CompileScope): readonly number[] | undefined {
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
function guardedByLists(match: CompiledCondition, lists: readonly number[] | undefined, scope: CompileScope): CompiledCondition {
  if (lists === undefined) return match;
  return (analysis) => {
    const listHits = (analysis.listHits ??= listHitsOf(analysis, scope));
    for (const list of lists) if (listHits[list] !== undefined) return match(analysis);
    return null;
  };
}

function compileWords(words: NonNullable<Condition['words']>, scope: CompileScope): CompiledCondition {
  const lists = listNumbersOf(words, scope);
  const hitsOfAll = (analysis: Analysis) => (analysis.listHits ??= listHitsOf(analysis, scope));
  if (lists.length === 1) {
    // The common case: the memoized hits themselves (checks never change the hits they get).
    const [list] = lists as [number];
    return (analysis) => {
      const hits = hitsOfAll(analysis)[list];
      return hits === undefined ? null : nonEmpty(hits);
    };
  }
  return (analysis) => {
    const listHits = hitsOfAll(analysis);
    return nonEmpty(lists.flatMap((list) => listHits[list] ?? []));
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

function compileAll(
  children: CompiledCondition[],
  evaluationOrder: readonly number[],
  options: { within: number | undefined; ordered: boolean },
): CompiledCondition {
  return (analysis) => {
    // Built once the first check holds: on most texts it does not.
    let perChild: Hit[][] | undefined;
    for (const index of evaluationOrder) {
      const hits = children[index]!(analysis);
      if (hits === null) return null;
      (perChild ??= new Array<Hit[]>(children.length))[index] = hits;
    }
    perChild ??= []; // an `all` with no check (the schema refuses it) holds
    const { within, ordered } = options;
    if (!ordered && within === undefined) {
      // One passage: the checks hold together, wherever in the text.
      const hits: Match = perChild.flat();
      hits.passages = [hits.slice()];
      return hits;
    }
    // A child that holds without a match (`not`) has no place in the text.
    const placed = perChild.filter((hits) => hits.length > 0);
    if (placed.length === 0) return [];
    const passages = ordered ? inWrittenOrder(analysis, placed, within ?? Infinity) : closeTogether(analysis, placed, within ?? Infinity);
    return passages.length === 0 ? null : matchOf(passages);
  };
}

/** Memo keys of model scores, built once rather than per call. */
const modelMemoKeys = new Map<string, string>();

export function modelScore(analysis: Analysis, category: string): number | undefined {
  let key = modelMemoKeys.get(category);
  if (key === undefined) modelMemoKeys.set(category, (key = `model:${category}`));
  return memoize(analysis, key, () => {
    // Undetermined text is scored by each language's model, as its words are read by each
    // language's lists: a short English spam scored by the French model alone went unseen.
    const languages = analysis.lang === 'und' ? analysis.ruleSet.languages.filter((lang) => lang !== 'ja') : [analysis.matchLang];
    let best: number | undefined;
    for (const lang of languages) {
      const model = analysis.ruleSet.models[lang];
      if (!model) continue;
      const features = memoize(analysis, `features:${lang}`, () => extractFeatures(tokensIn(analysis, lang), model.masked));
      const score = model.score(features, category as ModelCategory);
      if (score !== undefined && (best === undefined || score > best)) best = score;
    }
    return best;
  });
}

/** The text's words as one language spells and stems them (the analysis's own, for its language). */
function tokensIn(analysis: Analysis, lang: Language): Analysis['tokens'] {
  if (lang === analysis.matchLang) return analysis.tokens;
  return memoize(analysis, `tokens:${lang}`, () => tokenize(analysis.original, analysis.folded, lang, analysis.ruleSet.stemmers[lang]));
}

function nonEmpty(hits: Hit[]): Hit[] | null {
  return hits.length > 0 ? hits : null;
}

/**
 * Every inline `terms` of the rules (in `match` and `unless`, at any depth), named so they can
 * join the shared word index. The names start with a character list names cannot have.
 */
export function inlineTermLists(rules: readonly Rule[]): Map<WordList, string> {
  const names = new Map<WordList, string>();
  const visit = (condition: Condition | undefined): void => {
    if (!condition) return;
    if (condition.words?.terms && !names.has(condition.words.terms)) names.set(condition.words.terms, `#terms-${names.size + 1}`);
    for (const child of [...(condition.all ?? []), ...(condition.any ?? [])]) visit(child);
    visit(condition.not);
  };
  for (const rule of rules) {
    visit(rule.match);
    for (const condition of rule.unless ?? []) visit(condition);
  }
  return names;
}
