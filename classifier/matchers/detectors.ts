import natural from 'natural';
import { foldText } from '../text/fold.js';
import { singular } from '../text/plural.js';
import { wholeText, type Analysis, type Hit } from '../analysis.js';
import { tokenIndexAt } from '../text/tokenize.js';
import { repetitions } from './repetition.js';
import {
  ADDRESS_WITH_CUE, AGE, OWN_AGE, CARD_NUMBER, CARD_WITH_CUE, EMAIL, HANDLE, IBAN, IP_ADDRESS, LICENCE_WITH_CUE, NATIONAL_ID, PHONE,
  PHONE_WITH_CUE, STREET_ADDRESS, STREET_ADDRESS_NUMBER_FIRST, STREET_SUFFIX_THEN_NUMBER, URL_PATTERN,
} from './patterns.js';

export const DETECTORS = [
  'person_name', 'phone', 'email', 'credit_card', 'iban', 'national_id', 'ip_address', 'street_address', 'minor_age', 'url', 'handle', 'contact_outside_platform',
  'own_minor_age', 'mentions_org', 'second_person', 'negation', 'quotation', 'unofficial_label', 'official_claim', 'repetition',
  'anonymous_author', 'repeated_post', 'copied_post',
] as const;
export type DetectorName = (typeof DETECTORS)[number];


type Detector = (analysis: Analysis) => Hit[];

function regexHits(text: string, pattern: RegExp, accept: (match: RegExpMatchArray) => boolean = () => true): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(pattern)) {
    if (accept(match)) hits.push({ start: match.index!, end: match.index! + match[0].length });
    if (hits.length >= 50) break;
  }
  return hits;
}

/** Hits for tokens whose key is in `keys` (one language's cue words). */
function tokenHits(analysis: Analysis, keys: ReadonlySet<string>): Hit[] {
  return analysis.tokens.filter((token) => keys.has(token.key)).map(({ start, end }) => ({ start, end }));
}

/** French "ne"/"n'": in English text "n" is "and" ("rock n roll") or what is left of a line break, not a negation. */
const FRENCH_NE = ['ne', 'n'];
const SECOND_PERSON = new Set(['tu', 'toi', 'te', 't', 'ta', 'ton', 'tes', 'vous', 'vos', 'votre', 'you', 'your', 'yours', 'u', 'ur', 'youre', 'yourself', 'お前', 'おまえ', 'あなた', 'てめえ', 'きさま', '貴様']);
const NEGATION = new Set(['isn', 'aren', 'wasn', 'doesn', 'didn', 'shouldn', 'wouldn', 'couldn', ...FRENCH_NE, 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'non', 'ni', 'guere', 'not', 'no', 'never', 'dont', 'don', 'doesnt', 'isnt', 'arent', 'wasnt', 'cant', 'cannot', 'wont', 'nothing', 'nobody', 'none', 'nor', 'shouldnt', 'wouldnt', 'didnt']);
const NEGATION_IN_ENGLISH = new Set([...NEGATION].filter((key) => !FRENCH_NE.includes(key)));
/** Second halves of the French negation ("ne … pas"); "plus", "personne" and "point" negate only after a "ne". */
const NEGATION_COMPLETIONS = new Set(['pas', 'plus', 'jamais', 'rien', 'aucun', 'aucune', 'personne', 'guere', 'point', 'ni']);
/** How far a "ne" looks ahead for its second half ("n'ai absolument aucun"). */
const NE_REACH = 4;

/**
 * Negation words. A French "ne" completed by its second half ("ne … pas", "n'ai … aucun") is one
 * hit from "ne" to that word: "ils ne sont pas humains" then shows its negation ending where the
 * hostile "pas humains" begins, which isNear (rule-set/compile.ts) reads as part of what was said,
 * while "je ne les déteste pas" still denies "déteste".
 */
