import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

const rseq = createPackReader('rseq-monteregie');
const portage = createPackReader('portage');

// Bullying between members seldom uses a listed insult: a rejection, a relative put down, a
// comparison, "espèce de" before any word. Each case below has an everyday twin in the same words.
describe('classify with the RSEQ pack: bullying in words no insult list holds', () => {
  it.each([
    ['a rejection aimed at the reader', "Personne veut s'asseoir à côté de toi dans l'autobus."],
    ['an English rejection aimed at the reader', 'Nobody wants to play with you at recess.'],
    // The negation inside the listed opener is what was said, for "toi" after it too.
    ['a rejection whose opener holds a negation', 'On veut pas de toi ici.'],
    ['"espèce de" before an everyday word', "Espèce de cornichon, t'as encore échappé le ballon."],
    ['"espèce de" after a comma', 'Ferme-la, espèce de patate.'],
    ["the reader's mother put down", 'Ta mère est une folle, elle crie comme une hystérique dans les estrades.'],
    ["the reader's brother put down", 'Ton frère est vraiment un ivrogne.'],
    ["the reader's sister put down in English", 'Your sister is a joke.'],
    ['the reader likened to an animal', 'Regarde-toi, t’as l’air d’une vache dans ton uniforme.'],
    ['the reader likened to an animal in English', "You run like a penguin, it's embarrassing to watch."],
    ['"imagine being so" before a put-down', 'Imagine être aussi pathétique, sérieux.'],
    ['the reader called dead weight', "Nobody wants you on the team, you're dead weight."],
    ['shame heaped on the reader', 'Tes parents doivent avoir honte de toi.'],
    ['a call to stop talking to someone named', 'On devrait tous arrêter de parler à Félix, il est tellement bizarre.'],
    ['a call in French to unfriend someone named', 'Unfriendez Maxime, il mérite pas d’être dans le groupe.'],
    ['a fall filmed and passed round', 'Postez la vidéo où Jade tombe dans les escaliers, elle va capoter lol'],
    ['the reader said to stink', "Tu pues, change de chandail."],
    // A word of the kind twins below, said of something else, excuses nothing.
    ['a rejection, then a loss blamed', 'Nobody wants you, you lose every game.'],
    ['a rejection, then a loss blamed, in French', 'Personne veut de toi, tu vas nous faire perdre.'],
  ])('when the post is %s, then it is cyberbullying', (_case, text) => {
    expect(rseq.categoriesOf(text)).toContain('cyberbullying');
  });

  it.each([
    ['nobody wanting to miss a game, then "see you"', 'Nobody wants to miss the final, see you Saturday!'],
    ['nobody wanting to miss a game, in French', 'Personne veut manquer le tournoi de samedi, soyez là à 8 h!'],
    ['nobody wanting to replace the reader', "Personne veut te remplacer, t'es la meilleure capitaine!"],
    ['nobody wanting the reader hurt', 'Nobody wants you to get hurt, stretch before the game.'],
    ['nobody wanting to lose the reader', 'Nobody wants to lose you, get well soon!'],
    ['a wish about what the reader does', "On veut pas que t'arrêtes, tu progresses tellement."],
    ['nobody wanting to play against the reader', "Personne veut jouer contre toi, t'es trop forte!"],
    ['"une espèce de", a kind of', 'Une espèce de brouillard couvrait le terrain.'],
    ['"quelle espèce de", a question about a kind', 'Quelle espèce de chien as-tu?'],
    ['"cette espèce de", a kind of', 'Cette espèce de tempête a annulé la pratique de ce soir.'],
    ["the reader's mother praised", 'Ta mère est une femme extraordinaire, merci pour les muffins.'],
    ["one's own mother, teased", 'Ma mère crie toujours fort dans les estrades, c’est gênant mais drôle.'],
    ['the reader likened to a gazelle', 'Tu cours comme une gazelle, bravo!'],
    ['oneself likened to a tortoise', "J'ai couru comme une tortue aujourd'hui, je suis brûlée."],
    ['"imagine being so" before praise', 'Imagine être aussi rapide que Léa, elle a battu le record.'],
    ['the reader teased for answering slowly', 'T’es lente à répondre aux messages haha.'],
    ['shame denied', "Je n'ai pas honte de toi, je suis fière de toi."],
    ['talking to someone about a loss', 'On devrait tous parler à Félix de la levée de fonds.'],
    ['a fall wished well', 'Elle est tombée dans les escaliers, on lui souhaite bon rétablissement.'],
  ])('when the post is %s, then it is no cyberbullying', (_case, text) => {
    expect(rseq.categoriesOf(text)).not.toContain('cyberbullying');
  });

  it('when the reader is called dead weight, then it is no threat, though "you\'re dead" is one', () => {
    expect(rseq.categoriesOf("Nobody wants you on the team, you're dead weight.")).not.toContain('threat');
    expect(rseq.categoriesOf("You're dead after the game.")).toContain('threat');
  });
});

describe('classify with the Portage pack: the same insult rule', () => {
  it('when a client puts down another reader’s relative or likens them to an animal, then it is cyberbullying', () => {
    expect(portage.categoriesOf('Ton père est un ivrogne, tout le monde le sait.')).toContain('cyberbullying');
    expect(portage.categoriesOf('Tu manges comme un cochon à la cafétéria.')).toContain('cyberbullying');
    expect(portage.categoriesOf('Ton père est un excellent intervenant.')).toEqual([]);
  });
});

