import type { Token } from '../text/tokenize.js';

/** Size of the hashed feature space (2^20). */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;
const NONE: ReadonlySet<string> = new Set();

/** FNV-1a, 32 bits: cheap and stable across runs, so trained weights stay valid. */
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** What a masked word becomes: one feature for every group named. */
const GROUP = '<group>';

/**
 * Hashed features of a text: word stems, stem bigrams and character 4-grams of each word (which
 * survive misspellings and evasion better than whole words). Counts are binary. Words whose stem
 * is in `masked` (the names of groups) all become the same word, so the model judges what is
 * said about a group rather than which group is named.
 */
export function extractFeatures(tokens: readonly Token[], masked: ReadonlySet<string> = NONE): Uint32Array {
  const features = new Set<number>();
  let previous = '<s>';
  for (const token of tokens) {
    const isGroup = masked.has(token.stem);
    const stem = isGroup ? GROUP : token.stem;
    if (!isGroup) features.add(hash(stem, 1));
    features.add(hash(`${previous} ${stem}`, 2));
    previous = stem;
    if (isGroup) continue;
    const padded = `^${token.key}$`;
    for (let i = 0; i + 4 <= padded.length; i++) features.add(hash(padded.slice(i, i + 4), 3));
  }
  features.add(hash(`${previous} </s>`, 2));
  return Uint32Array.from(features);
}
