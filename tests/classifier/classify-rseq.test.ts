import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

const rseq = createPackReader('rseq-monteregie');
const { categoriesOf, ruleIdsOf } = rseq;

// A sports federation's members say "battre", "écraser", "crush" all day: only aimed at someone,
// outside talk of a game, do these verbs threaten; verbs of killing threaten in any context.
describe('classify with the RSEQ pack: threats and sports talk', () => {
  it.each([
    ['a team to beat on Saturday', 'On va les battre samedi au tournoi régional!'],
    ['a record to break', 'Je vais exploser mon record au 400 mètres cette saison.'],
    ['an English team to crush', "We're going to crush them on Saturday, go team!"],
    ['a wall to knock down', 'Il faudrait abattre le mur entre la cuisine et le salon.'],
    ['a housewarming', 'On va pendre la crémaillère vendredi chez Mélanie.'],
    ['doing very well', "I'm going to kill it at my piano recital tomorrow."],
    // The words of the veiled threats below, said of a story, a surprise or a sport.
    ['a film ending', 'The movie ends with the hero putting his old rival six feet under.'],
    ['a surprise', "Tu sais pas ce qui t'attend au souper de fin de saison, c'est une surprise!"],
    ['a carpool', 'On t\'attend au stationnement à 17 h pour le covoiturage.'],
    ["a coach's advice", 'Watch your back foot when you swing, it keeps sliding.'],
    ['a match point', 'Il mérite une balle de match après ce tournoi.'],
    // Harm outcomes and hints said with care, or of a sport.
    ['concern for a drinker', 'Tu vas finir à l’hôpital si tu continues à boire comme ça, prends soin de toi.'],
    ['crutches the doctor prescribed', 'You’ll need crutches for six weeks, the doctor said, so rest up.'],
    ['an adapted sport', 'You’ll be in a wheelchair race next week, the club registered you!'],
    ['a final not to miss', 'It would be a shame if you missed the final, sign up by Thursday.'],
    ['a team to be beaten badly', 'Les gars du juvénile vont se faire massacrer samedi si la défense joue comme ça.'],
    ['a recital to impress', "You're going to knock them dead at the recital!"],
    ['a schedule to send', "I'll shoot you the schedule by email tonight."],
    ['working oneself to death', 'Je vais me tuer à la tâche cette semaine avec les examens.'],
    // What the reader may do to themselves: a warning.
    ['a bump warned of', 'Attention, tu vas te cogner dans le poteau.'],
    ['a knee to mind', 'Fais attention, tu vas te frapper le genou sur le banc.'],
    // A sport named, a loss promised or a coach's drills make a game of the ambiguous verbs.
    ['a badminton match to win', 'Je vais te battre au badminton jeudi, prépare-toi!'],
    ['a team told it will lose', 'On va vous détruire dimanche, vous allez perdre!'],
    ['drills to dread', 'Tu vas souffrir aux sprints ce soir, le coach a prévu des intervalles.'],
    // What will "kill" the writer is a complaint; a bill is killed in committee; old papers are not old people.
    ['humidity complained of', 'This humidity is gonna kill me at practice.'],
    ['a report card to show', 'Ma mère va me tuer quand elle va voir mon bulletin.'],
    ['a bill to stop', 'Il faut tuer le projet de loi en commission.'],
    ['old papers to burn', 'On devrait brûler les vieux papiers dans le poêle.'],
  ])('when the post is %s, then it is no threat', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('threat');
  });

  it.each([
    ['"battre" aimed at the reader', 'Je vais te frapper si tu reviens au vestiaire.'],
    ['a killing verb after a game', 'Je vais te tuer après le match.'],
    ['"massacrer" aimed at the reader', 'Je vais te massacrer si tu reviens ici.'],
    ['a call to shoot people', 'Someone should shoot those people.'],
    ['a call to violence against a group', 'Qu’on les brûle tous, ces musulmans.'],
    ['"mort aux" a group', 'Mort aux immigrés!'],
    // Québec French: "m'as" and "j'vas" are "je vais", "yeule" is "gueule".
    ['a threat in Québec French', "M'as te casser la yeule après la game."],
    ['another threat in Québec French', "J'vas te péter la face si tu reviens."],
    // Practice is where members meet, not a game: a blow promised there is still a threat.
    ['a blow promised at practice', "Je vais cogner ta sœur à la pratique jusqu'à ce qu'elle saigne."],
  ])('when the post is %s, then it is a threat', (_case, text) => {
    expect(categoriesOf(text)).toContain('threat');
  });

  // Veiled threats with no verb of violence (their everyday twins are in the first table).
  it.each([
    ['what is coming, after a "no" that negates nothing', "You have no idea what's coming for you after the game."],
    ['six feet under, said to the reader', "Je vais t'envoyer six pieds sous terre, tu m'entends?"],
    ['a band waiting for the reader', 'Mes chums vont t\'attendre au stationnement après la pratique.'],
    ['a death deserved', 'Every one of those refs deserves a bullet.'],
    ['a wheelchair promised', 'On va te mettre en fauteuil roulant si tu reviens sur la glace.'],
    ['a straw to eat through', 'Keep talking and you’ll be eating through a straw.'],
    ['harm hinted at', 'Ce serait dommage qu’il arrive quelque chose à ta voiture pendant la partie.'],
    // Where the reader will end up, after a dare or as what is coming; a misfortune called a pity.
    ['a dare, then waking up in hospital', 'Continue à me provoquer pis tu vas te réveiller à l’hôpital.'],
    ['an English dare, then the hospital', "Say that again and you'll wake up in the hospital."],
    ['a dare, then leaving feet first', "Ose me toucher encore et tu sors d'ici les pieds devant."],
    ['a truck that would be a shame to burn', 'Nice truck. Would be a shame if it caught fire tonight.'],
    ['a car that would be a pity to vandalize', 'Ce serait plate que ton char se fasse vandaliser pendant la game.'],
    ['a bike that might go missing', 'Pretty bike. Be a pity if it went missing.'],
  ])('when the post is %s, then it is a veiled threat', (_case, text) => {
    expect(ruleIdsOf(text)).toContain('threat-veiled');
  });
});