function negations(analysis: Analysis): Hit[] {
  if (analysis.lang === 'en') return englishNegations(analysis);
  const { tokens } = analysis;
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i]!.key;
    if (!NEGATION.has(key)) continue;
    const second = FRENCH_NE.includes(key) ? secondHalfAfter(tokens, i) : undefined;
    hits.push({ start: tokens[i]!.start, end: tokens[second ?? i]!.end });
  }
  return hits;
}

/** English negation words, but for a suggestion: "why don't you go back…", "why not leave" ask, they do not deny. */
function englishNegations(analysis: Analysis): Hit[] {
  const { tokens } = analysis;
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATION_IN_ENGLISH.has(tokens[i]!.key) || (i > 0 && tokens[i - 1]!.key === 'why')) continue;
    hits.push({ start: tokens[i]!.start, end: tokens[i]!.end });
  }
  return hits;
}

function secondHalfAfter(tokens: Analysis['tokens'], ne: number): number | undefined {
  for (let i = ne + 1; i <= ne + NE_REACH && i < tokens.length; i++) if (NEGATION_COMPLETIONS.has(tokens[i]!.key)) return i;
  return undefined;
}
// Japanese corner brackets quote as « » do: "「バカ」はフランス語で何と言いますか？" asks about a word.
const QUOTE_PAIRS = /«[^»]{1,500}»|“[^”]{1,500}”|"[^"]{1,500}"|「[^」]{1,500}」|『[^』]{1,500}』/gu;
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
const REPORTING = /\b(?:dire que|dit que|disent que|dis que|affirmer que|pretendre que|ecrit que|ecrire que|qui disent|qui dit|comme quoi|say(?:s|ing)? that|said that|claim(?:s|ing)? that|call(?:s|ing)? (?:us|them|people)|you (?:can ?t|cannot|shouldn ?t|should not) say|stop saying|arretez de dire|arrete de dire)\b/gu;
/** Other apps and channels people move a conversation to. */
const OTHER_CHANNELS = 'snap(?:chat)?|insta(?:gram)?|whats ?app|telegram|discord|signal|kik|tiktok|messenger|zoom|skype|facetime|google meet|teams';
/** Apps whose account one asks for by name ("ton Insta", "tu as Snap?"). */
const ACCOUNT_APPS = 'snap(?:chat)?|insta(?:gram)?|whats ?app|telegram|discord|kik';
const CONTACT_OUTSIDE = new RegExp(
  [
    // "ajoute-moi sur Snap", "écris-moi en privé", "text me on my cell"
    `\\b(?:ecri[st]|texte|textez|appelle|contacte|ajoute|add|text|call|dm|message|pm|ecrivez|rejoins|join|write|viens|venez|follow)[ -]?(?:moi|me|nous|us)?\\b[^.!?\\n]{0,30}\\b(?:${OTHER_CHANNELS}|en prive|in private|privately|par texto|by text|on my (?:phone|cell)|mon (?:cell|numero)|my (?:number|cell))`,
    // "mon snap c'est", "ton Insta", "her Instagram"
    `\\b(?:mon|my) (?:snap|insta|whats ?app|telegram|discord|numero|number) (?:c['’ ]?est|is)`,
    `\\b(?:ton|ta|son|sa|your|her|his) (?:${ACCOUNT_APPS})\\b`,
    // "donne-moi ton numéro", "what's your number", "c'est quoi ton courriel"
    `\\b(?:donne|donnez|give|send|envoie|envoyez|c['’ ]?est quoi|what['’ ]?s|quel est)[ -][^.!?\\n]{0,20}\\b(?:ton|ta|votre|your) (?:numero|number|cell|cellulaire|telephone|phone|courriel|e-?mail)\\b`,
    // "tu as Snap?", "do you have WhatsApp?"
    `\\b(?:tu as|t['’ ]?as|as-tu|avez-vous|do you have|you got|got) (?:${ACCOUNT_APPS}|messenger)\\b`,
    // "on peut se parler sur Messenger", "let's continue on Zoom"
    `\\b(?:parler|parle|jase|jaser|chat|talk|continue|continuer|continuons|meet|voir) (?:sur|on|via|par) (?:${OTHER_CHANNELS})\\b`,
    // "en dehors de la plateforme", "outside the app", "instead of the platform"
    `\\b(?:hors de|en dehors de|au lieu de|outside|instead of) (?:la |l['’ ]?|the )?(?:plateforme|platform|application|app)\\b`,
    `\\b(?:en|in) (?:prive|private|dm|pm)\\b`,
  ].join('|'),
  'gu',
);
const UNOFFICIAL = /\b(?:non[ ._-]?officiel(?:le)?s?|unofficial|not official|pas officiel(?:le)?|fan ?(?:club|page)|groupe de fans)\b/gu;
const OFFICIAL = /\b(?:officiel(?:le)?s?|official)\b/gu;

