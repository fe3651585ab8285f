import type { Analysis, Hit } from '../analysis.js';
import { regexHits } from './hits.js';
import {
  ADDRESS_WITH_CUE, AGE, OWN_AGE, CARD_NUMBER, CARD_WITH_CUE, EMAIL_AT, HANDLE, IBAN, IP_ADDRESS, LICENCE_WITH_CUE, NATIONAL_ID, PHONE,
  PHONE_WITH_CUE, STREET_ADDRESS, STREET_ADDRESS_NUMBER_FIRST, STREET_SUFFIX_THEN_NUMBER, URL_PATTERN,
} from './patterns.js';

// Detectors of personal data: names, numbers, addresses, ages, links and handles. The numbers'
// cheap pre-checks (enough digits, an "@") are applied by runDetector (detectors.ts).

/** Capitalised words that start sentences or name days, months and common things, not people. */
const NOT_NAMES = new Set([
  'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'le', 'la', 'les', 'un', 'une', 'des', 'ce', 'cette',
  'mon', 'ma', 'mes', 'ton', 'ta', 'son', 'sa', 'merci', 'bonjour', 'salut', 'bonne', 'bon', 'the', 'a', 'an', 'i',
  'my', 'your', 'we', 'they', 'he', 'she', 'it', 'this', 'that', 'hello', 'hi', 'thanks', 'lundi', 'mardi', 'mercredi',
  'jeudi', 'vendredi', 'samedi', 'dimanche', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout',
  'septembre', 'octobre', 'novembre', 'decembre', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'quebec', 'montreal', 'canada', 'ontario', 'toronto', 'facebook', 'instagram', 'google',
  'twitter', 'tiktok', 'snapchat', 'youtube', 'discord', 'messenger', 'whatsapp', 'reddit', 'zoom',
  'et', 'mais', 'ou', 'donc', 'or', 'ni', 'car', 'and', 'but', 'so', 'if', 'si', 'quand', 'when', 'dieu', 'god',
  // Places: "865 Square Richmond" and "rue Sainte-Catherine" name no one.
  'rue', 'avenue', 'boulevard', 'chemin', 'place', 'square', 'street', 'road', 'drive', 'lane', 'parc', 'park', 'centre',
  'center', 'route', 'rang', 'montee', 'lac', 'lake', 'riviere', 'river', 'pavillon', 'hopital', 'hospital', 'ecole',
  'school', 'college', 'universite', 'university', 'station', 'gare', 'metro', 'quartier',
  // Greetings and holidays: "Joyeux Noël" and "Merry Christmas" are no one's name.
  'joyeux', 'joyeuse', 'heureux', 'heureuse', 'bienvenue', 'bravo', 'felicitations', 'happy', 'merry', 'welcome',
  'congratulations', 'christmas', 'easter', 'halloween', 'thanksgiving', 'paques',
  // Fellowships: "Alcooliques Anonymes" is no one.
  'anonymes', 'anonymous', 'alcooliques', 'narcotiques', 'alcoholics', 'narcotics',
]);
const TITLE_CASE = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
const HONORIFIC = /\b(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Dre|Madame|Monsieur)\s+\p{Lu}\p{Ll}+/gu;

/** Whether the word at `index` starts with a capital: one character code test rules most words out before any slice. */
function isCapitalised(analysis: Analysis, index: number): boolean {
  const token = analysis.tokens[index];
  if (!token) return false;
  const { original } = analysis;
  const first = original.charCodeAt(token.start);
  return (first >= 65 && first <= 90) || (first > 127 && original[token.start] !== original[token.start]!.toLowerCase());
}

/** A title-case word that is no common or place word, nor the organization's name: a name, maybe. */
function looksLikeName(analysis: Analysis, index: number): boolean {
  if (!isCapitalised(analysis, index)) return false;
  const token = analysis.tokens[index]!;
  return TITLE_CASE.test(analysis.original.slice(token.start, token.end)) && !NOT_NAMES.has(token.key) && !analysis.ruleSet.organization.aliasKeys.has(token.key);
}

/**
 * Each title-case word that is no common word, alone: a first name when a rule reads it right
 * after a relation ("ma voisine Julie", "my cousin Emily"); alone it is any capitalised word.
 */
export function capitalisedWords(analysis: Analysis): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < analysis.tokens.length; i++) {
    if (looksLikeName(analysis, i)) hits.push({ start: analysis.tokens[i]!.start, end: analysis.tokens[i]!.end });
  }
  return hits;
}

