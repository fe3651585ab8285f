import type { Analysis, Hit } from '../analysis.js';
import { memoize, tokensIn, wholeText } from '../analysis.js';
import { detectorRunner, type DetectorName } from '../matchers/detectors.js';
import { compilePattern, matchRegex } from '../matchers/regex.js';
import { extractFeatures } from '../model/features.js';
import type { ModelCategory } from '../model/linear-model.js';
import type { CompiledCondition, CompiledException, CompiledRule, CompileScope, ExamplePost, Match } from './compiled.js';
import { closeTogether, inWrittenOrder, matchOf } from './passages.js';
import { evaluationOrderOf, estimateOf } from './evaluation-order.js';
import type { Condition, Example, Rule } from './rule-file.generated.js';
import { compileWords, guardedByLists, requiredListsOf } from './word-checks.js';

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
    const run = detectorRunner(condition.detector as DetectorName);
    return (analysis) => nonEmpty(run(analysis));
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
    return compileAll(children, evaluationOrder, { within: condition.within, ordered: condition.ordered === true, gap: condition.gap });
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

function compileAll(
  children: CompiledCondition[],
  evaluationOrder: readonly number[],
  options: { within: number | undefined; ordered: boolean; gap: number | undefined },
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
    const { within, ordered, gap } = options;
    if (!ordered && within === undefined) {
      // One passage: the checks hold together, wherever in the text.
      const hits: Match = perChild.flat();
      hits.passages = [hits.slice()];
      return hits;
    }
    // A child that holds without a match (`not`) has no place in the text.
    const placed = perChild.filter((hits) => hits.length > 0);
    if (placed.length === 0) return [];
    const passages = ordered ? inWrittenOrder(analysis, placed, within ?? Infinity, gap ?? Infinity) : closeTogether(analysis, placed, within ?? Infinity);
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

function nonEmpty(hits: Hit[]): Hit[] | null {
  return hits.length > 0 ? hits : null;
}