/** Capitalised words that start sentences or name days, months and common things, not people. */
const NOT_NAMES = new Set([
  'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'le', 'la', 'les', 'un', 'une', 'des', 'ce', 'cette',
  'mon', 'ma', 'mes', 'ton', 'ta', 'son', 'sa', 'merci', 'bonjour', 'salut', 'bonne', 'bon', 'the', 'a', 'an', 'i',
  'my', 'your', 'we', 'they', 'he', 'she', 'it', 'this', 'that', 'hello', 'hi', 'thanks', 'lundi', 'mardi', 'mercredi',
  'jeudi', 'vendredi', 'samedi', 'dimanche', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout',
  'septembre', 'octobre', 'novembre', 'decembre', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'quebec', 'montreal', 'canada', 'ontario', 'toronto', 'facebook', 'instagram', 'google',
  'et', 'mais', 'ou', 'donc', 'or', 'ni', 'car', 'and', 'but', 'so', 'if', 'si', 'quand', 'when', 'dieu', 'god',
  // Places: "865 Square Richmond" and "rue Sainte-Catherine" name no one.
  'rue', 'avenue', 'boulevard', 'chemin', 'place', 'square', 'street', 'road', 'drive', 'lane', 'parc', 'park', 'centre',
  'center', 'route', 'rang', 'montee', 'lac', 'lake', 'riviere', 'river', 'pavillon', 'hopital', 'hospital', 'ecole',
  'school', 'college', 'universite', 'university', 'station', 'gare', 'metro', 'quartier',
]);
/** Cheap pre-check before the full URL pattern. */
const LOOKS_LIKE_URL = /https?:|www\.|\.(?:com|ca|org|net|fr|io|ly|gg|me|tv|jp|co)\b/i;
const TITLE_CASE = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
const HONORIFIC = /\b(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Dre|Madame|Monsieur)\s+\p{Lu}\p{Ll}+/gu;

/** Two or three title-case words in a row that are not common words: "Marie Tremblay". */
function personNames(analysis: Analysis): Hit[] {
  const { tokens, original } = analysis;
  const orgWords = analysis.ruleSet.organization.aliasKeys;
  // Most words start in lower case: one character code test rules them out before any slice.
  const capitalised = (index: number) => {
    const token = tokens[index];
    if (!token) return false;
    const first = original.charCodeAt(token.start);
    return (first >= 65 && first <= 90) || (first > 127 && original[token.start] !== original[token.start]!.toLowerCase());
  };
  const looksLikeName = (index: number) => {
    if (!capitalised(index)) return false;
    const token = tokens[index]!;
    return TITLE_CASE.test(original.slice(token.start, token.end)) && !NOT_NAMES.has(token.key) && !orgWords.has(token.key);
  };
  // A middle initial: "Csanád P Gere", "Mohmad R. Vizirov".
  const isInitial = (index: number) => capitalised(index) && tokens[index]!.end - tokens[index]!.start === 1;
  const hits = regexHits(original, HONORIFIC);
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!looksLikeName(i)) continue;
    if (isInitial(i + 1) && looksLikeName(i + 2)) {
      hits.push({ start: tokens[i]!.start, end: tokens[i + 2]!.end });
      i += 2;
      continue;
    }
    if (!looksLikeName(i + 1)) continue;
    const between = original.slice(tokens[i]!.end, tokens[i + 1]!.start);
    if (between !== ' ') continue;
    const last = looksLikeName(i + 2) ? i + 2 : i + 1;
    hits.push({ start: tokens[i]!.start, end: tokens[last]!.end });
    i = last;
  }
  return hits;
}

