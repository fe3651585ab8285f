import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

// Health, crime, threats and game results are told about groups every day. Such a word near a
// group was read as hate; it now counts only said to be what the group is, and violence only
// when wished on the group (decision 008).
const portage = createPackReader('portage');
const rseq = createPackReader('rseq-monteregie');
// The statistical model's reading is another signal, measured apart (npm run eval): these are the rules'.
const discriminationRulesOf = (text: string, pack = portage) =>
  pack
    .verdictOf(text)
    .findings.filter((finding) => finding.category === 'discrimination' && finding.ruleId !== 'discrimination-model')
    .map((finding) => finding.ruleId);

describe('a group beside words of news', () => {
  it.each([
    ['research on a disease', 'La recherche sur le cancer chez les femmes avance beaucoup.'],
    ['a group as the victim of threats', 'Les immigrants sont souvent victimes de menaces au travail.'],
    ['a group against terrorism', 'Les juifs et les musulmans ont prié ensemble contre le terrorisme.'],
    ['a group afraid of criminals', 'The refugees were afraid of the criminals running the camp.'],
    ['a group outdoors', 'Les filles ont joué dehors malgré le froid.'],
    ['a group that won', 'Les filles ont écrasé Granby 5-0 samedi!'],
    ['deaths at sea', 'Des migrants sont morts en mer la nuit dernière.'],
    ['an expulsion law in the news', "L'Italie adopte une loi pour expulser plus rapidement les migrants."],
    ['a team eliminated', "The women's team was eliminated in the semi-final."],
    ['a group as the target of hateful messages', 'Muslim students were the target of hateful messages after the game.'],
  ])('when the post tells of %s, then no rule reads it as discrimination', (_case, text) => {
    expect(discriminationRulesOf(text)).toEqual([]);
  });

  it('when a game against a group is called a crushing, then no rule reads it as discrimination', () => {
    expect(discriminationRulesOf("On va écraser l'équipe des filles samedi au tournoi.", rseq)).toEqual([]);
  });
});

describe('equality claimed for a group', () => {
  // The model read "women should be …" as a template of hate; the same pay is no hate.
  it.each([
    ['in English', 'Women should be paid the same as men in sports.'],
    ['in French', 'Les femmes devraient être payées autant que les hommes dans le sport.'],
  ])('when equal pay is claimed %s, then it is no discrimination, model included', (_case, text) => {
    expect(rseq.categoriesOf(text)).not.toContain('discrimination');
  });
});

describe('the same words said of the group, or wished on it', () => {
  it.each([
    ['a group called a disease', 'Les immigrants sont une vraie maladie pour ce pays.', 'discrimination-generalization'],
    ['a group called criminals', 'Immigrants are all criminals and rapists.', 'discrimination-generalization'],
    ['a group called animals', 'Les autochtones sont des animaux.', 'discrimination-generalization'],
    ['a group inferred to be terrorists', 'Son père est musulman, donc un terroriste.', 'discrimination-generalization'],
    ['a group named as a kind of criminal', 'Encore un violeur juif dans les nouvelles.', 'discrimination-group-hate'],
    ['a faith said to breed terrorism', "L'islam prône le terrorisme.", 'discrimination-stereotype'],
    ['violence called for', 'Il faut éliminer les immigrés.', 'discrimination-violence'],
    ['violence wished on a group', 'Gays should all be shot.', 'discrimination-violence'],
    ['expulsion called for', 'Dehors les musulmans!', 'discrimination-violence'],
    // Canonical hate the rules once missed: a group not wanted, greed, a group ruining, the kitchen.
    ['a group not wanted in a league', 'On veut pas de musulmans dans notre ligue.', 'discrimination-group-hate'],
    ['an English group not wanted', "We don't want any immigrants on this team.", 'discrimination-group-hate'],
    ['greed said of a group', 'Jews are greedy.', 'discrimination-generalization'],
    ['a group said to ruin neighbourhoods', 'Les immigrés ruinent nos quartiers.', 'discrimination-stereotype'],
    ['women sent to the kitchen', 'Women belong in the kitchen, not on the ice.', 'discrimination-group-hate'],
  ])('when the post has %s, then it is discrimination', (_case, text, ruleId) => {
    expect(discriminationRulesOf(text)).toContain(ruleId);
  });
});

// A person's identity taken as proof of a wrong, and an orientation said to be against nature;
// the twins name the same identity with a neutral presumption or a neutral fact.
describe('discrimination-stereotype: a wrong presumed from who someone is', () => {
  const reader = createPackReader('portage');

  it.each([
    ['a terrorist presumed from an origin', 'Mon voisin est arabe, sûrement un terroriste.'],
    ['a theft presumed from skin colour', "He's Black, so obviously he's the one who stole it."],
    ['a disease presumed from an origin', 'La nouvelle est chinoise, elle a sûrement le covid.'],
    ['an orientation said to be against nature', "Being gay is unnatural, they shouldn't coach kids."],
  ])('when the post holds %s, then it is discrimination', (_case, text) => {
    expect(reader.ruleIdsOf(text)).toContain('discrimination-stereotype');
  });

  it.each([
    ['a holiday presumed from a faith', 'Her boss is Jewish, of course he took Yom Kippur off.'],
    ['a mosque visit presumed from a faith', "He's Muslim, probably going to the mosque after the match."],
    ['an orientation said to be natural', 'Being gay is natural, and our coach is proud of it.'],
    // "surely" is compared as written: stemmed, it was every "sure".
    ['"sure" beside a group and a wrong', 'The immigrants I met were sure the illegal parking ticket was a mistake.'],
  ])('when the post holds %s, then it is no stereotype', (_case, text) => {
    expect(reader.ruleIdsOf(text)).not.toContain('discrimination-stereotype');
  });
});

