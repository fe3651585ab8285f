import type { Analysis, Hit } from '../analysis.js';
import { gatedHits, gatedPattern } from './gated-pattern.js';
import { foldedHits, regexHits, tokenHits } from './hits.js';

// How something is said: denied ("ne … pas", "not"), quoted or reported ("dire que…"), or said
// to someone ("tu", "you"). Rules read these as exceptions and targets.

/** French "ne"/"n'": in English text "n" is "and" ("rock n roll") or what is left of a line break, not a negation. */
const FRENCH_NE = ['ne', 'n'];
const SECOND_PERSON = new Set(['tu', 'toi', 'te', 't', 'ta', 'ton', 'tes', 'vous', 'vos', 'votre', 'you', 'your', 'yours', 'u', 'ur', 'youre', 'yourself', 'お前', 'おまえ', 'あなた', 'あんた', 'アンタ', '君', 'きみ', 'てめえ', 'てめー', 'テメエ', 'きさま', '貴様']);
const NEGATION = new Set(['isn', 'aren', 'wasn', 'doesn', 'didn', 'shouldn', 'wouldn', 'couldn', ...FRENCH_NE, 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'non', 'ni', 'guere', 'not', 'no', 'never', 'dont', 'don', 'doesnt', 'isnt', 'arent', 'wasnt', 'cant', 'cannot', 'wont', 'nothing', 'nobody', 'none', 'nor', 'shouldnt', 'wouldnt', 'didnt']);
const NEGATION_IN_ENGLISH = new Set([...NEGATION].filter((key) => !FRENCH_NE.includes(key)));
/** Second halves of the French negation ("ne … pas"); "plus", "personne" and "point" negate only after a "ne". */
const NEGATION_COMPLETIONS = new Set(['pas', 'plus', 'jamais', 'rien', 'aucun', 'aucune', 'personne', 'guere', 'point', 'ni']);
/** How far a "ne" looks ahead for its second half ("n'ai absolument aucun"). */
const NE_REACH = 4;

/**
 * Negation words, and clauses a frame denies (DENIED_CLAUSE). A French "ne" completed by its second
 * half ("ne … pas", "n'ai … aucun") is one hit from "ne" to that word: "ils ne sont pas humains"
 * then shows its negation ending where the hostile "pas humains" begins, which isNear
 * (rule-set/passages.ts) reads as part of what was said, while "je ne les déteste pas" still
 * denies "déteste".
 */
export function negations(analysis: Analysis): Hit[] {
  return [...negationWords(analysis), ...gatedHits(analysis, DENIED_CLAUSE)];
}

/**
 * A frame that denies the clause after it: "ce n'est pas vrai que…", "personne ne pense que…",
 * "it's not true that…", "he denied ever calling…". One hit over the frame and the clause, to the
 * next comma or the end of the sentence, so every word of the clause stands under the negation.
 */
export const DENIED_CLAUSE = gatedPattern(
  [
    { frame: String.raw`\b(?:ce n|c|ca n|il n)['’ ]?est pas vrai (?:de dire )?que`, contains: ['vrai'] },
    { frame: String.raw`\b(?:c['’ ]?est|il est) faux (?:de (?:dire|pretendre|croire) |d['’ ]?affirmer )?que`, contains: ['faux'] },
    { frame: String.raw`\b(?:personne|aucun|aucune)(?: \p{L}+){0,3} ne (?:pense|croit|dit|pretend)(?: vraiment)? que`, contains: [' ne '] },
    { frame: String.raw`\b(?:je|j|on|il|elle|nous|ils|elles) (?:n['’ ]?)?(?:ai |a |avons |ont )?jamais (?:dit|ecrit|pretendu|affirme) que`, contains: ['jamais'] },
    { frame: String.raw`\barret(?:ez|e|ons) de (?:dire|repeter|pretendre|ecrire) que`, contains: ['arret'] },
    {
      frame: String.raw`\bcontrairement a ce que (?:certains|certaines|les gens|on|vous) (?:disent|dit|pensent|pense|croient|croit|dites|pensez|croyez)`,
      contains: ['contrairement'],
    },
    { frame: String.raw`\b(?:it|that)(?:['’ ]?s| is| was) (?:not true|untrue|a lie|false|a myth) that`, contains: ['true', 'a lie', 'false', 'a myth'] },
    { frame: String.raw`\b(?:nobody|no one)(?: \p{L}+){0,3} (?:thinks|believes|says|said|thought|believed|claims)(?: that)?`, contains: ['nobody', 'no one'] },
    {
      frame: String.raw`\b(?:i|we|he|she|they) (?:never|didn['’ ]?t|did not) (?:say|said|claim|claimed|call|called|write|wrote)(?: that)?`,
      contains: ['never', 'didn', 'did not'],
    },
    { frame: String.raw`\b(?:denied|denies|deny|denying)(?: ever)? (?:calling|saying|writing|that)`, contains: ['deni', 'deny'] },
    { frame: String.raw`\bstop (?:saying|spreading|repeating) that`, contains: ['stop '] },
  ].map(({ frame, contains }) => ({ pattern: `${frame}[^.!?;,\n]*`, contains })),
  'gu',
);

function negationWords(analysis: Analysis): Hit[] {
  if (analysis.lang === 'en') return englishNegations(analysis);
  const { tokens } = analysis;
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i]!.key;
    if (!NEGATION.has(key) || isNothingBut(tokens, i)) continue;
    let second: number | undefined;
    if (FRENCH_NE.includes(key)) {
      second = secondHalfAfter(tokens, i);
      if (second === undefined && isNotANegation(tokens, i)) continue;
    }
    hits.push({ start: tokens[i]!.start, end: tokens[second ?? i]!.end });
  }
  return hits;
}