/** Two or three title-case words in a row that are not common words: "Marie Tremblay". */
export function personNames(analysis: Analysis): Hit[] {
  const { tokens, original } = analysis;
  const looksLikeNameAt = (index: number) => looksLikeName(analysis, index);
  // A middle initial: "Csanád P Gere", "Mohmad R. Vizirov".
  const isInitial = (index: number) => isCapitalised(analysis, index) && tokens[index]!.end - tokens[index]!.start === 1;
  const hits = regexHits(original, HONORIFIC);
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!looksLikeNameAt(i)) continue;
    if (isInitial(i + 1) && looksLikeNameAt(i + 2)) {
      hits.push({ start: tokens[i]!.start, end: tokens[i + 2]!.end });
      i += 2;
      continue;
    }
    if (!looksLikeNameAt(i + 1)) continue;
    const between = original.slice(tokens[i]!.end, tokens[i + 1]!.start);
    if (between !== ' ') continue;
    const last = looksLikeNameAt(i + 2) ? i + 2 : i + 1;
    hits.push({ start: tokens[i]!.start, end: tokens[last]!.end });
    i = last;
  }
  return hits;
}

export function phones(analysis: Analysis): Hit[] {
  const personal = isPersonalLine(analysis.original);
  return [...regexHits(analysis.original, PHONE, personal), ...regexHits(analysis.original, PHONE_WITH_CUE, personal)];
}

export function emails(analysis: Analysis): Hit[] {
  return emailAddresses(analysis.original, isPersonalEmail(analysis));
}

/** At most this many addresses per text, as for every pattern (hits.ts). */
const MAX_EMAILS = 50;

/**
 * The e-mail addresses `accept` keeps, where `[\p{L}\p{N}._%+-]{1,64}@domain` finds them left to
 * right: each starts where its local part does, within 64 characters of its "@", but not before
 * the end of the address before it (the scan goes on from there, kept or not).
 */
export function emailAddresses(text: string, accept: (address: string) => boolean = () => true): Hit[] {
  const hits: Hit[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(EMAIL_AT)) {
    const at = match.index!;
    const start = Math.max(at - match[1]!.length, previousEnd);
    if (start >= at) continue;
    const end = at + match[0].length;
    previousEnd = end;
    if (accept(text.slice(start, end))) hits.push({ start, end });
    if (hits.length >= MAX_EMAILS) break;
  }
  return hits;
}

export function streetAddresses(analysis: Analysis): Hit[] {
  const streets = STREET_SUFFIX_THEN_NUMBER.test(analysis.original) ? STREET_ADDRESS : STREET_ADDRESS_NUMBER_FIRST;
  return [...regexHits(analysis.original, streets), ...regexHits(analysis.original, ADDRESS_WITH_CUE)];
}

export function cardNumbers(analysis: Analysis): Hit[] {
  return [...regexHits(analysis.original, CARD_NUMBER, (m) => passesLuhn(m[0])), ...regexHits(analysis.original, CARD_WITH_CUE)];
}

export function ibans(analysis: Analysis): Hit[] {
  return regexHits(analysis.original, IBAN);
}

export function nationalIds(analysis: Analysis): Hit[] {
  return [...regexHits(analysis.original, NATIONAL_ID), ...regexHits(analysis.original, LICENCE_WITH_CUE)];
}

export function ipAddresses(analysis: Analysis): Hit[] {
  return regexHits(analysis.original, IP_ADDRESS);
}

/** An age under the organization's minimum: "ma fille de 14 ans", "I'm 15". */
export function minorAges(analysis: Analysis): Hit[] {
  return agesUnderMinimum(analysis, AGE);
}

/** The same, given by the writer as their own: "j'ai 15 ans". */
export function ownMinorAges(analysis: Analysis): Hit[] {
  return agesUnderMinimum(analysis, OWN_AGE);
}

/** Cheap pre-check before the full URL pattern. */
const LOOKS_LIKE_URL = /https?:|www\.|\.(?:com|ca|org|net|fr|io|ly|gg|me|tv|jp|co)\b/i;

export function urls(analysis: Analysis): Hit[] {
  return LOOKS_LIKE_URL.test(analysis.original) ? regexHits(analysis.original, URL_PATTERN, (m) => !m[0].includes('@')) : [];
}

export function handles(analysis: Analysis): Hit[] {
  return regexHits(analysis.original, HANDLE);
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
const ROLE_MAILBOX = /^(?:info|contact|accueil|reception|admin|administration|support|aide|help|communications?|dons?|donations?|benevolat|benevoles?|volunteers?|inscriptions?|registrations?|evenements?|events?|facturation|billing|comptabilite|accounting|partenariats?|partners?|commandites?|sponsors?|webmestre|webmaster|media|medias|presse|press|rh|hr|emplois?|jobs|carrieres?|careers|bonjour|hello|office|bureau|secretariat|no-?reply)$/;

/** An address that may be a person's own: not a role's mailbox, not on the organization's own domain. */
function isPersonalEmail(analysis: Analysis): (address: string) => boolean {
  const website = analysis.ruleSet.organization.officialWebsite;
  const officialDomain = website === undefined ? undefined : hostOf(website)?.replace(/^www\./, '');
  return (address) => {
    const [local = '', domain = ''] = address.toLowerCase().split('@');
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
