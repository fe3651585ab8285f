import { RE2JS } from 're2js';
import type { Analysis, Hit } from '../analysis.js';
import { toOriginalRange } from '../text/fold.js';

/** A pattern compiled by RE2 (linear time); runs on the folded text. */
export type CompiledPattern = ReturnType<typeof RE2JS.compile>;

export function compilePattern(pattern: string): CompiledPattern {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

const MAX_HITS = 50;

export function matchRegex(analysis: Analysis, pattern: CompiledPattern): Hit[] {
  const hits: Hit[] = [];
  const matcher = pattern.matcher(analysis.folded.text);
  while (hits.length < MAX_HITS && matcher.find()) {
    const start = matcher.start();
    const end = matcher.end();
    if (end === start) continue;
    const [originalStart, originalEnd] = toOriginalRange(analysis.folded, analysis.original, start, end);
    hits.push({ start: originalStart, end: originalEnd });
  }
  return hits;
}