/** North American toll-free prefixes: an organization's help line, never a person's own number. */
const TOLL_FREE = /^1?8(?:00|88|77|66|55|44|33)/;

/** An extension after a number ("poste 231", "ext. 12"): a switchboard, so a workplace line. */
const EXTENSION_AFTER = /^[\s,]*(?:poste|p\.|ext\.?|extension|x)\s?\d{1,5}\b/i;

/** A number that may be a person's own: not toll-free, not a switchboard extension. */
function isPersonalLine(text: string): (match: RegExpMatchArray) => boolean {
  return (match) =>
    !TOLL_FREE.test(match[0].replace(/\D/g, '')) && !EXTENSION_AFTER.test(text.slice(match.index! + match[0].length, match.index! + match[0].length + 20));
}

/** Mailboxes of a role or a service, not of a person: "info@", "accueil@", "dons@"… */
const ROLE_MAILBOX = /^(?:info|contact|accueil|reception|admin|administration|support|aide|help|communications?|dons?|donations?|benevolat|volunteers?|media|medias|presse|press|rh|hr|emplois?|jobs|carrieres?|careers|bonjour|hello|office|bureau|secretariat|no-?reply)$/;

/** An address that may be a person's own: not a role's mailbox, not on the organization's own domain. */
function isPersonalEmail(analysis: Analysis): (match: RegExpMatchArray) => boolean {
  const website = analysis.ruleSet.organization.officialWebsite;
  const officialDomain = website === undefined ? undefined : hostOf(website)?.replace(/^www\./, '');
  return (match) => {
    const [local = '', domain = ''] = match[0].toLowerCase().split('@');
    if (ROLE_MAILBOX.test(local)) return false;
    return officialDomain === undefined || (domain !== officialDomain && !domain.endsWith(`.${officialDomain}`));
  };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Ages under the organization's minimum, in whichever of `pattern`'s groups matched. */
function agesUnderMinimum(analysis: Analysis, pattern: RegExp): Hit[] {
  const minimum = analysis.ruleSet.organization.minimumAge;
  return regexHits(analysis.original, pattern, (match) => {
    const age = Number(match.slice(1).find((group) => group !== undefined));
    return age >= 5 && age < minimum;
  });
}

/** Words around a one-word alias written alone that show its other meaning ("canot … portage"). */
const HOMONYM_CONTEXT_WORDS = 6;

/**
 * Aliases of the organization, exact or fuzzy, not inside a homonym ("portage de bébé"), and a
 * one-word alias written alone not near a word of another meaning (see `withoutOtherMeanings`).
 */
function orgMentions(analysis: Analysis): Hit[] {
  const { aliases, aliasIndex, homonymIndex } = analysis.ruleSet.organization;
  const hits = indexedSequenceHits(analysis, aliasIndex);
  for (const alias of aliases) {
    if (alias.length === 1 && alias[0]!.length >= 6) hits.push(...fuzzyHits(analysis.tokens, alias[0]!));
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

/** Hits of key sequences indexed by first key, in one pass over the tokens. */
function indexedSequenceHits(analysis: Analysis, index: ReadonlyMap<string, readonly string[][]>, normalize: (key: string) => string = (key) => key): Hit[] {
  const hits: Hit[] = [];
  const tokens = analysis.tokens;
  for (let i = 0; i < tokens.length; i++) {
    for (const keys of index.get(normalize(tokens[i]!.key)) ?? []) {
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
    if (key === alias || key[0] !== alias[0] || key[1] !== alias[1] || Math.abs(key.length - alias.length) > 1) continue;
    if (natural.JaroWinklerDistance(key, alias, {}) >= 0.93) hits.push({ start: token.start, end: token.end });
  }
  return hits;
}

/** Folded-text patterns reported in original offsets. */
function foldedHits(analysis: Analysis, pattern: RegExp): Hit[] {
  const hits: Hit[] = [];
  for (const match of analysis.folded.text.matchAll(pattern)) {
    const start = analysis.folded.map[match.index!]!;
    const end = analysis.folded.map[match.index! + match[0].length - 1]! + 1;
    hits.push({ start, end });
    if (hits.length >= 50) break;
  }
  return hits;
}

function officialClaims(analysis: Analysis): Hit[] {
  const unofficial = foldedHits(analysis, UNOFFICIAL);
  return foldedHits(analysis, OFFICIAL).filter((hit) => !unofficial.some((u) => hit.start >= u.start && hit.end <= u.end));
}

const TABLE: Record<DetectorName, Detector> = {
  person_name: personNames,
  phone: (a) => {
    const personal = isPersonalLine(a.original);
    return [...regexHits(a.original, PHONE, personal), ...regexHits(a.original, PHONE_WITH_CUE, personal)];
  },
  email: (a) => regexHits(a.original, EMAIL, isPersonalEmail(a)),
  street_address: (a) => {
    const streets = STREET_SUFFIX_THEN_NUMBER.test(a.original) ? STREET_ADDRESS : STREET_ADDRESS_NUMBER_FIRST;
    return [...regexHits(a.original, streets), ...regexHits(a.original, ADDRESS_WITH_CUE)];
  },
  minor_age: (a) => agesUnderMinimum(a, AGE),
  own_minor_age: (a) => agesUnderMinimum(a, OWN_AGE),
  credit_card: (a) => [...regexHits(a.original, CARD_NUMBER, (m) => passesLuhn(m[0])), ...regexHits(a.original, CARD_WITH_CUE)],
  iban: (a) => regexHits(a.original, IBAN),
  national_id: (a) => [...regexHits(a.original, NATIONAL_ID), ...regexHits(a.original, LICENCE_WITH_CUE)],
  ip_address: (a) => regexHits(a.original, IP_ADDRESS),
  url: (a) => (LOOKS_LIKE_URL.test(a.original) ? regexHits(a.original, URL_PATTERN, (m) => !m[0].includes('@')) : []),
  handle: (a) => regexHits(a.original, HANDLE),
  contact_outside_platform: (a) => foldedHits(a, CONTACT_OUTSIDE),
  mentions_org: orgMentions,
  second_person: (a) => tokenHits(a, SECOND_PERSON),
  negation: negations,
  quotation: (a) => [...regexHits(a.original, QUOTE_PAIRS), ...regexHits(a.original, SINGLE_QUOTED), ...foldedHits(a, REPORTING)],
  unofficial_label: (a) => foldedHits(a, UNOFFICIAL),
  official_claim: officialClaims,
  repetition: repetitions,
  anonymous_author: anonymousAuthor,
  repeated_post: repeatedPost,
  copied_post: copiedPost,
};

/**
 * Constant-time tests that rule a detector out on most posts: too few digits for the number
 * patterns (counted when the text was folded), no "@" for an e-mail. runDetector applies them, and
 * the order of evaluation counts these detectors as cheap (PRECHECKED_DETECTORS).
 */
const PRECHECKS: Partial<Record<DetectorName, (analysis: Analysis) => boolean>> = {
  phone: (a) => a.folded.digits >= 7,
  email: (a) => a.original.includes('@'),
  street_address: (a) => a.folded.digits >= 1,
  credit_card: (a) => a.folded.digits >= 12,
  iban: (a) => a.folded.digits >= 8,
  national_id: (a) => a.folded.digits >= 5,
  ip_address: (a) => a.folded.digits >= 4,
};

/** Detectors that return at once on most posts, by their pre-check. */
export const PRECHECKED_DETECTORS: ReadonlySet<DetectorName> = new Set(Object.keys(PRECHECKS) as DetectorName[]);

/**
 * Names platforms show for a post whose author chose to hide ("Membre anonyme" in a Facebook
 * group, "Anonymous" on a forum), folded. A source that shows no author at all says nothing.
 */
const ANONYMOUS_AUTHOR = /^(?:membre anonyme|participant anonyme|participante anonyme|participant e anonyme|personne anonyme|utilisateur anonyme|utilisatrice anonyme|auteur anonyme|anonyme|anonymous|anonymous member|anonymous participant|anonymous user|anon|invite|guest)$/;

/** The whole post, when its author is shown as anonymous. */
function anonymousAuthor(analysis: Analysis): Hit[] {
  if (analysis.author === undefined) return [];
  const name = foldText(analysis.author).text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return ANONYMOUS_AUTHOR.test(name) ? [wholeText(analysis)] : [];
}

/** The same words posted this many times before by one author within a week make flooding. */
const EARLIER_POSTS_OF_FLOODING = 2;

/** The whole post, when its author posted the same words twice or more within the last week. */
function repeatedPost(analysis: Analysis): Hit[] {
  return (analysis.earlierCopies?.byAuthor ?? 0) >= EARLIER_POSTS_OF_FLOODING ? [wholeText(analysis)] : [];
}

/** A shorter text is copied for ordinary reasons (a slogan, a prayer, a line of a song). */
const MIN_COPIED_WORDS = 20;

/**
 * The whole post, when someone else posted the same words before (plagiarism). Not when the
 * earlier author is the organization (sharing its announcements is welcome) nor when the post
 * names the earlier author (credited). Authors are compared folded, as the text is.
 */
function copiedPost(analysis: Analysis): Hit[] {
  const others = analysis.earlierCopies?.byOthers ?? [];
  if (others.length === 0 || analysis.tokens.length < MIN_COPIED_WORDS) return [];
  const authors = others.map(wordsOfName).filter((author) => author.length > 0);
  if (authors.some((author) => isOrganizationName(analysis, author))) return [];
  const text = ` ${analysis.folded.text.replace(BETWEEN_NAME_WORDS, ' ')} `;
  if (authors.some((author) => text.includes(` ${author} `))) return [];
  return authors.length > 0 ? [wholeText(analysis)] : [];
}

/** What separates the words of a name (a handle's @ stays): names and the text are compared word for word. */
const BETWEEN_NAME_WORDS = /[^\p{L}\p{N}@]+/gu;

/** A name folded, its words separated by one space ("@marie_t" → "@marie t"). */
function wordsOfName(name: string): string {
  return foldText(name).text.replace(BETWEEN_NAME_WORDS, ' ').trim();
}

/**
 * True when a (folded) author name holds one of the organization's aliases word for word, or is
 * one of its official accounts ("PortageCanada" for facebook.com/PortageCanada).
 */
function isOrganizationName(analysis: Analysis, author: string): boolean {
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

function passesLuhn(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** Each detector's place in `analysis.detectorHits`. */
const DETECTOR_SLOTS: ReadonlyMap<DetectorName, number> = new Map(DETECTORS.map((name, slot) => [name, slot]));

/** A detector's hits, found once per analysis. */
export function runDetector(analysis: Analysis, name: DetectorName): Hit[] {
  const slot = DETECTOR_SLOTS.get(name)!;
  let hits = analysis.detectorHits[slot];
  if (hits === undefined) {
    const precheck = PRECHECKS[name];
    analysis.detectorHits[slot] = hits = precheck !== undefined && !precheck(analysis) ? [] : TABLE[name](analysis);
  }
  return hits;
}

/** Token index of a hit, for proximity checks. */
export function hitTokenIndex(analysis: Analysis, hit: Hit): number {
  return tokenIndexAt(analysis.tokens, hit.start);
}

/** Index of the token holding a hit's last character. */
export function hitEndTokenIndex(analysis: Analysis, hit: Hit): number {
  return tokenIndexAt(analysis.tokens, hit.end - 1);
}
