import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

// Everyday words that share a stem, a folded spelling or a single-letter spelling with an insult
// or a slur of the shipped lexicons. Each was flagged before (most as a high discrimination slur);
// the insults themselves, said of someone, still are.
const rseq = createPackReader('rseq-monteregie');
const gostudent = createPackReader('gostudent');
const portage = createPackReader('portage');

describe('everyday words beside the lexicons', () => {
  it.each([
    ['"en retard" (late)', 'Désolé pour le retard, le bus était plein.'],
    ['"en retard" in a post too short to tell its language', 'Bus en retard 😩'],
    ['"retarde" (delays)', 'Le train retarde son départ de vingt minutes.'],
    ['"retardé" (delayed)', 'Le vol est retardé à cause de la neige.'],
    ['"raté" (missed) beside a group', 'Les femmes ont raté le podium de peu.'],
    ['"dégagement" (a clearance)', 'Le gardien a fait un long dégagement et on a marqué.'],
    ['"cave" (a cellar)', 'Dégustation de vin à la cave de la polyvalente.'],
    ['"Los Angeles"', "Visite de Los Angeles avec l'équipe!"],
    ['a street named Gouin', 'Tournoi sur le boulevard Gouin samedi.'],
    ['a raccoon', 'Un raton laveur a renversé la poubelle du chalet.'],
    ['a mousetrap', 'Il faut une tapette à souris dans le chalet.'],
    ['a monkey at the zoo', 'Le macaque du zoo de Granby a eu un bébé.'],
    ['"a dégénéré" (got out of hand)', 'La discussion a dégénéré en bagarre après le match.'],
    ['"cinglante" (stinging)', 'Une défaite cinglante contre Granby.'],
    ['"tâter le terrain"', 'Il faut tâter le terrain avant la saison.'],
    ['a shower, in a short post', 'Une douche froide après le match'],
    ['"freaking" as an intensifier', 'That was freaking awesome'],
    ['Mongolia', 'On part en Mongolie cet été avec le club.'],
  ])('when the post has %s, then nothing is flagged', (_case, text) => {
    expect(rseq.categoriesOf(text)).toEqual([]);
  });

  it.each([
    ['"retardé" said of someone', "T'es retardé ou quoi?", 'discrimination'],
    ['"dégénérée" said of someone', 'Espèce de dégénérée, tu comprends rien.', 'discrimination'],
    ['"raté" said of someone', "T'es un raté, lâche l'équipe.", 'cyberbullying'],
    ['a Québec "cave"', "Crisse de cave, t'as échappé le ballon.", 'cyberbullying'],
    ['"retard" in English', 'you are such a retard', 'discrimination'],
    ['a call to suicide', 'Tu devrais te suicider, sérieux.', 'cyberbullying'],
    ['"no one would mourn you"', 'Personne va te pleurer, tu sais.', 'cyberbullying'],
    ['"une grosse merde"', "T'es une grosse merde.", 'cyberbullying'],
  ])('when the post has %s, then it is still flagged', (_case, text, category) => {
    expect(rseq.categoriesOf(text)).toContain(category);
  });
});

