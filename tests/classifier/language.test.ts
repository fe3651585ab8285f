import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../classifier/language.js';
import { foldText } from '../../classifier/text/fold.js';
import { FUNCTION_WORDS } from '../../classifier/text/language-cues.js';
import { writtenWordsOf } from '../../classifier/text/written-words.js';

const FRENCH_FUNCTION_WORDS = FUNCTION_WORDS.fr;
const ENGLISH_FUNCTION_WORDS = FUNCTION_WORDS.en;

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

describe('language cues: scripts counted while the text is folded, function words by written word', () => {
  const cuesOf = (text: string) => {
    const folded = foldText(text);
    const { frenchWords, englishWords } = writtenWordsOf(folded);
    return { ...folded.languageCues, frenchWords, englishWords };
  };

  it('when a text mixes scripts, then letters, kana and kanji, French accents and function words are counted', () => {
    // "É" and "è" are French accents; "の" and "日" are Japanese; "😀" is no letter; "l'" and "le" are French words, "the" English.
    expect(cuesOf('Élève 😀 の日 l’ami et le chat, the end')).toEqual({
      letters: 25,
      japanese: 2,
      frenchAccents: 2,
      frenchWords: 3,
      englishWords: 1,
    });
  });

  it('when the text is longer than the sample, then only its first 600 characters count', () => {
    expect(cuesOf(`${'x '.repeat(300)}le la les the`)).toMatchObject({ letters: 300, frenchWords: 0, englishWords: 0 });
  });

  it('when a word runs across the end of the sample, then it counts as far as the sample goes', () => {
    // Folded units 598-599 are "le", the sample's end; the word goes on as "lexique".
    expect(cuesOf(`${'x '.repeat(299)}lexique`)).toMatchObject({ frenchWords: 1, englishWords: 0 });
    expect(cuesOf(`${'x '.repeat(299)}zle the`)).toMatchObject({ frenchWords: 0, englishWords: 0 });
  });

  it('when a word holds digits or other letters, then each run of a to z in it is read', () => {
    // "vous2" holds "vous"; "leß" folds to "less", no function word; "the日" holds "the".
    expect(cuesOf('vous2 leß the日')).toMatchObject({ frenchWords: 1, englishWords: 1 });
  });

  it('when leetspeak turns a symbol into a letter, then the function words are read after it', () => {
    // "l€s" folds to "les": a French function word once undone.
    expect(cuesOf('l€s amis').frenchWords).toBe(1);
  });

  it('when letters are spelled out one by one, then each letter is still a word to the vote', () => {
    // "c" and "d" are French function words (elided), "a" and "i" English ones; the tokenizer joins "c o n n a r d", the vote does not.
    expect(cuesOf('c o n n a r d i')).toMatchObject({ frenchWords: 2, englishWords: 2 });
  });

  it('on random texts, the counts are those of every run of a to z in the sample of the folded text', () => {
    const pieces = ['le', 'la', 'the', 'and', 'vous', 'x', '2', ' ', '  ', 'é', 'ß', '日', '-', "'", 'Les', 'THE', '@', '0', 'ça', '😀', 'ﾊﾞ'];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 2_000; round++) {
      let text = '';
      const length = random(round % 10 === 0 ? 500 : 40);
      for (let k = 0; k < length; k++) text += pieces[random(pieces.length)];
      const folded = foldText(text);
      const runs = folded.text.slice(0, 600).match(/[a-z]+/g) ?? [];
      const expected = {
        frenchWords: runs.filter((run) => FRENCH_FUNCTION_WORDS.has(run)).length,
        englishWords: runs.filter((run) => ENGLISH_FUNCTION_WORDS.has(run)).length,
      };
      expect(cuesOf(text), text).toMatchObject(expected);
    }
  });
});
