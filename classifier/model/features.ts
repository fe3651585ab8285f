import type { Token } from '../text/tokenize.js';

/** Size of the hashed feature space (2^20). */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;
const NONE: ReadonlySet<string> = new Set();

// FNV-1a, 32 bits, over UTF-16 code units: cheap and stable across runs, so trained weights stay
// valid. Seeds 1, 2 and 3 separate stems, stem bigrams and character 4-grams.
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;
const SPACE = 0x20;
const WORD_START = 0x5e; // ^
const WORD_END = 0x24; // $

function mix(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return h;
}

/** What a masked word becomes: one feature for every group named. */
const GROUP = '<group>';

// Features already added by the current call, marked with its generation: deduplicates without
// building a Set per text (this runs for every post the model scores).
const seen = new Uint32Array(1 << FEATURE_BITS);
let generation = 0;

/**
 * Hashed features of a text: word stems, stem bigrams and character 4-grams of each word, framed
 * by ^ and $ (which survive misspellings and evasion better than whole words). Counts are binary.
 * Words whose stem is in `masked` (the names of groups) all become the same word, so the model
 * judges what is said about a group rather than which group is named.
 */
export function extractFeatures(tokens: readonly Token[], masked: ReadonlySet<string> = NONE): Uint32Array {
  if (++generation === 0x1_0000_0000) {
    seen.fill(0);
    generation = 1;
  }
  const features: number[] = [];
  const add = (h: number) => {
    const feature = (h >>> 0) & MASK;
    if (seen[feature] === generation) return;
    seen[feature] = generation;
    features.push(feature);
  };
  let previous = '<s>';
  for (const token of tokens) {
    const isGroup = masked.has(token.stem);
    const stem = isGroup ? GROUP : token.stem;
    if (!isGroup) add(mix(OFFSET ^ 1, stem));
    add(mix(Math.imul(mix(OFFSET ^ 2, previous) ^ SPACE, PRIME), stem));
    previous = stem;
    if (isGroup) continue;
    // The 4-grams of "^key$", without building it.
    const key = token.key;
    const last = key.length + 1;
    const codeAt = (at: number) => (at === 0 ? WORD_START : at === last ? WORD_END : key.charCodeAt(at - 1));
    for (let start = 0; start + 3 <= last; start++) {
      let h = OFFSET ^ 3;
      for (let at = start; at < start + 4; at++) h = Math.imul(h ^ codeAt(at), PRIME);
      add(h);
    }
  }
  add(mix(Math.imul(mix(OFFSET ^ 2, previous) ^ SPACE, PRIME), '</s>'));
  return Uint32Array.from(features);
}
