import { describe, expect, it } from 'vitest';
import { analyse } from '../../classifier/analysis.js';
import { runDetector } from '../../classifier/matchers/detectors.js';
import { ADDRESS_WITH_CUE, STREET_ADDRESS } from '../../classifier/matchers/patterns.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import { foldText } from '../../classifier/text/fold.js';

const portage = loadRuleSetForOrg('portage');
const addressesIn = (text: string) =>
  runDetector(analyse(text, foldText(text), 'en', { scope: 'post_text', ruleSet: portage }), 'street_address').map((hit) => text.slice(hit.start, hit.end));
const withFullPattern = (text: string) => [...text.matchAll(STREET_ADDRESS), ...text.matchAll(ADDRESS_WITH_CUE)].map((match) => match[0]);

// The detector skips the street-name-first alternative ("Hauptstrasse 5") when no street type
// followed by a number is in the text; it must find what the whole pattern finds.
describe('street_address detector', () => {
  it.each([
    ['a Germanic street name before its number', 'Send it to Anna Weber, Hauptstrasse 5, 8001 Zürich.', 'Hauptstrasse 5'],
    ['a Nordic street name before its number', 'Lars bor på Storgatan 12 i Stockholm.', 'Storgatan 12'],
    ['a civic number before the street', 'Elle habite au 4521 rue Sainte-Catherine Est depuis mars.', '4521 rue Sainte-Catherine Est depuis mars'],
    ['an Italian street', 'Marco abita in Via Roma 12 a Torino.', 'Via Roma 12'],
    ['a Canadian postal code', 'Mon code postal est H2X 1Y4, merci.', 'H2X 1Y4'],
  ])('when a post holds %s, then the address is found as the whole pattern finds it', (_case, text, address) => {
    expect(addressesIn(text)).toContain(address);
    expect(addressesIn(text)).toEqual(withFullPattern(text));
  });

  it.each([
    ['a score', 'On a gagné 3-2 samedi, bravo les filles!'],
    ['a phone number', 'Appelez Julie au 514-555-0199 pour les détails.'],
  ])('when a post holds only %s, then no address is found', (_case, text) => {
    expect(addressesIn(text)).toEqual([]);
    expect(withFullPattern(text)).toEqual([]);
  });
});