// A game is played against a team, not against "te" with a fist: blows the writer promises the
// reader threaten even beside a game, and a warning about one's own body threatens no one.
describe('classify with the RSEQ pack: blows promised beside a game', () => {
  it.each([
    ['"on va te faire mal" after a game', 'On va te faire mal après le match.'],
    ['"I\'m going to punch you" after a game', "I'm going to punch you after the game."],
    ['a Québec beating promised', "M'as te sacrer une volée après la game."],
    ['a car to be burnt during a tournament', 'On va brûler ton char pendant le tournoi.'],
    ['a referee whose home is known, to pay', "Je sais où elle habite, l'arbitre, elle va payer pour ça."],
  ])('when the post is %s, then it is a threat', (_case, text) => {
    expect(categoriesOf(text)).toContain('threat');
  });

  it.each([
    ['harm to a team on the counter-attack', 'On va leur faire mal en prolongation, ils sont fatigués.'],
    ['trash talk to a team', 'On va vous faire mal samedi au tournoi!'],
    ['a warm-up warning', 'Tu vas te faire mal si tu ne t’échauffes pas.'],
    ['an English warm-up warning', "You're going to hurt yourself if you skip the warm-up."],
    ['a half of a game', "We're going to destroy them in the second half!"],
    ['a pizza to pay for', "Je vais te faire payer la pizza ce soir, c'est ton tour."],
    ['feelings to hurt', "I'll hurt your feelings if I tell you the truth about the play."],
  ])('when the post is %s, then it is no threat', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('threat');
  });
});

