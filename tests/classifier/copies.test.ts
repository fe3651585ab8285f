import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';
import { copyKeyOf } from '../../classifier/text/copy-key.js';
import type { EarlierCopies } from '../../classifier/types.js';

const portage = createPackReader('portage');
const immerse = createPackReader('immerse');
const ruleIdsOf = (text: string, earlierCopies?: EarlierCopies, pack = portage) => pack.ruleIdsOf(text, { author: 'Marc Gagnon', earlierCopies });

// 26 words: long enough to be someone's writing, not a slogan.
const ESSAY =
  "Ce que j'ai appris en thérapie, c'est que chaque journée compte, que demander de l'aide n'est pas une faiblesse et que le rétablissement se construit un petit pas à la fois.";
const MESSAGE = 'Venez voir ma page de photos de voyage, je publie chaque jour de nouvelles images du Québec.';

describe('copyKeyOf: the same words, whatever the writing', () => {
  it('when two texts differ only in case, accents, punctuation, emoji, spacing or leetspeak, then their keys are equal', () => {
    const key = copyKeyOf(MESSAGE);
    expect(key).toMatch(/^[a-f0-9]{32}$/);
    expect(copyKeyOf('VENEZ voir ma page de photos de voyage!!! je publie chaque jour de nouvelles images du Quebec 📸')).toBe(key);
    expect(copyKeyOf('Venez   voir ma p@ge de photos de voyage — je publie chaque jour de nouvelles images du Québec.')).toBe(key);
  });

  it('when a word differs or the words are in another order, then the keys differ', () => {
    expect(copyKeyOf(MESSAGE.replace('voyage', 'famille'))).not.toBe(copyKeyOf(MESSAGE));
    expect(copyKeyOf('Je publie chaque jour de nouvelles images du Québec, venez voir ma page de photos de voyage.')).not.toBe(copyKeyOf(MESSAGE));
  });

  it('when a text has fewer than eight words, then it has no key (short texts are said again for ordinary reasons)', () => {
    expect(copyKeyOf('Merci à tous pour la belle soirée !')).toBeUndefined();
    expect(copyKeyOf('')).toBeUndefined();
    expect(copyKeyOf('🙂🙂🙂 !!! ...')).toBeUndefined();
  });
});

describe('classify with earlier copies: flooding across posts', () => {
  it('when the author posted the same words twice before this week, then the post is repetitive content', () => {
    expect(ruleIdsOf(MESSAGE, { byAuthor: 2, byOthers: [] })).toEqual(['repeated-posts']);
    expect(ruleIdsOf(MESSAGE, { byAuthor: 2, byOthers: [] }, immerse)).toEqual(['repeated-posts']);
  });

  it('when the author posted it once before, or nothing is known of earlier posts, then it is not', () => {
    expect(ruleIdsOf(MESSAGE, { byAuthor: 1, byOthers: [] })).toEqual([]);
    expect(ruleIdsOf(MESSAGE)).toEqual([]);
  });

  it('when a repeated post is flagged, then the explanation says so in French and English', () => {
    const [finding] = portage.verdictOf(MESSAGE, { earlierCopies: { byAuthor: 3, byOthers: [] } }).findings;
    expect(finding).toMatchObject({ category: 'spam', severity: 'low', ruleId: 'repeated-posts' });
    expect(finding!.explanation.fr).toContain('au moins trois fois cette semaine');
    expect(finding!.explanation.en).toContain('at least three times this week');
  });
});

describe('classify with earlier copies: plagiarism', () => {
  it('when someone else posted the same long text before, then the post is possible plagiarism', () => {
    expect(ruleIdsOf(ESSAY, { byAuthor: 0, byOthers: ['Julie Roy'] })).toEqual(['plagiarism']);
    const [finding] = portage.verdictOf(ESSAY, { earlierCopies: { byAuthor: 0, byOthers: ['Julie Roy'] } }).findings;
    expect(finding!.explanation.fr).toContain('Plagiat possible');
    // The explanation quotes the post, never the earlier author's name.
    expect(JSON.stringify(finding)).not.toContain('Julie');
  });

  it('when the copied text is short (under twenty words), then it is not plagiarism', () => {
    expect(ruleIdsOf(MESSAGE, { byAuthor: 0, byOthers: ['Julie Roy'] })).toEqual([]);
  });

  it.each(['Portage', 'Centre Portage Québec', 'PortageCanada', '@portagecanada'])(
    'when the earlier author is the organization ("%s"), then sharing its text is not plagiarism',
    (organization) => {
      expect(ruleIdsOf(ESSAY, { byAuthor: 0, byOthers: ['Julie Roy', organization] })).toEqual([]);
    },
  );

  it.each([
    ['names the earlier author', `${ESSAY} Merci à Julie Roy pour ces mots.`],
    ['names the earlier author by handle', `${ESSAY} (@julie_roy)`],
    ['gives its source', `${ESSAY} Source : le blogue d'une amie.`],
    ['quotes the text', `« ${ESSAY} »`],
  ])('when the post %s, then it is credited, not plagiarism', (_, text) => {
    const earlierAuthor = text.includes('@julie_roy') ? '@julie_roy' : 'Julie Roy';
    expect(ruleIdsOf(text, { byAuthor: 0, byOthers: [earlierAuthor] })).toEqual([]);
  });

  it('when the author also posted it before, the earlier copies by others still make it plagiarism', () => {
    expect(ruleIdsOf(ESSAY, { byAuthor: 1, byOthers: ['Julie Roy'] })).toEqual(['plagiarism']);
  });
});
