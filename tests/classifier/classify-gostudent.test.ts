import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

const gostudent = createPackReader('gostudent');
const { categoriesOf, ruleIdsOf } = gostudent;

describe('classify with the GoStudent pack', () => {
  it('when a grooming message also asks for a password or promises a surprise, then it is still urgent', () => {
    // A password or a surprise anywhere in the post once excused the grooming signs.
    const severitiesOf = (text: string) => gostudent.verdictOf(text).findings.map((finding) => `${finding.ruleId}/${finding.severity}`);
    expect(severitiesOf('Ne dis rien à tes parents, ce sera notre petit secret. Donne-moi aussi ton mot de passe Snapchat.')).toContain('safeguarding-grooming/urgent');
    expect(severitiesOf('I have a surprise for you, but don’t tell your parents.')).toContain('safeguarding-grooming/urgent');
    expect(severitiesOf('Le tuteur a rappelé à mon fils de garder son mot de passe secret.')).toEqual([]);
    expect(severitiesOf('Ne dis rien à tes parents pour la fête surprise, c’est un secret!')).toEqual([]);
  });

  it('when a message sexualises a minor, then it is an urgent safeguarding finding', () => {
    const { findings } = gostudent.verdictOf("Send me nudes, you're only 14 but so mature");

    expect(findings[0]).toMatchObject({ category: 'safeguarding', severity: 'urgent' });
  });

  // Grooming signs read in order; the same words in everyday order are not signs.
  it.each([
    ['a secret kept from the parents', 'Le tuteur a demandé à ma fille de garder leurs appels secrets.'],
    ['telling no one', 'He told my son not to mention their chats to anyone.'],
    ['a meeting without the parent', 'The tutor wanted to meet my son at the mall without me.'],
  ])('when a post tells of %s, then it is an urgent safeguarding finding', (_case, text) => {
    const { findings } = gostudent.verdictOf(text);

    expect(findings.find((finding) => finding.ruleId === 'safeguarding-grooming')).toMatchObject({ severity: 'urgent' });
  });

  // A picture of the child asked for is a sign when a tutor or a stranger asks, not the family or friends.
  it.each([
    ['a tutor asking a child for pictures of her', "Mon tuteur m'a demandé des photos de moi."],
    ['someone asking for pictures, hidden from the parents', "Il m'a demandé des photos de moi et de ne pas le dire à mes parents."],
    ['someone asking for pictures, hidden from the mother', 'He asked for pictures of me, and said not to tell my mom.'],
  ])('when a child tells of %s, then it is an urgent grooming sign', (_case, text) => {
    expect(gostudent.findingOf(text, 'safeguarding-grooming')).toMatchObject({ severity: 'urgent' });
  });

  it.each([
    ['friends asking for pictures from a party', "Mes amis m'ont demandé des photos de moi au party."],
    ['a mother asking for a picture', "Ma mère m'a demandé une photo de moi avec mon diplôme."],
    ['a mother asking for a picture, in English', 'My mom asked for a picture of me in my new uniform.'],
    ['friends asking for pictures from a game', 'My friends asked for pictures of me at the game.'],
  ])('when a child tells of %s, then it is no grooming sign', (_case, text) => {
    expect(ruleIdsOf(text)).not.toContain('safeguarding-grooming');
  });

  it.each([
    ['a password kept secret', 'Le tuteur a rappelé à mon fils de garder son mot de passe secret.'],
    ['answers not to be shared', "He said I shouldn't mention the test answers to my classmates."],
    ['a meeting with the parent', 'The tutor wanted to meet my son and me at the library for the first session.'],
  ])('when a post tells of %s, then it is no grooming sign', (_case, text) => {
    expect(ruleIdsOf(text)).not.toContain('safeguarding-grooming');
  });

  // A tutor treating a student as an intimate; a parent or a family says the same words.
  it.each([
    ['a pet name', "The tutor keeps calling my daughter 'baby girl' in the chat.", 'baby girl'],
    ['a ride offered', 'Le tuteur a proposé de raccompagner ma fille chez elle après la séance.', 'raccompagner'],
    ['money given', 'The tutor sent my son money on his phone and told him to buy himself something nice.', 'sent'],
    ['"your parents do not understand you"', 'Le tuteur dit à mon fils que ses parents ne le comprennent pas comme lui.', 'comprennent'],
  ])('when a tutor is said to give %s, then it is an urgent safeguarding finding quoting it', (_case, text, quoted) => {
    const finding = gostudent.findingOf(text, 'safeguarding-boundaries');

    expect(finding).toMatchObject({ category: 'safeguarding', severity: 'urgent' });
    expect(finding?.spans.map((span) => span.text).join(' ')).toContain(quoted);
  });

  it.each([
    ['a parent calling their own child a pet name', 'Ma fille, ma belle grande, a eu 90 % en maths grâce au tuteur.'],
    ['a parent fetching their child', 'I pick my daughter up from school before her tutoring session.'],
    ['a family sending kisses to the tutors', "Bisous à toute l'équipe de tuteurs, merci pour cette belle année!"],
    ['safety advice naming the sign', 'Safety tips: if a tutor asks if you are alone in your room, tell your parents.'],
  ])('when a post tells of %s, then it is no safeguarding finding', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('safeguarding');
  });

  // Harmful media with a word between, or sent in a lesson with no tutor named; a child's body remarked on.
  it.each([
    ['a video said to be very violent', 'Le tuteur a montré une vidéo vraiment violente à mon fils pendant la séance.', 'safeguarding-inappropriate-conduct'],
    ['a porn link sent in a lesson, no tutor named', "Pendant le cours, il m'a envoyé un lien vers un site porno.", 'safeguarding-inappropriate-conduct'],
    ["remarks on a daughter's chest", 'La tutrice a fait des remarques sur la poitrine de ma fille.', 'safeguarding-sexual-minor'],
    ["a son's legs praised on camera", 'He told my son his legs looked good in shorts on camera.', 'safeguarding-sexual-minor'],
  ])('when a post tells of %s, then it is a safeguarding finding', (_case, text, ruleId) => {
    expect(ruleIdsOf(text)).toContain(ruleId);
  });

  it.each([
    ['an interesting video', 'Le tuteur a montré une vidéo vraiment intéressante sur les volcans pendant la séance.'],
    ['a graphic design video', "My son's tutor played a graphic design video for his art project."],
    ["a link to the ministry's site in a lesson", "Pendant le cours, il m'a envoyé un lien vers le site du ministère."],
    ['remarks on punctuation', 'La tutrice a fait des remarques sur la ponctuation de ma fille.'],
    ['the human body in biology', 'Le tuteur a parlé du corps humain en cours de biologie.'],
    ['answers that looked good', 'He told my son his answers looked good on the worksheet.'],
  ])('when a post tells of %s, then it is no safeguarding finding', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('safeguarding');
  });

  it('when a tutor asks to move to Snapchat, then it is a safeguarding finding', () => {
    expect(categoriesOf('Add me on snapchat so we can talk privately')).toEqual(['safeguarding']);
  });

  // Disclosure of sensitive information: a named student's health, family or grades.
  it.each([
    ['a diagnosis and failing grades', 'Mon élève Léa Bouchard a un TDAH sévère et elle coule toutes ses matières.'],
    ['a grade in a subject', 'Mon élève Zoé Martin a 42 % en français, je ne sais plus quoi faire avec elle.'],
    ['a child named through the family', 'La fille des Gagnon, Emma, vit en famille d’accueil depuis l’an passé.'],
    ['an English family situation', 'Tutoring Olivia Chen tonight, she failed her last three tests and her mom is in rehab.'],
  ])('when a post tells %s of a named student, then it is sensitive personal information', (_case, text) => {
    expect(categoriesOf(text)).toEqual(['personal_info']);
  });

  it.each([
    ['advice asked about an unnamed student', 'Comment aider un élève qui a un TDAH à rester concentré pendant une séance en ligne?'],
    ["a parent on their own child", 'Mon fils Noah est autiste et son tuteur est d’une patience incroyable.'],
    ["a student's own grade beside the tutor's name", 'Merci à mon tuteur Marc Dubois, grâce à lui j’ai eu 85 % en chimie!'],
    ['a discount beside a tutor\'s name', 'Notre tutrice Julie Roy offre 20 % de rabais ce mois-ci!'],
    ['a named speaker on a subject', 'Marie Tremblay gave a talk on anxiety and exam stress for parents.'],
    // Found on the dev data: an @-mention is whom one speaks to, not a student named.
    ['thanks to a handle about a subject', '@julie_b merci pour tes conseils sur le TDAH, ça m’aide beaucoup!'],
    ['a verb that merely shares a stem', 'Faites entrer des élèves en même temps, échouez leur intégration, et voilà Marie Tremblay déçue.'],
  ])('when a post is %s, then it is no disclosure', (_case, text) => {
    expect(categoriesOf(text)).toEqual([]);
  });

  // Grooming seldom uses sexual words: these went unflagged before the grooming rule.
  it.each([
    ['secrecy and a meeting, told by the student', "Mon tuteur veut qu'on se rencontre au parc samedi, seuls, et il m'a dit de ne rien dire à mes parents."],
    ['flattery about age and a meeting', "Mon tuteur m'a dit que j'étais très mature pour mes 13 ans et qu'on devrait se voir en personne."],
    ['pictures asked as a secret', "My tutor keeps asking for pictures of me and says it's our little secret."],
    ['a question about what a child wears', 'The tutor asked my daughter what she was wearing during the video call.'],
    ['a hyphenated age and being alone', 'The tutor messaged my 11-year-old at midnight asking if she was alone.'],
    ['a parent asking how to report pictures asked of a child', 'My tutor asked my daughter for pictures of her, how do I report it?'],
    // Found by probe tutor-conduct: body remarks, a tutor undressed, a camera turned to a bed, a visit kept quiet.
    ['a remark on a child\'s body', 'The tutor told my 10-year-old son he has a nice body.'],
    ['a picture of himself shirtless', 'Il m’a envoyé une photo de lui torse nu pendant le cours.'],
    ['a camera to turn to a bed', 'He asked me to turn my camera towards my bed, then he smiled.'],
    ['a visit to the tutor kept quiet', 'Il m’a invitée à venir chez lui, sans en parler à personne.'],
    // A child's own report, with no tutor or child named: a sign asked of them.
    ['pictures asked of the writer', 'Elle m’a demandé des photos de moi avant de dormir.'],
    ['calls to keep secret', 'He asked me to keep our calls a secret.'],
    ['a tutor sexualising a student, told by the student', "Mon tuteur m'a demandé de lui envoyer des photos de moi en maillot de bain."],
  ])('when a post shows %s, then it is an urgent safeguarding finding', (_case, text) => {
    const { findings } = gostudent.verdictOf(text);

    expect(findings.map(({ category, severity }) => ({ category, severity }))).toContainEqual({ category: 'safeguarding', severity: 'urgent' });
  });

  it.each([
    ['a parent praising a child', 'My daughter is very mature for her age when it comes to organizing her homework.'],
    ['a secret to success', "Le secret pour réussir en maths, c'est de pratiquer tous les jours."],
    ['a photo of a worksheet', 'The tutor sent a photo of the worksheet so we could review it together.'],
    ['a surprise kept from parents', "Don't tell your parents, but the surprise party for the tutor is on Friday!"],
    ['safety advice naming the signs', 'Safety tips: if a tutor asks for pictures of you or to keep a secret, tell your parents and report it.'],
    ['French safety advice', "Rappel de sécurité : si un tuteur te demande des photos de toi ou de garder ça secret, parles-en à tes parents."],
    ['parents meeting the tutor', "On s'est rencontrés en personne à la réunion de parents, la tutrice est très gentille."],
    // Everyday in online lessons: these phrases were dropped from the grooming signs.
    ['a camera asked on for a quiz', 'The tutor asked all students to keep their camera on during the quiz.'],
    ['homework in a bedroom', 'My son does his homework in his room after the lesson.'],
    ['a camera asked on for an oral exam', "Le tuteur a demandé à mon fils d'allumer sa caméra pour l'oral."],
    ['a game between two schools', 'The game between us and the students from Laval is on Friday.'],
    // "enlever son chandail" is asked; "a enlevé son chandail" is told.
    ['a child who took off a sweater in the heat', 'Ma fille a enlevé son chandail parce qu’il faisait chaud.'],
    ['a picture of homework asked for', 'He asked me for a picture of my science project.'],
    // A group photo is no approach (probe tutor-conduct-unseen had one as an urgent false flag).
    ['a group selfie of the tutors', 'Les tuteurs ont pris un selfie de groupe à la fin de l’atelier.'],
    ['a team selfie of the tutors', 'Our tutors took a team selfie at the spring fair!'],
    // "sa femme" is his wife, not women: the model rated this one hateful.
    ['a tutor talking of his wife and children', 'Le tuteur a parlé de sa femme et de ses enfants pour briser la glace.'],
  ])('when a post is %s, then nothing is flagged', (_case, text) => {
    expect(categoriesOf(text)).toEqual([]);
  });

  it.each([
    ['"viens sur Discord"', 'Viens sur Discord, on pourra parler de tes devoirs.'],
    ['"her Instagram"', 'The tutor asked my 13 year old for her Instagram.'],
    ['"donne-moi ton numéro"', 'Donne-moi ton numéro de cell, on se texte ce soir.'],
    ['"se parler sur Messenger au lieu de la plateforme"', 'On peut se parler sur Messenger au lieu de la plateforme?'],
    ['"continue on Zoom outside the app"', "Let's continue on Zoom outside the app, it's cheaper for your parents."],
    ['"tu as Snap?"', 'Tu as Snap?'],
  ])('when a post moves contact outside with %s, then it is a safeguarding finding', (_case, text) => {
    expect(categoriesOf(text)).toEqual(['safeguarding']);
  });

  it.each([
    ['app notifications turned off', 'Turn off the app notifications during class.'],
    ['a question about a favourite subject', "What's your favorite subject?"],
    ['something seen on TikTok', "J'ai vu ça sur TikTok hier, trop drôle."],
    ['homework sent through the platform', 'Can I send you my homework through the platform?'],
  ])('when a post mentions %s, then no contact is moved outside', (_case, text) => {
    expect(categoriesOf(text)).toEqual([]);
  });
});

