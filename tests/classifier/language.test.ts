import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../classifier/language.js';
import { foldText } from '../../classifier/text/fold.js';

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

describe('language cues, counted while the text is folded', () => {
  it('when a text mixes scripts, then letters, kana and kanji, French accents and function words are counted', () => {
    // "É" and "è" are French accents; "の" and "日" are Japanese; "😀" is no letter; "l'" and "le" are French words, "the" English.
    expect(foldText('Élève 😀 の日 l’ami et le chat, the end').languageCues).toEqual({
      letters: 25,
      japanese: 2,
      frenchAccents: 2,
      frenchWords: 3,
      englishWords: 1,
    });
  });

  it('when the text is longer than the sample, then only its first 600 characters count', () => {
    const cues = foldText(`${'x '.repeat(300)}le la les the`).languageCues;

    expect(cues).toMatchObject({ letters: 300, frenchWords: 0, englishWords: 0 });
  });

  it('when leetspeak turns a symbol into a letter, then the function words are read after it', () => {
    // "l€s" folds to "les": a French function word once undone.
    expect(foldText('l€s amis').languageCues.frenchWords).toBe(1);
  });
});
