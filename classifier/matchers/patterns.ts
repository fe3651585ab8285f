/**
 * Regular expressions of the structured detectors, run on the original text. Every one is
 * linear: no nested quantifiers, bounded repetitions.
 */

/**
 * `\b` before a word character, as a lookbehind. Under the i and u flags V8 tests `\b` at every
 * position far more slowly than a lookbehind it can skip to a possible first character (street
 * addresses: 4.9 µs on a 250-character post against 1.4). Under those flags `[a-z0-9_]` is `\w`,
 * "ſ" and the Kelvin sign included by case folding, so the two find the same matches.
 */
const WORD_START = '(?<![a-z0-9_])';

/**
 * An optional colon between spaces, as `\s*:?\s*` reads it, written so that a long run of spaces
 * is split one way only: `\s*:?\s*` tried every split of it ("address" and 50,000 spaces took
 * seconds).
 */
const SPACED_COLON = String.raw`(?:\s*:\s*|\s*)`;
/**
 * An e-mail address found from its "@": the lookbehind reads the local part back from there, up
 * to 64 characters (emails() in personal-data.ts). Written local part first,
 * `[\p{L}\p{N}._%+-]{1,64}@…`, it tried up to 64 characters at every position of the text: 11 µs
 * on a 250-character post with an "@", against 0.3.
 */
export const EMAIL_AT = /@(?<=([\p{L}\p{N}._%+-]{1,64})@)[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,5}\.\p{L}{2,24}/gu;

/** North American numbers, and international ones written with a leading + (9 to 15 digits). */
export const PHONE =
  /(?<![\d\w])(?:\+?1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\d)|(?<![\d\w])\+\d{1,3}(?:[ .-]?\d{1,4}){2,5}(?!\d)/g;

// The last alternative was `\b[a-z0-9-]{2,63}\.`: a name that opens with a hyphen takes a word character before it.
export const URL_PATTERN = new RegExp(
  String.raw`${WORD_START}https?:\/\/[^\s<>"']{1,2000}|${WORD_START}www\.[^\s<>"']{1,2000}|(?:${WORD_START}[a-z0-9]|(?<=[a-z0-9_])-)[a-z0-9-]{1,62}\.(?:com|ca|org|net|fr|qc\.ca|io|ly|gg|me|tv|jp|co)\b(?:\/[^\s<>"']{0,2000})?`,
  'giu',
);

export const HANDLE = /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_.]{2,30}\b/gu;

/** Numbers announced as a phone number, in whatever grouping ("Phone: 0496 46 46 70", "call me on 9472 7916"). */
export const PHONE_WITH_CUE = new RegExp(
  String.raw`${WORD_START}(?:phone|tel|t[ée]l[ée]phone|mobile|cell|fax|desk|call me (?:on|at)|text me (?:on|at)|appelle[zr]?(?:-moi)? au|num[ée]ro|cellulaire)\b${SPACED_COLON}\+?\(?\d[\d ().-]{5,18}\d`,
  'giu',
);

