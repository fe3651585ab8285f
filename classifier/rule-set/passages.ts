import type { Analysis, Hit } from '../analysis.js';
import { hitEndTokenIndex, hitTokenIndex } from '../matchers/detectors.js';
import type { Match } from './compiled.js';

// Where in the text a combined check holds: the windows of an `all` with `within` (or `ordered`),
// each a passage of the match, and whether an exception stands near the rule's hits.

/**
 * Passages past this many are not looked for: a long text full of matches yields enough of them
 * (a finding shows ten spans), and a window per hit would make the search quadratic.
 */
const MAX_PASSAGES = 20;

/** The hits of every passage, each once, in the order met, with the passages kept beside them. */
export function matchOf(passages: Hit[][]): Match {
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
export function closeTogether(analysis: Analysis, perChild: Hit[][], within: number): Hit[][] {
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
 * Chains of one hit per child, each starting after the previous one ends and at most `gap` tokens
 * after it, the first and the last within `within` tokens. A chain with a gap reads as one phrase,
 * so no clause ends between two of its links: "nobody wants to miss the final, see you Saturday"
 * is not "nobody wants … you". For each hit of the first child, taking the earliest next hit of
 * every following child gives the shortest chain starting there (and the closest next hit: if it
 * is too far or across a clause's end, all are). Each chain's passage holds every match of its
 * window, not only the chain's: a nested check's other words ("les banques") too.
 */
export function inWrittenOrder(analysis: Analysis, perChild: Hit[][], within: number, gap: number): Hit[][] {
  if (perChild.length === 1) return [perChild[0]!];
  const placed = perChild.map((hits) =>
    hits
      .map((hit) => ({ hit, at: hitTokenIndex(analysis, hit), endAt: hitEndTokenIndex(analysis, hit) }))
      .sort((a, b) => a.at - b.at),
  );
  const passages: Hit[][] = [];
  for (const first of placed[0]!) {
    if (passages.length >= MAX_PASSAGES) break;
    const chain = [first];
    for (const hits of placed.slice(1)) {
      // After the previous hit, not on it: one word listed twice is not two words in a row.
      const previousEnd = chain[chain.length - 1]!.endAt;
      const next = hits[firstAfter(hits, previousEnd)];
      if (!next || next.at - previousEnd - 1 > gap || (gap !== Infinity && clauseEndsBetween(analysis, previousEnd, next.at))) break;
      chain.push(next);
    }
    if (chain.length < placed.length || chain[chain.length - 1]!.at - first.at > within) continue;
    passages.push(
      placed.flatMap((points) =>
        points
          .filter((point) => point.at >= first.at && point.at - first.at <= within)
          .map((point) => point.hit),
      ),
    );
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
 * "ne sont pas humains") is what was said, not a denial of it. An exception whose hit holds the
 * rule's word stands near it however long the hit: a denied clause ("ce n'est pas vrai que les
 * filles sont moins bonnes") is one negation hit over the whole clause. An exception that must
 * stand before the match (a negation, "I feel…") does not reach past a "but" or the end of its
 * clause: "I'm not racist but … are vermin" and "Non, je vais te…" assert what follows. A topic
 * ("au match") reaches either way.
 */
export function isNear(
  analysis: Analysis,
  ruleHits: readonly Hit[],
  exceptionHits: readonly Hit[],
  options: { within: number; side: 'before' | 'after' | 'either' },
): boolean {
  const ruleSpans = ruleHits.map((hit) => ({ at: hitTokenIndex(analysis, hit), endAt: hitEndTokenIndex(analysis, hit) }));
  return exceptionHits.some((hit) => {
    if (options.side !== 'after' && ruleHits.some((ruleHit) => hit.start < ruleHit.start && ruleHit.end <= hit.end)) return true;
    // Inside one of the match's own listed phrases ("on veut pas", "nobody wants"), a negation is
    // what was said, for the words of the passage after it too: "on veut pas de toi".
    if (options.side === 'before' && ruleHits.some((ruleHit) => ruleHit.start <= hit.start && hit.end <= ruleHit.end)) return false;
    const at = hitTokenIndex(analysis, hit);
    const endAt = hitEndTokenIndex(analysis, hit);
    return ruleSpans.some((rule) => {
      const offset = rule.at - at; // > 0: the exception comes first
      if (options.side === 'before' && (offset <= 0 || endAt === rule.at)) return false;
      if (options.side === 'after' && offset >= 0) return false;
      // After the match, counted from its last word: "ce qui t'attend au souper…, c'est une surprise".
      const distance = offset > 0 ? offset : Math.max(0, at - rule.endAt);
      if (distance > options.within) return false;
      return options.side !== 'before' || !closesBetween(analysis, endAt, rule.at);
    });
  });
}

/** Words that open what a clause asserts against the one before it. */
const CONTRAST_WORDS = new Set(['mais', 'but', 'however', 'pourtant', 'cependant', 'toutefois']);
/** Punctuation that ends the clause a negation governs: "Non, je vais te…", "No joke, they are…". */
const CLAUSE_END = /[,.;:!?…]/;

/** True when a contrast word or a clause's end stands between tokens `from` and `to`. */
function closesBetween(analysis: Analysis, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from + 1; i < to; i++) if (CONTRAST_WORDS.has(analysis.tokens[i]!.key)) return true;
  return clauseEndsBetween(analysis, from, to);
}

/** True when a clause's end (a comma, a period…) stands between tokens `from` and `to`. */
function clauseEndsBetween(analysis: Analysis, from: number, to: number): boolean {
  const { tokens, original } = analysis;
  return from < to && CLAUSE_END.test(original.slice(tokens[from]!.end, tokens[to]!.start));
}
