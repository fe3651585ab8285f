import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

// A clause denied by the frame before it ("ce n'est pas vrai que…", "he denied ever calling…")
// says nothing hostile; the same words meant, or an insult after the denied clause, still do.
const rseq = createPackReader('rseq-monteregie');
const portage = createPackReader('portage');

describe('a denied clause is not flagged', () => {
  it.each([
    ['"personne ne pense que"', 'Personne ici ne pense que les immigrés sont des voleurs.'],
    ['"nobody thinks"', 'Nobody on this team thinks Muslims are terrorists.'],
    ['"denied ever calling"', 'He denied ever calling the referee an idiot.'],
    ['"I didn’t say"', 'I didn’t say the goalie was useless, I said he had a bad night.'],
    ['"ce n’est pas vrai que"', 'Ce n’est pas vrai que les Asiatiques sont nuls en sport, regardez notre équipe de badminton.'],
    ['"arrêtez de répéter que"', 'Arrêtez de répéter que Zoé est une tricheuse, c’est une rumeur.'],
    ['a claim called false after it', 'The rumour that Jake is a thief is false, he was cleared by the league.'],
  ])('when a post denies with %s, then it is not flagged', (_case, text) => {
    expect(rseq.ruleIdsOf(text)).toEqual([]);
  });

  it.each([
    ['the accusation meant', 'Zoé est une tricheuse, elle a triché au dernier tournoi.', 'cyberbullying-impersonation-rumours'],
    ['the insult meant', 'The referee is an idiot and should be fired.', 'insult-untargeted'],
    ['the hate meant', 'Muslims are terrorists, every single one of them.', 'discrimination-generalization'],
    ['an insult after the denied clause', 'Ce n’est pas vrai que t’as gagné, t’es juste un connard.', 'insult-untargeted'],
  ])('when a post holds %s, then it is flagged', (_case, text, ruleId) => {
    expect(rseq.ruleIdsOf(text)).toContain(ruleId);
  });
});

describe('a group said worse by nature is a stereotype', () => {
  it.each([
    ['"c’est la nature"', 'C’est vrai que les filles sont moins bonnes au hockey, c’est la nature.'],
    ['"c’est génétique"', 'Les Asiatiques sont nuls en sport, c’est génétique.'],
  ])('when inferiority is followed by %s, then discrimination-stereotype flags it', (_case, text) => {
    expect(portage.ruleIdsOf(text)).toContain('discrimination-stereotype');
  });

  it.each([
    ['a family trait', 'Mes allergies, c’est génétique, comme mon père.'],
    ['a match report', 'Les filles étaient moins bonnes que la semaine passée, mais on a gagné.'],
  ])('when a post holds %s, then discrimination-stereotype does not flag it', (_case, text) => {
    expect(portage.ruleIdsOf(text)).not.toContain('discrimination-stereotype');
  });
});
