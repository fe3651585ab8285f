import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../classifier/language.js';

describe('detectLanguage, restricted to the organization’s languages', () => {
  it.each([
    ['Je pense que les intervenants sont très gentils avec nous.', ['fr', 'en'], 'fr'],
    ['I think the staff were really kind with all of us.', ['fr', 'en'], 'en'],
    ['Franchement, quelle belle soirée au gymnase hier', ['fr', 'en'], 'fr'],
    ['今日の授業はとても楽しかったです', ['fr', 'ja', 'en'], 'ja'],
    ['ok', ['fr', 'en'], 'und'],
    ['👍👍👍 !!!', ['fr', 'en'], 'und'],
    ['Great game tonight', ['fr'], 'fr'],
    // Function words decide before franc, which took this one for French.
    ['Jason Miller wrote about addiction in young people.', ['fr', 'en'], 'en'],
    ['Marie Tremblay fait une recherche sur la toxicomanie chez les jeunes.', ['fr', 'en'], 'fr'],
    // Under 40 letters only function words decide; a word is one only whole, in any case, between any separators.
    ['LE-chat,ET:les/amis', ['fr', 'en'], 'fr'],
    ['THE dog, AND the cat', ['fr', 'en'], 'en'],
    ['lesbo thee theme ande', ['fr', 'en'], 'und'],
    ['le thé et les scones', ['fr', 'en'], 'fr'],
    // No function word, and franc's trigrams fit French and English almost as well: undetermined, read both ways.
    ['senator ching chong asking dumb questions get next-ed?', ['fr', 'en'], 'und'],
    ['Franchement quelle belle soirée au gymnase hier soir avec toute la gang', ['fr', 'en'], 'fr'],
  ] as const)('when %j is read among %j, then the language is %s', (text, allowed, expected) => {
    expect(detectLanguage(text, allowed, undefined)).toBe(expected);
  });

  it('when the source declares a language, then it wins', () => {
    expect(detectLanguage('Je pense que oui', ['fr', 'en'], 'en-CA')).toBe('en');
  });

  it('when the declared language is unknown, then detection runs', () => {
    expect(detectLanguage('Je pense que les intervenants sont très gentils.', ['fr', 'en'], 'xx')).toBe('fr');
  });
});