// Grooming cuts a child off from the parents: who is watching, whether the parents read the
// phone, the parents put down; and asks what the child wears. The same words bring the parents
// in, praise a piece of work or teach the words for clothes.
describe('classify with the GoStudent pack: a child cut off from the parents', () => {
  it.each([
    ['the parents\' reading of the phone probed', 'La tutrice a demandé à mon fils si ses parents lisent ses messages.'],
    ['a child told her mother does not understand her', 'Il m\'a dit que ma mère ne me comprend pas comme lui.'],
    ['a mother called too strict by the tutor', 'The tutor told my son his mom is too strict with him.'],
    ['a closed door checked', 'He keeps asking if my door is closed during the lesson.'],
    ['what the child wears asked', 'Le tuteur m\'a demandé ce que je porte ce soir.'],
    ['whether anyone is home asked', 'He asked if anyone was home before we started.'],
  ])('when the post tells of %s, then it is safeguarding', (_case, text) => {
    expect(categoriesOf(text)).toContain('safeguarding');
  });

  it.each([
    ['a piece of work called mature', "The tutor said my son's essay is mature for his age."],
    ['a lesson on the words for clothes', 'La tutrice m\'a demandé ce que je porte pour pratiquer le vocabulaire des vêtements.'],
    ['the parents invited to hear the feedback', 'The tutor asked if my parents were home so they could hear the feedback.'],
    ['grades the parents see', 'Le tuteur a demandé si mes parents regardent mes notes sur la plateforme.'],
    ['a safety tip', 'Safety tip: if anyone asks whether you are home alone, tell your parents.'],
  ])('when the post tells of %s, then it is no safeguarding case', (_case, text) => {
    expect(categoriesOf(text)).not.toContain('safeguarding');
  });
});
