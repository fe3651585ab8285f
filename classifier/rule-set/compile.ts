import type { Analysis, Hit } from '../analysis.js';
import { memoize, wholeText } from '../analysis.js';
import { hitEndTokenIndex, hitTokenIndex, runDetector, type DetectorName } from '../matchers/detectors.js';
import { compilePattern, matchRegex } from '../matchers/regex.js';
import { compileWordIndex, matchWords, type WordIndexes } from '../matchers/words.js';
import { tokenize } from '../text/tokenize.js';
import { extractFeatures } from '../model/features.js';
import type { ModelCategory } from '../model/linear-model.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Language } from '../types.js';
import type { CompiledCondition, CompiledException, CompiledRule, ExamplePost, Match } from './compiled.js';
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
    match: compileCondition(rule.match, scope),
    unless: (rule.unless ?? []).map((condition): CompiledException => ({
      holds: compileCondition(withoutWithin(condition), scope),
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
    return (analysis) => {
      const score = modelScore(analysis, category);
      return score !== undefined && score >= min ? [wholeText(analysis)] : null;
    };
  }
  if (condition.all) {
    const children = condition.all.map((child) => compileCondition(child, scope));
    // Cheapest checks first: a detector or a model runs only when the word checks beside it already hold.
    const evaluationOrder = evaluationOrderOf(condition.all.map(estimateOf));
    return compileAll(children, evaluationOrder, { within: condition.within, ordered: condition.ordered === true });
  }
  if (condition.any) {
    const children = condition.any.map((child) => compileCondition(child, scope));
    return (analysis) => {
      const hits: Match = [];
      let holds = false;
      let grouped = false;
      const held: Match[] = [];
      for (const child of children) {
        const childHits = child(analysis);
        if (childHits) {
          holds = true;
          hits.push(...childHits);
          held.push(childHits);
          if (childHits.passages) grouped = true;
        }
      }
      if (!holds) return null;
      // Each branch keeps its passages; a branch of lone hits gives one passage per hit.
      if (grouped) hits.passages = held.flatMap((childHits) => childHits.passages ?? childHits.map((hit) => [hit]));
      return hits;
    };
  }
  if (condition.not) {
    const child = compileCondition(condition.not, scope);
    return (analysis) => (child(analysis) === null ? [] : null);
  }
  throw new Error('condition has no check'); // unreachable: validation rejects such conditions
}

function compileWords(words: NonNullable<Condition['words']>, scope: CompileScope): CompiledCondition {
  const inlineList = words.terms ? scope.inlineListNames.get(words.terms) : undefined;
  if (words.terms && inlineList === undefined) throw new Error('inline terms were not indexed'); // unreachable: buildRuleSet indexes them all
  const lists = inlineList === undefined ? (words.lists ?? []) : [...(words.lists ?? []), inlineList];
  const hitsOfAll = (analysis: Analysis) => (analysis.listHits ??= listHitsOf(analysis, scope));
  if (lists.length === 1) {
    // The common case: the memoized hits themselves (checks never change the hits they get).
    const [list] = lists as [string];
    return (analysis) => nonEmpty(hitsOfAll(analysis).get(list) ?? []);
  }
  return (analysis) => {
    const listHits = hitsOfAll(analysis);
    return nonEmpty(lists.flatMap((name) => listHits.get(name) ?? []));
  };
}

/**
 * Hits of every named list: in the text's language, or in every language of the organization when
 * the language is undetermined (short posts), comparing whole words.
 */
function listHitsOf(analysis: Analysis, scope: CompileScope): Map<string, Hit[]> {
  if (analysis.lang !== 'und') return matchWords(analysis, scope.listIndexes[analysis.matchLang]);
  const merged = new Map<string, Hit[]>();
  for (const lang of scope.languages) {
    // Each language's lists read the words as that language spells and stems them: stemmed the
    // French way, "better" is "bet", the stem of "bêtes". Words are cut the same way in both, so
    // hits fall on the same tokens; Japanese is found in the folded text, not in tokens.
    const tokens = lang === 'ja' ? analysis.tokens : tokensIn(analysis, lang);
    for (const [list, hits] of matchWords({ ...analysis, matchLang: lang, tokens }, scope.listIndexes[lang])) {
      merged.set(list, [...(merged.get(list) ?? []), ...hits]);
    }
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
  const indexes: WordIndexes = {};
  for (const lang of languages) {
    indexes[lang] = compileWordIndex(inLanguage(lists, lang), lang, stemmers[lang], inLanguage(falseFriends, lang));
  }
  return indexes;
}

function compileAll(
  children: CompiledCondition[],
  evaluationOrder: readonly number[],
  options: { within: number | undefined; ordered: boolean },
): CompiledCondition {
  return (analysis) => {
    const perChild: Hit[][] = new Array(children.length);
    for (const index of evaluationOrder) {
      const hits = children[index]!(analysis);
      if (hits === null) return null;
      perChild[index] = hits;
    }
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

/**
 * Passages past this many are not looked for: a long text full of matches yields enough of them
 * (a finding shows ten spans), and a window per hit would make the search quadratic.
 */
const MAX_PASSAGES = 20;

/** The hits of every passage, each once, in the order met, with the passages kept beside them. */
function matchOf(passages: Hit[][]): Match {
  const seen = new Set<Hit>();
  const hits: Match = [];
  for (const passage of passages) {
    for (const hit of passage) {
      if (seen.has(hit)) continue;
      seen.add(hit);
      hits.push(hit);
    }
  }
  hits.passages = passages;
  return hits;
}

/**
 * The windows of `within` tokens that hold at least one hit of every child: for each hit, the
 * hits of the widest such window that ends on it, if any (none: no passage).
 */
function closeTogether(analysis: Analysis, perChild: Hit[][], within: number): Hit[][] {
  if (perChild.length === 1) return [perChild[0]!];
  const points = perChild
    .flatMap((hits, child) => hits.map((hit) => ({ child, hit, at: hitTokenIndex(analysis, hit) })))
    .sort((a, b) => a.at - b.at);
  const counts = new Array<number>(perChild.length).fill(0);
  const windows: Hit[][] = [];
  let covered = 0;
  let left = 0;
  for (let right = 0; right < points.length && windows.length < MAX_PASSAGES; right++) {
    if (counts[points[right]!.child]!++ === 0) covered++;
    while (points[right]!.at - points[left]!.at > within) {
      if (--counts[points[left]!.child]! === 0) covered--;
      left++;
    }
    if (covered === perChild.length) windows.push(points.slice(left, right + 1).map((point) => point.hit));
  }
  return windows;
}

/**
 * Chains of one hit per child, each starting after the previous one ends, the first and the last
 * within `within` tokens: for each hit of the first child, taking the earliest next hit of every
 * following child gives the shortest chain starting there. Each chain's passage holds every match
 * of its window, not only the chain's: a nested check's other words ("les banques") too.
 */
function inWrittenOrder(analysis: Analysis, perChild: Hit[][], within: number): Hit[][] {
  if (perChild.length === 1) return [perChild[0]!];
  const placed = perChild.map((hits) =>
    hits.map((hit) => ({ hit, at: hitTokenIndex(analysis, hit), endAt: hitEndTokenIndex(analysis, hit) })).sort((a, b) => a.at - b.at),
  );
  const passages: Hit[][] = [];
  for (const first of placed[0]!) {
    if (passages.length >= MAX_PASSAGES) break;
    const chain = [first];
    for (const hits of placed.slice(1)) {
      // After the previous hit, not on it: one word listed twice is not two words in a row.
      const next = hits[firstAfter(hits, chain[chain.length - 1]!.endAt)];
      if (!next) break;
      chain.push(next);
    }
    if (chain.length < placed.length || chain[chain.length - 1]!.at - first.at > within) continue;
    passages.push(placed.flatMap((points) => points.filter((point) => point.at >= first.at && point.at - first.at <= within).map((point) => point.hit)));
  }
  return passages;
}

/** Index of the first point (sorted by position) starting after token `position`; binary search, as a long text has many. */
function firstAfter(points: readonly { at: number }[], position: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle]!.at > position) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * True when an exception's hits lie within `within` tokens of one of the rule's hits, on `side`.
 * "Before" and "after" are strict, and an exception that ends on the first word of the rule's hit
 * is part of it: a negation that opens the matched phrase ("n'ont rien à faire", "do not belong",
 * "ne sont pas humains") is what was said, not a denial of it.
 */
export function isNear(
  analysis: Analysis,
  ruleHits: readonly Hit[],
  exceptionHits: readonly Hit[],
  options: { within: number; side: 'before' | 'after' | 'either' },
): boolean {
  const ruleAt = ruleHits.map((hit) => hitTokenIndex(analysis, hit));
  return exceptionHits.some((hit) => {
    const at = hitTokenIndex(analysis, hit);
    const endAt = hitEndTokenIndex(analysis, hit);
    return ruleAt.some((position) => {
      const offset = position - at; // > 0: the exception comes first
      if (options.side === 'before' && (offset <= 0 || endAt === position)) return false;
      if (options.side === 'after' && offset >= 0) return false;
      return Math.abs(offset) <= options.within;
    });
  });
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
