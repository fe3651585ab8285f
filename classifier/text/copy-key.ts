import { createHash } from 'node:crypto';
import { foldText } from './fold.js';

/** Shorter texts are said again for ordinary reasons ("Merci à tous pour la belle soirée !"). */
export const MIN_COPY_KEY_WORDS = 8;
/** Only this much of a text is read, as classify() reads it. */
const MAX_CHARS = 100_000;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * What two posts share when they say the same thing in the same words, whatever their case,
 * accents, punctuation, emoji, spacing or leetspeak: a hash of the folded words, in order.
 * Undefined for a text of fewer than MIN_COPY_KEY_WORDS words. Used by the classify job to find
 * a message posted again (flooding) or another author's text reposted as one's own (plagiarism).
 */
export function copyKeyOf(text: string): string | undefined {
  const words = foldText(text.slice(0, MAX_CHARS)).text.match(WORD) ?? [];
  if (words.length < MIN_COPY_KEY_WORDS) return undefined;
  return createHash('sha256').update(words.join(' ')).digest('hex').slice(0, 32);
}
