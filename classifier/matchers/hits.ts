import type { Analysis, Hit } from '../analysis.js';

// Hits of the detectors' patterns and word sets, in UTF-16 offsets of the original text.

/** At most this many hits per pattern: a flooded text yields enough to show. */
const MAX_HITS = 50;

export function regexHits(text: string, pattern: RegExp, accept: (match: RegExpMatchArray) => boolean = () => true): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(pattern)) {
    if (accept(match)) hits.push({ start: match.index!, end: match.index! + match[0].length });
    if (hits.length >= MAX_HITS) break;
  }
  return hits;
}

/** Hits for tokens whose key is in `keys` (one language's cue words). */
export function tokenHits(analysis: Analysis, keys: ReadonlySet<string>): Hit[] {
  return analysis.tokens.filter((token) => keys.has(token.key)).map(({ start, end }) => ({ start, end }));
}

/** Folded-text patterns reported in original offsets. */
export function foldedHits(analysis: Analysis, pattern: RegExp): Hit[] {
  const hits: Hit[] = [];
  for (const match of analysis.folded.text.matchAll(pattern)) {
    const start = analysis.folded.map[match.index!]!;
    const end = analysis.folded.map[match.index! + match[0].length - 1]! + 1;
    hits.push({ start, end });
    if (hits.length >= MAX_HITS) break;
  }
  return hits;
}
