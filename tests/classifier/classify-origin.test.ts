import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

// Attacks on someone's origin with no group named ("go back to your country", "sale Algérienne"),
// and the quoting and questions around them. Every pack carries rule discrimination-origin.
const packs = ['portage', 'rseq-monteregie', 'gostudent', 'immerse'].map((org) => [org, createPackReader(org)] as const);
const portage = packs[0]![1];
const rseq = packs[1]![1];
const { ruleIdsOf } = portage;

describe('discrimination-origin: someone sent back to where they came from', () => {
  it.each(packs)('in the %s pack, a demand to go back to one’s country is discrimination', (_org, pack) => {
    expect(pack.ruleIdsOf('Retourne dans ton pays si t’es pas content.', { lang: 'fr' })).toContain('discrimination-origin');
  });

  it.each([
    ['a demand in French', 'Retournez dans votre pays, vous volez nos jobs.'],
    ['a country after an imperative', 'Les Chinois, retournez en Chine avec votre virus.'],
    ['what they should do', 'Ceux-là devraient retourner chez eux en Afrique.'],
    ['a demand in English', 'Go back to your country, nobody wants you here.'],
    ['a country after an imperative in English', 'Go back to China and take your virus with you.'],
    ['a modal demand', 'You people should go back to Africa.'],
    ['a question that is a demand', 'Why don’t you go back where you came from?'],
    ['sending people back', 'Send them all back to where they came from.'],
    ['"sale" before an origin', 'T’es juste une sale Algérienne, personne t’aime.'],
    ['"dirty" before an origin', 'Dirty Mexican, stay away from my kids.'],
  ])('when a post holds %s, then rule discrimination-origin flags it', (_case, text) => {
    expect(ruleIdsOf(text)).toContain('discrimination-origin');
  });

  it.each([
    ['a trip home', 'Je retourne dans mon pays natal cet été pour voir ma grand-mère.'],
    ['a trip to a country', 'Je retourne en Chine cet été pour voir ma famille.'],
    ['someone else’s trip', 'Mon frère retourne en Haïti demain.'],
    ['a team going home', 'Les joueuses de l’équipe du Mexique retournent dans leur pays demain.'],
    ['back to work', 'Retourne au travail!'],
    ['a trip in English', 'We go back to Mexico every summer.'],
    ['a web page', 'Go back to the previous page and click Register.'],
    ['dirty weather', 'Sale temps pour un match, on reporte à dimanche.'],
    ['dirty jerseys', 'Dirty jerseys go in the bin by the door.'],
    ['a school subject cursed', 'Maudit anglais, j’ai encore coulé mon examen.'],
    ['a trip wished well', 'Retourne en Afrique pour ton stage, tu vas adorer!'],
    ['someone’s origin said kindly', 'Mon coach est haïtien et c’est le meilleur coach que j’ai eu.'],
    ['the demand quoted and reported', 'Quelqu’un a crié « retourne dans ton pays » à notre joueuse; on a porté plainte.'],
    ['the demand quoted in single quotes', 'My daughter was told \'go back to your country\' at practice. Who do we contact?'],
    ['the demand called racist', 'Telling someone to go back to their country is racist, full stop.'],
  ])('when a post holds %s, then rule discrimination-origin does not flag it', (_case, text) => {
    expect(ruleIdsOf(text)).not.toContain('discrimination-origin');
  });
});

describe('single quotes quote only after a verb of saying', () => {
  it('when a slur is quoted in single quotes after "call", then no slur is flagged', () => {
    expect(rseq.ruleIdsOf("We don't call anyone 'retard' in this club, not even as a joke.")).not.toContain('discrimination-slur');
  });

  it('when single quotes mark a word with no verb of saying before, then a slur elsewhere is still flagged', () => {
    expect(ruleIdsOf("these 'regular talkers' again, what a chinaman", { lang: 'en' })).toContain('discrimination-slur');
  });

  it('when the only single quotes are apostrophes, then the slur is still flagged', () => {
    expect(ruleIdsOf("The players' parents said the coaches' decision was fair, you dirty Arab", { lang: 'en' })).toContain('discrimination-origin');
  });
});

describe('a question that suggests is no negation', () => {
  it('when "why don’t you" asks, then the hostile words after it are not denied', () => {
    expect(ruleIdsOf("Why don't you go back to your country", { lang: 'en' })).toContain('discrimination-origin');
  });

  it('when "don’t" denies, then the hostile words after it are denied', () => {
    expect(ruleIdsOf("I don't hate Muslims", { lang: 'en' })).not.toContain('discrimination-group-hate');
  });
});