/** Card and licence numbers announced as such. */
export const CARD_WITH_CUE = new RegExp(
  String.raw`${WORD_START}(?:credit card|debit card|card number|carte de cr[ée]dit|carte de d[ée]bit|num[ée]ro de carte)\D{0,20}(?:\d[ -]?){11,18}\d`,
  'giu',
);
export const LICENCE_WITH_CUE = /\b(?:driver'?s? licen[cs]e|licen[cs]e number|permis de conduire|passport|passeport|social insurance|assurance sociale|NAS|SSN)\b\D{0,25}[A-Z0-9][A-Z0-9 -]{4,18}[A-Z0-9]/gu;

/** An address line announced as such ("Address: …"). */
export const ADDRESS_WITH_CUE = new RegExp(String.raw`${WORD_START}(?:address|adresse|lives (?:on|at)|habite (?:au|sur|à))${SPACED_COLON}\d{1,6}[^\n]{3,60}`, 'giu');

/** A civic number then a street type (French, English, Italian, Spanish…), or a street name ending in one (Germanic, Nordic). */
const NUMBER_THEN_STREET = String.raw`${WORD_START}\d{1,6}(?:[ ,-]{1,2}(?:rue|avenue|av\.?|boulevard|boul\.?|chemin|ch\.?|rang|route|place|montée|street|st\.?|ave\.?|road|rd\.?|blvd\.?|drive|dr\.?|lane|way|court|via|viale|vicolo|piazza|corso|calle|rua|avenida|plaza)\b[^\n,.;]{0,40}|[ ,]{1,2}[\p{L}'-]{2,30}[ ](?:street|st\.?|avenue|ave\.?|road|rd\.?|blvd\.?|drive|dr\.?|lane|way|court)\b|[ ,]{1,2}[\p{L}-]{2,30}(?:strasse|straße|weg|gasse|allee|platz|tie|katu|vej|gade|gatan|straat|laan|ring)\b)`;
/** A street name ending in a street type, then the number ("Hauptstrasse 5"). */
const STREET_THEN_NUMBER = String.raw`\b[\p{L}-]{2,30}(?:strasse|straße|weg|gasse|allee|platz|tie|katu|vej|gade|gatan|straat|laan) \d{1,5}\b`;
const ROMANCE_STREET_THEN_NUMBER = String.raw`${WORD_START}(?:via|viale|vicolo|piazza|corso|calle|rua|avenida) [\p{L}' ]{2,40} \d{1,5}\b`;
const CANADIAN_POSTAL_CODE = String.raw`${WORD_START}[abceghj-nprstvxy]\d[abceghj-nprstv-z][ -]?\d[abceghj-nprstv-z]\d\b`;

/** A civic number and a street type (French, English and common European forms), or a Canadian postal code. */
export const STREET_ADDRESS = new RegExp([NUMBER_THEN_STREET, STREET_THEN_NUMBER, ROMANCE_STREET_THEN_NUMBER, CANADIAN_POSTAL_CODE].join('|'), 'giu');

/**
 * STREET_ADDRESS without STREET_THEN_NUMBER, which tries every word as a street name (half the
 * time on a 250-character post). Where STREET_SUFFIX_THEN_NUMBER is not found, that alternative can
 * match nowhere, so both patterns find the same addresses.
 */
export const STREET_ADDRESS_NUMBER_FIRST = new RegExp([NUMBER_THEN_STREET, ROMANCE_STREET_THEN_NUMBER, CANADIAN_POSTAL_CODE].join('|'), 'giu');
export const STREET_SUFFIX_THEN_NUMBER = /(?:strasse|straße|weg|gasse|allee|platz|tie|katu|vej|gade|gatan|straat|laan) \d/iu;

/** "j'ai 14 ans", "14 ans", "I'm 15", "15 years old", "15yo", "âgé de 13 ans", "age 13". */
export const AGE = new RegExp(
  // "âgée" opens with a letter `\b` did not count as one: after a space it never matched.
  String.raw`(?:${WORD_START}(?:j['’]ai|i['’]?m|i am|age[d]?|agee?)|(?<![\p{L}\p{N}_])âgée?) (?:de )?(\d{1,2})\b|${WORD_START}(\d{1,2})[ -]?(?:ans|years?[ -]old|yo|y\.o\.|歳|才)`,
  'giu',
);

/**
 * An age the writer gives as their own: "j'ai 15 ans", "I'm only 13", "I just turned 14",
 * "15歳です", "as a 16 year old", "17 y/o here" (not "a 16-year-old girl", someone else).
 */
export const OWN_AGE = new RegExp(
  String.raw`${WORD_START}(?:j['’]ai|i['’]?m|i am|je viens d['’]avoir|i just turned|moi,? j['’]ai)(?: (?:only|just|seulement|juste))? (\d{1,2})\b|(\d{1,2}) ?(?:歳|才)(?:です|だ|になりました)|${WORD_START}(?:as an?|i['’]?m an?|i am an?) (\d{1,2})[ -]?(?:years?|yrs?)[ -]?old\b|${WORD_START}(\d{1,2}) ?(?:y\/?o|yrs? old|years? old) here\b`,
  'giu',
);

/** 13 to 19 digits in groups (checked with Luhn by the detector). */
export const CARD_NUMBER = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;

export const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

/** US SSN (123-45-6789) and Canadian SIN (123 456 789, 123-456-789). */
export const NATIONAL_ID = /(?<![\d-])(?:\d{3}-\d{2}-\d{4}|\d{3}[ -]\d{3}[ -]\d{3})(?![\d-])/g;

export const IP_ADDRESS = new RegExp(
  String.raw`${WORD_START}(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b|${WORD_START}(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b`,
  'gi',
);
