import { describe, expect, it } from 'vitest';
import {
  ADDRESS_WITH_CUE, AGE, CARD_WITH_CUE, IP_ADDRESS, OWN_AGE, PHONE_WITH_CUE, STREET_ADDRESS, URL_PATTERN,
} from '../../classifier/matchers/patterns.js';
import { analyse } from '../../classifier/analysis.js';
import { runDetector } from '../../classifier/matchers/detectors.js';
import { emailAddresses, handles, minorAges, ownMinorAges } from '../../classifier/matchers/personal-data.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import { foldText } from '../../classifier/text/fold.js';

const matchesOf = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((match) => match[0]);

// The patterns open on a lookbehind instead of `\b` (much faster under the i and u flags). They
// must start where `\b` let them: not inside a word, where `\w` under those flags includes "ſ" and
// the Kelvin sign, but after a letter `\w` does not hold, such as "é".
describe('detector patterns start where a word starts', () => {
  it.each([
    ['a civic number after a space', STREET_ADDRESS, 'Appt 4521 rue Sainte-Catherine', ['4521 rue Sainte-Catherine']],
    ['a civic number glued to a letter', STREET_ADDRESS, 'Appta4521 rue Sainte-Catherine', []],
    ['a civic number after "ſ", a word character under case folding', STREET_ADDRESS, 'ſ4521 rue Sainte-Catherine', []],
    ['a civic number after "é", which \\w does not hold', STREET_ADDRESS, 'é4521 rue Sainte-Catherine', ['4521 rue Sainte-Catherine']],
    ['a postal code inside a word', STREET_ADDRESS, 'codeH2X 1Y4', []],
    ['a postal code', STREET_ADDRESS, 'code H2X 1Y4', ['H2X 1Y4']],
    ['an address cue', ADDRESS_WITH_CUE, 'Adresse : 12 rue des Pins', ['Adresse : 12 rue des Pins']],
    ['an address cue inside a word', ADDRESS_WITH_CUE, 'Kaddress 12 rue des Pins', []],
    ['a phone cue inside a word', PHONE_WITH_CUE, 'microphone: 514 555 0199', []],
    ['a phone cue with a colon', PHONE_WITH_CUE, 'Téléphone: 514 555 0199', ['Téléphone: 514 555 0199']],
    ['a card cue', CARD_WITH_CUE, 'carte de crédit 4111 1111 1111 1111', ['carte de crédit 4111 1111 1111 1111']],
    ['an IP address glued to a letter', IP_ADDRESS, 'x192.168.1.10', []],
    ['an IP address', IP_ADDRESS, 'ip 192.168.1.10', ['192.168.1.10']],
    ['a link', URL_PATTERN, 'voir www.portage.ca/aide', ['www.portage.ca/aide']],
    ['a domain opening with a hyphen after a letter', URL_PATTERN, 'x-portage.ca', ['x-portage.ca']],
    ['a domain after a space', URL_PATTERN, 'voir portage.ca', ['portage.ca']],
    ['an age given as one’s own', OWN_AGE, "salut j'ai 14 ans", ["j'ai 14"]],
    ['an age inside a word', OWN_AGE, "xj'ai 14 ans", []],
  ])('when the text holds %s, then the pattern finds what \\b found', (_case, pattern, text, expected) => {
    expect(matchesOf(pattern, text)).toEqual(expected);
  });

  it('when "âgée de" follows a space, then the age is found (\\b never matched before "â" there)', () => {
    expect(matchesOf(AGE, 'Elle est âgée de 12, pas plus.')).toEqual(['âgée de 12']);
    expect(matchesOf(AGE, 'Il a 15 ans.')).toEqual(['15 ans']);
  });
});

// emailAddresses() reads each address back from its "@"; this is the pattern it replaced, which
// read the local part first and tried it at every position of the text.
const EMAIL_REFERENCE = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,5}\.\p{L}{2,24}/gu;

