import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';
import { CENSORED_LETTER, foldText } from '../../classifier/text/fold.js';

// Self-censorship ("f*ck you", "c*nnard", "n****r") hides a word from a filter, not from its
// readers: a censored word is read as the list word it fits.
const { ruleIdsOf, spansOf } = createPackReader('rseq-monteregie');

describe('words censored with stars', () => {
  it('when stars stand between letters, then they fold to the censored letter; elsewhere they stay stars', () => {
    expect(foldText('c*nnard n****r').text).toBe(`c${CENSORED_LETTER}nnard n${CENSORED_LETTER.repeat(4)}r`);
    expect(foldText('c*nnard').censored).toBe(true);
    expect(foldText('*vraiment* 5*3 A* f*****k').text).toBe('*vraiment* 5*3 a* f*****k');
    expect(foldText('*vraiment* 5*3').censored).toBe(false);
  });

  it.each([
    ['a French insult', "T'es un c*nnard", 'cyberbullying-insult', 'c*nnard'],
    ['an English slur with four stars', 'shut up you n****r', 'discrimination-slur', 'n****r'],
    ['an English insult in a phrase', 'f*ck you, loser', 'insult-untargeted', 'f*ck you'],
    ['a hostile word about a group', 'Les immigrés sont de la v*rmine', 'discrimination-group-hate', 'v*rmine'],
  ])('when the post holds %s, then it is read as the word it hides, spanned as written', (_case, text, ruleId, span) => {
    expect(spansOf(text, ruleId)).toContain(span);
  });

  it('when stars are emphasis, arithmetic or a grade, then nothing is flagged', () => {
    expect(ruleIdsOf("C'est *vraiment* génial")).toEqual([]);
    expect(ruleIdsOf("J'ai eu 5*3 = 15 en maths, et A* pour Léa")).toEqual([]);
  });

  it('when a censored word fits no list word, then the words its stars separate are read as before', () => {
    expect(spansOf('auto watch subhuman w*raghead', 'discrimination-slur')).toEqual(['raghead']);
  });

  it('when too few letters are shown, then the word is not guessed', () => {
    expect(ruleIdsOf('c** ***')).toEqual([]);
  });
});
