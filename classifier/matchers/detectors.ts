import type { Analysis, Hit } from '../analysis.js';
import { tokenIndexAt } from '../text/tokenize.js';
import { anonymousAuthor, copiedPost, repeatedPost } from './authorship.js';
import { contactOutsidePlatform } from './contact-outside.js';
import { officialClaims, orgMentions, unofficialLabels } from './organization.js';
import {
  capitalisedWords, cardNumbers, emails, handles, ibans, ipAddresses, minorAges, nationalIds, ownMinorAges, personNames, phones, streetAddresses, urls,
} from './personal-data.js';
import { repetitions } from './repetition.js';
import { negations, quotations, secondPersons } from './speech-cues.js';

// The built-in detectors that rules name (`detector: phone`), each run at most once per text.

export const DETECTORS = [
  'person_name', 'phone', 'email', 'credit_card', 'iban', 'national_id', 'ip_address', 'street_address', 'minor_age', 'url', 'handle', 'contact_outside_platform',
  'own_minor_age', 'mentions_org', 'second_person', 'negation', 'quotation', 'unofficial_label', 'official_claim', 'repetition',
  'anonymous_author', 'repeated_post', 'copied_post', 'capitalised_word',
] as const;
export type DetectorName = (typeof DETECTORS)[number];

type Detector = (analysis: Analysis) => Hit[];

const TABLE: Record<DetectorName, Detector> = {
  person_name: personNames,
  capitalised_word: capitalisedWords,
  phone: phones,
  email: emails,
  street_address: streetAddresses,
  minor_age: minorAges,
  own_minor_age: ownMinorAges,
  credit_card: cardNumbers,
  iban: ibans,
  national_id: nationalIds,
  ip_address: ipAddresses,
  url: urls,
  handle: handles,
  contact_outside_platform: contactOutsidePlatform,
  mentions_org: orgMentions,
  second_person: secondPersons,
  negation: negations,
  quotation: quotations,
  unofficial_label: unofficialLabels,
  official_claim: officialClaims,
  repetition: repetitions,
  anonymous_author: anonymousAuthor,
  repeated_post: repeatedPost,
  copied_post: copiedPost,
};

/**
 * Constant-time tests that rule a detector out on most posts: too few digits for the number
 * patterns (counted when the text was folded), no "@" for an e-mail or a handle. runDetector applies them, and
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
  // Ages are written in ASCII digits ("14 ans", "15歳"), and a handle opens on "@".
  minor_age: (a) => a.folded.digits >= 1,
  own_minor_age: (a) => a.folded.digits >= 1,
  handle: (a) => a.original.includes('@'),
};

/** Detectors that return at once on most posts, by their pre-check. */
export const PRECHECKED_DETECTORS: ReadonlySet<DetectorName> = new Set(Object.keys(PRECHECKS) as DetectorName[]);

/** Each detector's place in `analysis.detectorHits`. */
const DETECTOR_SLOTS: ReadonlyMap<DetectorName, number> = new Map(DETECTORS.map((name, slot) => [name, slot]));

/** A detector's hits, found once per analysis. */
export function runDetector(analysis: Analysis, name: DetectorName): Hit[] {
  return detectorRunner(name)(analysis);
}

/** runDetector for one detector, its slot and pre-check looked up once (a rule's check calls it on every text). */
export function detectorRunner(name: DetectorName): (analysis: Analysis) => Hit[] {
  const slot = DETECTOR_SLOTS.get(name)!;
  const precheck = PRECHECKS[name];
  const detector = TABLE[name];
  return (analysis) => {
    let hits = analysis.detectorHits[slot];
    if (hits === undefined) analysis.detectorHits[slot] = hits = precheck !== undefined && !precheck(analysis) ? [] : detector(analysis);
    return hits;
  };
}

/** Token index of a hit, for proximity checks. */
export function hitTokenIndex(analysis: Analysis, hit: Hit): number {
  return tokenIndexAt(analysis.tokens, hit.start);
}

/** Index of the token holding a hit's last character. */
export function hitEndTokenIndex(analysis: Analysis, hit: Hit): number {
  return tokenIndexAt(analysis.tokens, hit.end - 1);
}
