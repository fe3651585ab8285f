import { RE2JS } from 're2js';
import type { Analysis, Hit } from '../analysis.js';
import { toOriginalRange } from '../text/fold.js';
import { requiredTexts } from './required-text.js';

/**
 * A pattern compiled by RE2 (linear time); runs on the folded text. `required`, when set, holds
 * pieces of text one of which every match contains: without any, RE2 is not run.
 */
export interface CompiledPattern {
  re2: ReturnType<typeof RE2JS.compile>;
  required: readonly string[] | undefined;
}

export function compilePattern(pattern: string): CompiledPattern {
  return { re2: RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE), required: requiredTexts(pattern) };
}

const MAX_HITS = 50;

export function matchRegex(analysis: Analysis, pattern: CompiledPattern): Hit[] {
  const text = analysis.folded.text;
  if (pattern.required !== undefined && !pattern.required.some((piece) => text.includes(piece))) return [];
  const hits: Hit[] = [];
  const matcher = pattern.re2.matcher(text);
  while (hits.length < MAX_HITS && matcher.find()) {
    const start = matcher.start();
    const end = matcher.end();
    if (end === start) continue;
    const [originalStart, originalEnd] = toOriginalRange(analysis.folded, analysis.original, start, end);
    hits.push({ start: originalStart, end: originalEnd });
  }
  return hits;
}
