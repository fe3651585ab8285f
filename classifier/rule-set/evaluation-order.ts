import { PRECHECKED_DETECTORS, type DetectorName } from '../matchers/detectors.js';
import { requiredTexts } from '../matchers/required-text.js';
import type { Condition } from './rule-file.generated.js';

// The order in which an `all` condition evaluates its children. The verdict does not depend on it
// (checks are pure and memoized); the time does: a detector that runs only when the word list
// beside it holds runs on a few posts in a hundred instead of on every post.

/** A condition's expected cost on one post, in rough relative units, and the chance that it holds. */
interface Estimate {
  cost: number;
  chance: number;
}

/**
 * Rough estimates: word lists share one pass over the words (already made for the first rule) and
 * seldom hold; a detector scans the text with several patterns (1 to 2 µs on a 250-character post)
 * and often holds (a name, a number), unless a count made while folding rules it out on most posts
 * (a phone number needs seven digits); a rule file's regular expression runs in RE2JS, the
 * linear-time engine, which took 7 to 12 µs on the same post; a model scores every n-gram. Only the
 * order of evaluation uses them, never the verdict.
 */
export function estimateOf(condition: Condition, modelCategories: ReadonlySet<string>): Estimate {
  const estimate = (child: Condition) => estimateOf(child, modelCategories);
  if (condition.words) return { cost: 1, chance: 0.1 };
  // A pattern whose text must hold a given piece is ruled out on most posts by a search for it.
  if (condition.regex !== undefined) return requiredTexts(condition.regex) === undefined ? { cost: 60, chance: 0.1 } : { cost: 2, chance: 0.1 };
  if (condition.detector) {
    return PRECHECKED_DETECTORS.has(condition.detector as DetectorName) ? { cost: 1, chance: 0.1 } : { cost: 10, chance: 0.5 };
  }
  // A model the rule set was loaded without never holds: nothing is cheaper to rule out.
  if (condition.model) return modelCategories.has(condition.model.category) ? { cost: 100, chance: 0.5 } : { cost: 0, chance: 0 };
  if (condition.not) {
    const inner = estimate(condition.not);
    return { cost: inner.cost, chance: 1 - inner.chance };
  }
  if (condition.all) {
    // Evaluated in the order below, each child only when those before it held.
    let cost = 0;
    let chance = 1;
    for (const child of inEvaluationOrder(condition.all.map(estimate))) {
      cost += chance * child.cost;
      chance *= child.chance;
    }
    return { cost, chance };
  }
  // `any` evaluates every child, to report every match.
  const children = (condition.any ?? []).map(estimate);
  return {
    cost: children.reduce((sum, child) => sum + child.cost, 0),
    chance: 1 - children.reduce((none, child) => none * (1 - child.chance), 1),
  };
}

/**
 * The children of an `all` cheapest first by cost per chance of failing: the order that, for
 * independent checks, makes the expected cost of finding one that fails least.
 */
export function evaluationOrderOf(children: readonly Estimate[]): number[] {
  const rank = (estimate: Estimate) => (estimate.chance >= 1 ? Infinity : estimate.cost / (1 - estimate.chance));
  return children.map((_, index) => index).sort((a, b) => rank(children[a]!) - rank(children[b]!));
}

function inEvaluationOrder(children: readonly Estimate[]): Estimate[] {
  return evaluationOrderOf(children).map((index) => children[index]!);
}
