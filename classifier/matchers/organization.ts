import natural from 'natural';
import type { Analysis, Hit } from '../analysis.js';
import { foldText } from '../text/fold.js';
import { singular } from '../text/plural.js';
import { tokenIndexAt } from '../text/tokenize.js';
import { foldedHits } from './hits.js';

// The organization in a text: its names and aliases (not their homonyms), and what a group says
// of itself ("officiel", "NON OFFICIEL").

const UNOFFICIAL = /\b(?:non[ ._-]?officiel(?:le)?s?|unofficial|not official|pas officiel(?:le)?|fan ?(?:club|page)|groupe de fans)\b/gu;
const OFFICIAL = /\b(?:officiel(?:le)?s?|official)\b/gu;

/** Words around a one-word alias written alone that show its other meaning ("canot … portage"). */
const HOMONYM_CONTEXT_WORDS = 6;

/**
 * Aliases of the organization, exact or fuzzy, not inside a homonym ("portage de bébé"), and a
 * one-word alias written alone not near a word of another meaning (see `withoutOtherMeanings`).
 */
export function orgMentions(analysis: Analysis): Hit[] {
  const { aliases, aliasIndex, homonymIndex } = analysis.ruleSet.organization;
  const hits = indexedSequenceHits(analysis, aliasIndex);
  // An alias listed twice ("Portage" and "portage" fold alike) is looked for once, found twice.
  let fuzzyFound: [alias: string, hits: Hit[]][] | undefined;
  for (const alias of aliases) {
    if (alias.length !== 1 || alias[0]!.length < 6) continue;
    const word = alias[0]!;
    let found = fuzzyFound?.find(([other]) => other === word)?.[1];
    if (found === undefined) (fuzzyFound ??= []).push([word, (found = fuzzyHits(analysis.tokens, word))]);
    for (const { start, end } of found) hits.push({ start, end });
  }
  if (hits.length === 0) return hits;
  const homonymRanges = indexedSequenceHits(analysis, homonymIndex, singular);
  const kept = hits.filter((hit) => !homonymRanges.some((range) => hit.start >= range.start && hit.end <= range.end));
  return kept.length === 0 ? kept : withoutOtherMeanings(analysis, hits, kept);
}

/**
 * Drops a one-word alias written alone that has a word of another meaning near it ("canot-camping
 * et portage"), unless a word of the organization's world is near too ("sortie de canot des
 * résidents de Portage"). A longer alias ("Centre Portage") is the organization whatever surrounds it.
 */
function withoutOtherMeanings(analysis: Analysis, allHits: readonly Hit[], kept: Hit[]): Hit[] {
  const { homonymContextIndex, organizationContextIndex } = analysis.ruleSet.organization;
  if (homonymContextIndex.size === 0) return kept;
  const positionsOf = (index: ReadonlyMap<string, readonly string[][]>) =>
    indexedSequenceHits(analysis, index, singular).map((hit) => tokenIndexAt(analysis.tokens, hit.start));
  const otherMeaningAt = positionsOf(homonymContextIndex);
  if (otherMeaningAt.length === 0) return kept;
  const organizationAt = positionsOf(organizationContextIndex);
  const near = (positions: readonly number[], at: number) => positions.some((position) => Math.abs(position - at) <= HOMONYM_CONTEXT_WORDS);
  return kept.filter((hit) => {
    const at = tokenIndexAt(analysis.tokens, hit.start);
    if (tokenIndexAt(analysis.tokens, hit.end - 1) !== at || isInsideLongerAlias(allHits, hit)) return true;
    return !near(otherMeaningAt, at) || near(organizationAt, at);
  });
}

/** True when another hit (a longer alias) covers this one-word hit. */
function isInsideLongerAlias(hits: readonly Hit[], hit: Hit): boolean {
  return hits.some((other) => other !== hit && other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start);
}

const NO_SEQUENCES: readonly string[][] = [];

/** Hits of key sequences indexed by first key, in one pass over the tokens. */
function indexedSequenceHits(analysis: Analysis, index: ReadonlyMap<string, readonly string[][]>, normalize: (key: string) => string = (key) => key): Hit[] {
  const hits: Hit[] = [];
  const tokens = analysis.tokens;
  for (let i = 0; i < tokens.length; i++) {
    for (const keys of index.get(normalize(tokens[i]!.key)) ?? NO_SEQUENCES) {
      if (i + keys.length <= tokens.length && keys.every((key, k) => normalize(tokens[i + k]!.key) === key)) {
        hits.push({ start: tokens[i]!.start, end: tokens[i + keys.length - 1]!.end });
      }
    }
  }
  return hits;
}

/** Misspellings of a long one-word alias ("portaje"); only words of about its length and first letter. */
function fuzzyHits(tokens: Analysis['tokens'], alias: string): Hit[] {
  const hits: Hit[] = [];
  for (const token of tokens) {
    const key = token.key;
    // One letter more or less at most: "portaje" is Portage misspelt, "porte" (porte-bébé) is another word.
    if (key === alias || key.charCodeAt(0) !== alias.charCodeAt(0) || key.charCodeAt(1) !== alias.charCodeAt(1) || Math.abs(key.length - alias.length) > 1) continue;
    if (natural.JaroWinklerDistance(key, alias, {}) >= 0.93) hits.push({ start: token.start, end: token.end });
  }
  return hits;
}

export function unofficialLabels(analysis: Analysis): Hit[] {
  return foldedHits(analysis, UNOFFICIAL);
}

/** "officiel", "official", but not inside "non officiel". */
export function officialClaims(analysis: Analysis): Hit[] {
  const unofficial = unofficialLabels(analysis);
  return foldedHits(analysis, OFFICIAL).filter((hit) => !unofficial.some((u) => hit.start >= u.start && hit.end <= u.end));
}

/** What separates the words of a name (a handle's @ stays): names and the text are compared word for word. */
export const BETWEEN_NAME_WORDS = /[^\p{L}\p{N}@]+/gu;

/** A name folded, its words separated by one space ("@marie_t" → "@marie t"). */
export function wordsOfName(name: string): string {
  return foldText(name).text.replace(BETWEEN_NAME_WORDS, ' ').trim();
}

/**
 * True when a (folded) author name holds one of the organization's aliases word for word, or is
 * one of its official accounts ("PortageCanada" for facebook.com/PortageCanada).
 */
export function isOrganizationName(analysis: Analysis, author: string): boolean {
  const { aliases, officialAccounts } = analysis.ruleSet.organization;
  const words = author.split(' ');
  const handle = author.replace(/[@ ]/g, '');
  if ((officialAccounts ?? []).some((account) => accountHandle(account.url) === handle)) return true;
  return aliases.some((alias) => words.some((_, at) => at + alias.length <= words.length && alias.every((key, k) => words[at + k] === key)));
}

/** The account name an official account's address ends with, folded ("portagecanada"). */
function accountHandle(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  return wordsOfName(path.split('/').filter(Boolean).pop() ?? '').replace(/[@ ]/g, '');
}