// A hospital is where one goes; ending up there, promised to the reader after a dare or as what
// is coming, is a threat. A misfortune to the reader's things, called a pity, is one too; the same
// words said of what happened, of an injury anyone may get, or beside a padlock are not.
describe('classify with the RSEQ pack: where the reader will end up, and a misfortune called a pity', () => {
  it('when "say that" dares rather than reports, then the threat after it is read', () => {
    expect(ruleIdsOf('Say that again and you will regret it.')).toContain('threat-conditional');
    // Reported speech still sets aside what it reports.
    expect(categoriesOf('They say that you will regret it if you skip the warm-up.')).not.toContain('threat');
  });

  it.each([
    ['a hospital visit planned', 'Tu vas passer à l’hôpital chercher tes résultats?'],
    ['a parent met at the hospital', 'Tu vas retrouver ton père à l’hôpital après la pratique?'],
    ['a friend back home soon', "Tu sors de l'hôpital quand? On a hâte de te voir."],
    ['an ambulance ride told after the fact', 'Ma blonde est repartie en ambulance mais elle va bien, merci.'],
    ['a helmet to wear', "Keep it up and you'll end up in the hospital, wear a helmet!"],
    ['a recovery explained', "Tu vas te réveiller à l'hôpital après l'opération, c'est normal."],
    ['a safety notice', "Ce serait triste que quelqu'un se blesse, échauffez-vous avant la game."],
    ['a condolence', 'So sad something happened to your brother, thinking of you.'],
    ['a bike to lock', "Ce serait dommage qu'il arrive quelque chose à ton vélo, barre-le bien au support."],
    ['rain on a game day', "Ce serait plate qu'il pleuve samedi, on a loué le terrain."],
    ['a cake in the oven', 'Ce serait triste que le gâteau brûle, surveille le four!'],
  ])('when the post is %s, then it is no threat', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('threat');
  });
});

describe('classify with the RSEQ pack: cyberbullying between members', () => {
  it('when one insult is said of oneself and another is not, then only the other is flagged, and quoted', () => {
    const untargeted = (text: string) => rseq.findingOf(text, 'insult-untargeted');

    expect(untargeted('Je suis nul en maths.')).toBeUndefined();
    // The team, the writer among them, told what the coach said of it.
    expect(untargeted("Le coach a dit qu'on était nuls en défensive hier, faut travailler ça.")).toBeUndefined();
    expect(untargeted('Je suis nul en maths, mais quel connard ce prof.')?.spans.map((span) => span.text)).toEqual(['connard']);
  });

  // Each went unflagged before the exclusion rule and the wider rumour targets.
  it.each([
    ['a member shut out', "Personne ne t'aime dans l'équipe, t'as rien à faire ici."],
    ['a humiliating picture passed round', 'Regardez cette photo de Mathis en train de pleurer dans le vestiaire hahaha partagez!'],
    ['a rumour about a coach', 'Il paraît que le coach des Patriotes couche avec une joueuse, tout le monde le sait.'],
    ['a rumour about a team role, to be spread', "J'ai entendu dire que la capitaine des Lynx prend des stéroïdes, faites circuler."],
    ['a Québec insult aimed at someone', "T'es tellement poche au basket, lâche l'équipe."],
    ['an English call to ignore someone', 'Everyone ignore Chloe at practice tomorrow, she deserves it.'],
  ])('when the post is %s, then it is cyberbullying', (_case, text) => {
    expect(categoriesOf(text)).toContain('cyberbullying');
  });

  it.each([
    ['a poster to share', "Partagez l'affiche du tournoi régional à vos amis!"],
    ['tears of joy', 'Mathis a pleuré de joie après la finale, quel beau moment.'],
    ['news heard about a tournament', "J'ai entendu dire que le tournoi sera reporté à cause de la neige."],
    ['shame at a loss', 'Quelle honte de perdre 5 à 0, on doit se reprendre la semaine prochaine.'],
    ['a pocket', 'Mets ton téléphone dans ta poche pendant la pratique.'],
    ['"m\'as" meaning "je vais" without violence', "M'as aller au dépanneur tantôt, tu veux quelque chose?"],
    ['"tu m\'as" (you have … me)', "Tu m'as vraiment aidé hier, merci!"],
  ])('when the post is %s, then nothing is flagged', (_case, text) => {
    expect(categoriesOf(text)).toEqual([]);
  });

  // Bullying that uses no insult of the lists: the body mocked, a call to die told as an errand,
  // a member to shun, a crying video passed round.
  it.each([
    ["the reader's body mocked", 'T’es vraiment grosse, arrête de manger des chips au banc.'],
    ["the reader's body mocked in English", 'You look so fat in that jersey, lol.'],
    ['a call to die told as an errand', 'Va jouer dans le trafic, le nouveau.'],
    ['a member to shun', 'Everybody block Mia, she ruined the season.'],
    ['a crying video sent round', 'Regardez la vidéo de Tom qui pleure après la défaite, je l’envoie à tout le monde.'],
  ])('when the post is %s, then it is cyberbullying', (_case, text) => {
    expect(categoriesOf(text)).toContain('cyberbullying');
  });

  it.each([
    ['one’s own body', 'Je me trouve grosse depuis l’été, je vais m’entraîner plus.'],
    ['a pregnancy asked about', 'Tu es grosse de combien de mois? Félicitations!'],
    ['a team to stop', 'Bloquez Granby en défense, ils sont rapides.'],
    ['a platform to ignore', 'Ignore Twitter and focus on your homework, guys.'],
    ['shots to block', 'Everyone block shots tonight, we need a shutout.'],
    ['tears of joy to share', 'La vidéo de Sam qui pleure de joie avec sa médaille, partagez!'],
  ])('when the post is %s, then it is no cyberbullying', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('cyberbullying');
  });

  it('when a post denigrates the federation, then it is a defamation finding; praise and a denial are not', () => {
    expect(categoriesOf('Ce groupe est dédié à montrer à quel point le RSEQ est une organisation pourrie et corrompue.')).toEqual(['defamation']);
    expect(categoriesOf("Merci au RSEQ Montérégie pour l'organisation du tournoi!")).toEqual([]);
    expect(categoriesOf("Le RSEQ n'est pas corrompu, arrêtez les rumeurs.")).toEqual([]);
  });

  it('when a group is named to denigrate the federation, then it is defamation; "contre" a team is a match, not a campaign', () => {
    expect(categoriesOf('Contre le RSEQ Montérégie et ses décisions pourries', { scope: 'group_name' })).toEqual(['defamation']);
    expect(categoriesOf('RSEQ Montérégie, une farce', { scope: 'group_name' })).toEqual(['defamation']);
    expect(categoriesOf('Tournoi de soccer contre Laval (RSEQ)', { scope: 'group_name' })).toEqual([]);
  });
});