/** English negation words, but for a suggestion: "why don't you go back…", "why not leave" ask, they do not deny. */
function englishNegations(analysis: Analysis): Hit[] {
  const { tokens } = analysis;
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATION_IN_ENGLISH.has(tokens[i]!.key) || (i > 0 && tokens[i - 1]!.key === 'why') || isNothingBut(tokens, i)) continue;
    hits.push({ start: tokens[i]!.start, end: tokens[i]!.end });
  }
  return hits;
}

function secondHalfAfter(tokens: Analysis['tokens'], ne: number): number | undefined {
  for (let i = ne + 1; i <= ne + NE_REACH && i < tokens.length; i++) if (NEGATION_COMPLETIONS.has(tokens[i]!.key)) return i;
  return undefined;
}

/**
 * A "ne" with no second half that denies nothing: "n'importe quoi" (anything at all), and "ne … que"
 * (only): "ils ne sont que des parasites" says they are, it does not deny it.
 */
function isNotANegation(tokens: Analysis['tokens'], ne: number): boolean {
  if (tokens[ne + 1]?.key === 'importe') return true;
  for (let i = ne + 1; i <= ne + NE_REACH && i < tokens.length; i++) {
    const key = tokens[i]!.key;
    if (key === 'que' || key === 'qu') return true;
  }
  return false;
}

/** "Nothing but" asserts what follows ("they are nothing but thieves"), it does not deny it. */
function isNothingBut(tokens: Analysis['tokens'], at: number): boolean {
  return tokens[at]!.key === 'nothing' && tokens[at + 1]?.key === 'but';
}

// Japanese corner brackets quote as « » do: "「バカ」はフランス語で何と言いますか？" asks about a word.
// A quote holds no opening mark of its own kind: read from each of 100,000 "「", the contents were
// read up to 500 characters again and again (160 ms); the innermost of nested quotes is found.
export const QUOTE_PAIRS = /«[^»«]{1,500}»|“[^”“]{1,500}”|"[^"]{1,500}"|「[^」「]{1,500}」|『[^』『]{1,500}』/gu;
/**
 * Single quotes are also apostrophes and scare quotes ("trump's 'shithole' countries"): they quote
 * only after a verb of saying or calling, a few words before. The quote opens after a non-letter
 * (not inside "don't"), holds apostrophes only between two letters, and closes before a non-letter:
 * "was told 'go back to your country' at practice", "we don't call anyone 'retard'".
 */
const SAYING = "told|tells?|said|says?|saying|call(?:s|ed|ing)?|wr(?:ote|ites?)|yell(?:s|ed)?|shout(?:s|ed)?|scream(?:s|ed)?|texted|messaged|commented|posted|dit|dis|disai[st]|dire|[ée]crit|cri[ée]|trait[ée] de|traiter de|appel[ée]|lanc[ée]";
const SINGLE_QUOTED = new RegExp(
  `(?<![\\p{L}])(?:${SAYING})(?![\\p{L}])[^.!?\\n'‘’]{0,30}?(?<![\\p{L}\\p{N}])(?:'(?:[^'\\n]|(?<=\\p{L})'(?=\\p{L})){1,300}'|‘(?:[^’\\n]|(?<=\\p{L})’(?=\\p{L})){1,300}’)(?![\\p{L}\\p{N}])`,
  'giu',
);
// Not after a disclaimer: "c'est pas raciste de dire que…", "it's not racist to say that…" endorse what follows.
// "Say that again" is a dare, not a report: it reports nothing, and threatens ("say that again and you'll regret it").
const REPORTING =
  /\b(?<!\b(?:pas|not|isn.?t|aren.?t|ain.?t) (?:un |a |du |de )?(?:racistes?|racisme|racist|racism|sexistes?|sexist|homophobes?|homophobic|islamophobes?|islamophobic|transphobes?|transphobic|discriminatoire|discriminatory|offensive|haineux) (?:de |d |to )?)(?:dire que|dit que|disent que|dis que|affirmer que|pretendre que|ecrit que|ecrire que|qui disent|qui dit|comme quoi|des gens (?:qui )?(?:reclament|reclamer|demandent|demander|souhaitent|souhaiter)|insist(?:er|e|es|ez|ent|ons) sur le fait que|say(?:s|ing)? that(?! again\b)|said that|claim(?:s|ing)? that|people (?:who (?:say|claim)|saying|claiming)|call(?:s|ing)? (?:us|them|people)|you (?:can ?t|cannot|shouldn ?t|should not) say|stop saying|arretez de dire|arrete de dire)\b[^.!?;\n]*/gu;

/** Quoted passages and reporting phrases ("dire que…", "des gens qui réclament…", "people saying…"). */
export function quotations(analysis: Analysis): Hit[] {
  const { original } = analysis;
  // SINGLE_QUOTED opens on one of these two: without either, it cannot match (and costs about 2.5 µs a post).
  const singleQuoted = original.includes("'") || original.includes('‘') ? regexHits(original, SINGLE_QUOTED) : [];
  return [...regexHits(original, QUOTE_PAIRS), ...singleQuoted, ...foldedHits(analysis, REPORTING)];
}

/** Words said to someone: "tu", "vous", "you", "お前"… */
export function secondPersons(analysis: Analysis): Hit[] {
  return tokenHits(analysis, SECOND_PERSON);
}