// GoStudent's sexual terms make an urgent child-safety finding beside any "you" or student: each
// of these tutoring posts was one.
describe('everyday tutoring words beside the sexual terms', () => {
  it.each([
    ['"au sein de"', "Au sein de notre équipe de tuteurs, on valorise l'écoute de chaque élève."],
    ['the Seine', 'Ton élève a fait un exposé sur la Seine et Paris, bravo!'],
    ['"à l\'œil nu"', "Les cellules sont visibles à l'œil nu? Non, ton élève aura besoin d'un microscope."],
    ['"excitant" (exciting)', 'Un projet excitant pour nos élèves cette session!'],
    ['"ton corps" in a health tip', "Bois de l'eau avant l'examen, ton corps en a besoin."],
    ['sex education', "Le cours d'éducation sexuelle de ton élève est reporté."],
    ['a protected ground', "Aucune discrimination fondée sur l'orientation sexuelle de nos élèves n'est tolérée."],
    ['"sucks"', 'Math sucks, I know, but you are getting better every week!'],
    ['a comic strip', 'Draw a comic strip for your English homework.'],
    ['a strip of paper', 'Cut a strip of paper and fold it, your kid will love it.'],
  ])('when the post has %s, then it is no safeguarding case', (_case, text) => {
    expect(gostudent.categoriesOf(text)).not.toContain('safeguarding');
  });

  it.each([
    ['a naked picture asked of a minor', "Envoie-moi une photo nue, t'as 14 ans mais t'es mature."],
    ['a remark on a minor\'s body', 'Tes seins sont beaux pour une fille de 13 ans.'],
    ['"strip for me"', 'Strip for me on camera, you are 13 right?'],
  ])('when the post has %s, then it is still a safeguarding case', (_case, text) => {
    expect(gostudent.categoriesOf(text)).toContain('safeguarding');
  });
});

// Portage's drug-sales rule: a unit or an everyday word beside "je vends" or "disponible" was a sale.
describe('everyday words beside the drug lists', () => {
  it.each([
    ['a vaccine dose', 'La dose de rappel du vaccin est disponible à la pharmacie.'],
    ['"faire le point"', 'On fait le point ce soir, je suis disponible après 18 h.'],
    ['the morning-after pill', 'La pilule du lendemain est disponible sans ordonnance en pharmacie.'],
    ['"un pote" (a buddy)', 'Je vends mon vélo à un pote, écris-moi.'],
    ['"un crack en maths" (an ace)', "C'est un crack en maths, je vends mes notes de cours 5 $."],
    ['a cooking pot', 'I have a big pot for sale, $20, message me.'],
  ])('when the post has %s, then it is no drug sale', (_case, text) => {
    expect(portage.categoriesOf(text)).not.toContain('spam');
  });

  it.each([
    ['a price by the gram', 'Qui veut du pot? 10 $ le gramme, livraison à Laval.'],
    ['English drugs shipped', 'Got coke and molly, discreet shipping, hit me up.'],
  ])('when the post offers %s, then it is still a drug sale', (_case, text) => {
    expect(portage.categoriesOf(text)).toContain('spam');
  });
});

// Portage's client and defamation lists: a name, the organization and one of these words was a
// client identified, or a defamation.
describe('everyday words beside the client and defamation lists', () => {
  it.each([
    ['"patienter" (to wait)', 'Merci de patienter, Julie Roy de Portage vous rappellera demain.', 'client_identification'],
    ['a priest', 'Le curé Jean Tremblay a visité Portage dimanche.', 'client_identification'],
    ['"exploité" (made the most of)', 'Marc Bélanger a exploité toutes ses forces au tournoi de Portage.', 'defamation'],
    ['"patiently"', 'Please wait patiently, John Miller from Portage will call you back.', 'client_identification'],
    ['a heroine', 'John Miller read a novel about a heroine at the Portage library night.', 'client_identification'],
    ['"lie down"', 'Lie down and rest, Portage yoga night with Sarah Lee.', 'defamation'],
  ])('when the post has %s, then it is not read as such', (_case, text, category) => {
    expect(portage.categoriesOf(text)).not.toContain(category);
  });

  it.each([
    ['a client named in a cure', "J'ai vu Marie Tremblay en cure chez Portage, elle rechute encore.", 'client_identification'],
    ['residents said to be exploited', "Portage exploite les résidents comme main-d'œuvre gratuite.", 'defamation'],
    ['staff said to lie', 'Portage staff lie to families about the length of treatment.', 'defamation'],
    ['a client named through crack', 'Jason Miller relapsed on crack after leaving Portage rehab.', 'client_identification'],
  ])('when the post has %s, then it still is', (_case, text, category) => {
    expect(portage.categoriesOf(text)).toContain(category);
  });
});