describe('e-mail addresses, found from their "@"', () => {
  it.each([
    ['an address in a sentence', 'Écris à julie.roy@example.com demain.'],
    ['a local part longer than 64 characters', `${'a'.repeat(70)}@example.com`],
    ['two addresses in a row', 'a@b.co.x@c.com et d@e.fr'],
    ['a handle, which is no address', '@jdupont merci'],
    ['letters beyond the first plane', '𝐀𝐁c@exemple.fr 😀x@y.ca'],
    ['an "@" with nothing before it', '@example.com'],
  ])('when the text holds %s, then the addresses are those the local-part-first pattern finds', (_case, text) => {
    const expected = [...text.matchAll(EMAIL_REFERENCE)].map((match) => [match.index, match.index + match[0].length]);

    expect(emailAddresses(text).map((hit) => [hit.start, hit.end])).toEqual(expected);
  });

  it('when an address is set aside, then the next one still starts after it', () => {
    const text = 'info@portage.ca.x@gmail.com';

    expect(emailAddresses(text, (address) => !address.startsWith('info@')).map((hit) => text.slice(hit.start, hit.end))).toEqual(['.x@gmail.com']);
  });
});

describe('pre-checks that rule a detector out before its patterns run', () => {
  const immerse = loadRuleSetForOrg('immerse');
  const texts = [
    "J'ai 15 ans et j'apprends le japonais", "J'ai quinze ans", '中学２年生、１４歳です', '14歳です', 'I’m 16 here', 'Ma fille de 12 ans adore le cours',
    '@julie_r merci!', 'écris à julie@exemple.com', 'sans arobase ni chiffre', '＠julie', "l'équipe a gagné 3-2",
  ];
  const analysisOf = (text: string) => analyse(text, foldText(text), 'fr', { scope: 'post_text', ruleSet: immerse });

  it.each([
    ['minor_age', minorAges],
    ['own_minor_age', ownMinorAges],
    ['handle', handles],
  ] as const)('when %s is pre-checked, then it finds what the detector alone finds', (name, detector) => {
    for (const text of texts) expect(runDetector(analysisOf(text), name)).toEqual(detector(analysisOf(text)));
    expect(texts.some((text) => detector(analysisOf(text)).length > 0)).toBe(true);
  });
});

describe('quotation: what a quote or a reported clause covers', () => {
  const portage = loadRuleSetForOrg('portage');
  const quotedIn = (text: string) =>
    runDetector(analyse(text, foldText(text), 'fr', { scope: 'post_text', ruleSet: portage }), 'quotation').map((hit) => text.slice(hit.start, hit.end));

  it('when a verb of saying opens a clause, then the hit runs to the end of its sentence, past commas', () => {
    expect(quotedIn('Arrêtez de dire que les immigrés, qui travaillent, volent. Ils sont chez eux.')).toEqual([
      'Arrêtez de dire que les immigrés, qui travaillent, volent',
    ]);
  });

  it('when a disclaimer stands before the verb of saying, then the clause is asserted, not reported', () => {
    expect(quotedIn('Ce n’est pas raciste de dire que les immigrés volent.')).toEqual([]);
    expect(quotedIn('It isn’t racist to say that immigrants steal.')).toEqual([]);
    expect(quotedIn('C’est raciste de dire que les immigrés volent.')).toEqual(['dire que les immigrés volent']);
  });

  it('when text is in quotation marks, then the hit is the quote with its marks', () => {
    expect(quotedIn('Il a dit « bonjour », puis il est parti.')).toEqual(['« bonjour »']);
  });
});

describe('capitalised words: a first name, read beside a relation by the rules', () => {
  const portage = loadRuleSetForOrg('portage');
  const wordsIn = (text: string) =>
    runDetector(analyse(text, foldText(text), 'fr', { scope: 'post_text', ruleSet: portage }), 'capitalised_word').map((hit) => text.slice(hit.start, hit.end));

  it('when words are capitalised, then each name-like word is a hit alone (a compound name gives each part); common words and the organization are not', () => {
    expect(wordsIn('Ma voisine Julie et Marie-Ève vont chez Portage Mardi avec Léa.')).toEqual(['Julie', 'Marie', 'Ève', 'Léa']);
  });

  it('when nothing is capitalised or only shouted, then there is no hit', () => {
    expect(wordsIn('ma voisine julie est en THÉRAPIE')).toEqual([]);
  });
});
