import { describe, expect, it } from 'vitest';
import { classify } from '../../classifier/classify.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';

// Everyday words that share a stem, a folded spelling or a single-letter spelling with an insult
// or a slur of the shipped lexicons. Each was flagged before (most as a high discrimination slur);
// the insults themselves, said of someone, still are.
const rseq = loadRuleSetForOrg('rseq-monteregie');
const categoriesOf = (text: string) => [...new Set(classify({ text }, rseq).findings.map((finding) => finding.category))].sort();

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
    expect(categoriesOf(text)).toEqual([]);
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
    expect(categoriesOf(text)).toContain(category);
  });
});