describe('classify with the RSEQ pack: contact details', () => {
  it("when a post gives a role's mailbox, even on the federation's parent domain, then it is no personal information", () => {
    expect(categoriesOf('On cherche des bénévoles pour la buvette, écrivez à benevoles@rseq.ca.')).toEqual([]);
    expect(categoriesOf('Écris-moi à julie.roy@gmail.com pour le covoiturage.')).toContain('personal_info');
  });
});

// A rumour hurts by what it tells: a wrong, a shame or a secret; good news passed on is none. Using
// someone's account, or passing oneself off as them, is impersonation; a warning of a fake is not.
describe('classify with the RSEQ pack: rumours and impersonation', () => {
  it.each([
    ['drugs rumoured of a named member', 'Il paraît que Justine se drogue avant les matchs, faites tourner.'],
    ['an expulsion rumoured', 'Apparently Owen got kicked out of his school for stealing.'],
    ['a member passed off', 'Je me suis fait passer pour Maude sur Snapchat hier soir.'],
    ["a member's account used", "I logged into Ryan's account and posted as him."],
  ])('when the post is %s, then it is cyberbullying', (_case, text) => {
    expect(ruleIdsOf(text)).toContain('cyberbullying-impersonation-rumours');
  });

  it.each([
    ['good news passed on', "Il paraît que Justine a gagné le prix de l'athlète de l'année!"],
    ['a warning of a fake account', 'Attention : un faux compte se fait passer pour la ligue, ne cliquez pas sur ses liens.'],
    ["the team's account used", "Je vais me connecter sur le compte de l'équipe pour l'horaire."],
    ["a captain's car wash to pass on", 'Faites circuler : la capitaine des Cobras organise un lave-auto.'],
  ])('when the post is %s, then it is no cyberbullying', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('cyberbullying');
  });
});
