import type { Analysis, Hit } from '../analysis.js';
import { foldText } from '../text/fold.js';
import { STOPWORDS } from '../text/stopwords.js';
import type { Token } from '../text/tokenize.js';

// The `repetition` detector: flooding within one post (policies' "contenu répétitif").

/** One word of three letters or more this many times in a row is flooding ("ha ha ha" is laughter). */
const SAME_WORD_RUN = 5;
const SAME_WORD_MIN_LENGTH = 3;
/** Passages of three words or more said again in one post… */
const PASSAGE_WORDS = 3;
/** …are flooding when they make up this share of the post ("X! X! X!"), unlike a phrase a speech repeats. */
const REPEATED_SHARE = 0.6;
const MIN_REPEATED_TOKENS = 6;

/** Function words, folded as token keys are: a passage of them only ("il y a") repeats in any text. */
const FUNCTION_KEYS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words.map((word) => foldText(word).text))]),
);
/** Distinct content words (three letters or more, no function word, no @handle) the repeated passages must hold. */
const MIN_CONTENT_WORDS = 2;

/**
 * Repetitive content: a word five times in a row, or passages said again that make up most of the
 * post. The passages must hold two content words or more, so "il y a" again and again, or a
 * reply's "@user @user @user", is not flooding.
 */
export function repetitions(analysis: Analysis): Hit[] {
  const { tokens, original } = analysis;
  const functionKeys = FUNCTION_KEYS[analysis.matchLang]!;
  const isContentWord = (at: number): boolean => {
    const { key, start } = tokens[at]!;
    return key.length >= SAME_WORD_MIN_LENGTH && !functionKeys.has(key) && original[start - 1] !== '@';
  };
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.key === tokens[i]!.key) j++;
    if (j - i >= SAME_WORD_RUN && isContentWord(i)) hits.push({ start: tokens[i]!.start, end: tokens[j - 1]!.end });
    i = j;
  }
  // Passages said again make most words of the post repeats of an earlier word: most posts are
  // ruled out by that count alone, before any passage is built.
  const repeatedWords = wordsSeenBefore(tokens);
  if (repeatedWords < (REPEATED_SHARE / 2) * tokens.length || tokens.length < MIN_REPEATED_TOKENS) return hits;
  // Where each three-word passage starts, by its words.
  const starts = new Map<string, number[]>();
  for (let i = 0; i + PASSAGE_WORDS <= tokens.length; i++) {
    const key = `${tokens[i]!.key} ${tokens[i + 1]!.key} ${tokens[i + 2]!.key}`;
    const list = starts.get(key);
    if (list) list.push(i);
    else starts.set(key, [i]);
  }
  const repeatedStarts = [...starts.values()].filter((list) => list.length >= 2).flat();
  const repeatedTokens = new Set<number>();
  for (const at of repeatedStarts) for (let k = 0; k < PASSAGE_WORDS; k++) repeatedTokens.add(at + k);
  if (repeatedTokens.size < MIN_REPEATED_TOKENS || repeatedTokens.size < REPEATED_SHARE * tokens.length) return hits;
  const contentWords = new Set([...repeatedTokens].filter(isContentWord).map((at) => tokens[at]!.key));
  if (contentWords.size < MIN_CONTENT_WORDS) return hits;
  for (const at of repeatedStarts) hits.push({ start: tokens[at]!.start, end: tokens[at + PASSAGE_WORDS - 1]!.end });
  return hits;
}

/**
 * Keys met so far in the post, as token indices in an open-addressing table found by the key's
 * hash. Every post runs this detector, and a Set of the post's words cost more than the rest of
 * it; the table is reused from post to post (a slot counts only if stamped in this pass), and a
 * long text gets a table of its own.
 */
const SHARED_TABLE_SIZE = 1024;
const sharedStamps = new Int32Array(SHARED_TABLE_SIZE);
const sharedTokens = new Int32Array(SHARED_TABLE_SIZE);
let sharedPass = 0;

/** How many tokens repeat the key of an earlier token. */
function wordsSeenBefore(tokens: readonly Token[]): number {
  let stamps = sharedStamps;
  let at = sharedTokens;
  let pass: number;
  if (2 * tokens.length <= SHARED_TABLE_SIZE) {
    if (sharedPass === 0x7fffffff) {
      sharedStamps.fill(0);
      sharedPass = 0;
    }
    pass = ++sharedPass;
  } else {
    const size = 2 ** Math.ceil(Math.log2(2 * tokens.length));
    stamps = new Int32Array(size);
    at = new Int32Array(size);
    pass = 1;
  }
  const mask = stamps.length - 1;
  let repeated = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    for (let slot = token.forms.keyHash & mask; ; slot = (slot + 1) & mask) {
      if (stamps[slot] !== pass) {
        stamps[slot] = pass;
        at[slot] = i;
        break;
      }
      if (tokens[at[slot]!]!.key === token.key) {
        repeated++;
        break;
      }
    }
  }
  return repeated;
}