// Mockery: a feature likened to an animal, a nickname called out, a miss laughed at, a picture put
// about to be laughed at. The kind twins use the same words.
describe('classify with the RSEQ pack: mockery', () => {
  it.each([
    ["the reader's teeth likened to a rabbit's", "T'as des dents de lapin, souris pas sur la photo d'équipe."],
    ["the reader's voice likened to a duck's", 'Ta voix de canard nous casse les oreilles dans le vestiaire.'],
    ['a nickname called out', 'Salut la baleine, t’as encore mangé toute la pizza?'],
    ['an English nickname called out', 'Hey fatty, leave some food for the team.'],
    ['a miss laughed at', "Tout le monde a ri quand Noémie a raté son lancer, on l'a filmée."],
    ['the reader called a clown', 'T’es un vrai clown, personne te prend au sérieux.'],
    ["the reader's gait likened to a duck's", "Ta démarche de canard fait rire toute l'équipe."],
    ["the reader's neck likened to a giraffe's", 'Ton cou de girafe cache le tableau.'],
    ['an English likeness before the feature', 'Your penguin walk is the funniest thing at practice.'],
    ["the reader's picture put about to be laughed at", 'Je mets ta photo de bal dans ma story pour que tout le monde rie.'],
  ])('when the post is %s, then it is cyberbullying', (_case, text) => {
    expect(rseq.categoriesOf(text)).toContain('cyberbullying');
  });

  it.each([
    ['a voice praised', 'Ta voix de soprano a impressionné tout le monde à la chorale.'],
    ['eyes praised with an animal', "T'as des yeux de biche, c'est magnifique."],
    ['a pet’s teeth', "Mon lapin a des dents énormes, c'est cute."],
    ['the reader likened to a fast animal', 'Tu cours comme un lapin, personne peut te rattraper!'],
    ['a greeting to the gang', 'Salut la grosse gang, on se voit samedi!'],
    ['a mascot said goodbye to', 'Bye le pingouin en peluche, tu vas nous manquer.'],
    ['an English greeting before a pig roast', 'Hey the pig roast is Saturday, bring chairs.'],
    ['a miss filmed for the coach', "Elle a raté son lancer mais on l'a filmée pour analyser sa technique avec le coach."],
    ['a cute picture in a story', "J'ai mis ta photo dans la story, tout le monde va rire tellement c'est cute."],
    ['someone named and praised', "Léa est la meilleure joueuse de l'histoire du club!"],
    ['a team put down', 'Granby est la pire équipe de la ligue cette année.'],
    ['a gait praised', 'Ta démarche de championne impressionne tout le monde.'],
    ['rabbit ears for a show', 'Tes oreilles de lapin pour le spectacle de Pâques sont prêtes.'],
    ['a memory praised with an animal', "T'as une mémoire d'éléphant, tu te souviens de tous les jeux."],
    ['a penguin costume', 'Your penguin costume for the winter show is ready.'],
    // "Clown" is an insult said of the reader; a clown's costume is for a show.
    ["the reader's clown costume for a show", 'Ton costume de clown pour le spectacle de fin d’année est parfait.'],
  ])('when the post is %s, then it is no cyberbullying', (_case, text) => {
    expect(rseq.categoriesOf(text)).not.toContain('cyberbullying');
  });
});

// Telling someone to kill or harm themselves is urgent in every community: the person targeted may
// be at risk. The twins use the same words of nails, work, practice and the weather.
describe('classify: a call to self-harm', () => {
  const immerse = createPackReader('immerse');
  const gostudent = createPackReader('gostudent');

  it.each([
    ['a method named', rseq, 'Va te pendre dans le vestiaire, t’es inutile.', 'Va te pendre'],
    ['the reader better off dead', rseq, 'The team would be better off if you were dead.', 'better off'],
    ['the world better without the reader', portage, 'Le monde serait mieux sans toi, honnêtement.', 'sans toi'],
    ['"do everyone a favour" before a call to die', gostudent, 'Do everyone a favour and end it.', 'end it'],
    ['a call in Japanese', immerse, 'お前なんか自殺しろ', '自殺しろ'],
  ])('when a post holds %s, then it is an urgent cyberbullying finding quoting it', (_case, reader, text, quoted) => {
    const finding = reader.findingOf(text, 'self-harm-incitement');

    expect(finding).toMatchObject({ category: 'cyberbullying', severity: 'urgent' });
    expect(finding?.spans.map((span) => span.text).join(' ')).toContain(quoted);
  });

  it.each([
    ['nails cut before a game', 'Coupe-toi les ongles avant le match, c’est le règlement.'],
    ['"don\'t overwork" in Québec French', 'Tue-toi pas à l’ouvrage, repose-toi avant la finale.'],
    ['a team better off without injuries', 'L’équipe serait mieux sans les blessures de cette saison.'],
    ['the reader denied to be dispensable', 'On serait pas mieux sans toi, t’es notre meilleure joueuse.'],
    ['a season to end well', 'We need to end it on a high note Saturday.'],
    ['a call quoted to report it', 'Quelqu’un m’a écrit « pends-toi » hier, je l’ai signalé au coach.'],
  ])('when a post holds %s, then it is no call to self-harm', (_case, text) => {
    expect(rseq.ruleIdsOf(text)).not.toContain('self-harm-incitement');
  });

  it('when a member is told to die in anger, then it stays an insult, not an urgent case', () => {
    const severities = rseq.verdictOf('Va mourir, sale perdant.').findings.map((finding) => finding.severity);

    expect(severities).toContain('high');
    expect(severities).not.toContain('urgent');
  });
});
