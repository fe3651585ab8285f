import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

const portage = createPackReader('portage');
const gostudent = createPackReader('gostudent');
const immerse = createPackReader('immerse');

// A person telling they mean to end their life breaks no policy, but the team must reach them
// first: rule self-harm-disclosure is urgent safeguarding in every pack, never a threat.
describe('classify: the writer telling they mean to end their life', () => {
  it.each([
    ['a suicide planned', 'Je pense à me suicider depuis que je suis sorti du programme.'],
    ['no wish to live', "Je n'ai plus envie de vivre, même mes enfants me parlent plus."],
    ['an end to one\'s days', 'Demain je mets fin à mes jours, ma décision est prise.'],
    ['an English plan', "I'm going to kill myself this weekend, I'm so tired."],
    ['a means beside a farewell', 'I have the rope in the garage. Goodbye everyone.'],
    ['a wish never to wake up', 'Some nights I just want to never wake up.'],
  ])('when the post is %s, then it is urgent safeguarding and no threat', (_case, text) => {
    const finding = portage.findingOf(text, 'self-harm-disclosure');
    expect(finding).toMatchObject({ category: 'safeguarding', severity: 'urgent' });
    expect(finding!.explanation.fr).toContain('risque suicidaire');
    expect(portage.categoriesOf(text)).not.toContain('threat');
  });

  it.each([
    ['work to overdo', 'Je vais me tuer à la tâche avec la paperasse cette semaine.'],
    ['a laugh', 'Je veux mourir de rire, regardez cette vidéo du party de Noël.'],
    ['a file to close', "J'ai envie d'en finir avec ce rapport avant vendredi."],
    ['a prevention week', 'La semaine de prévention du suicide commence lundi au centre.'],
    ['a resource offered to the reader', "Si tu as envie de mourir, appelle une ligne d'écoute, on est là."],
    ['an uncle remembered', 'Mon oncle a mis fin à ses jours il y a dix ans; on en parle ouvertement.'],
    ['a life found again', "J'ai retrouvé l'envie de vivre grâce à la thérapie."],
    ['a discharge thank-you', 'Merci pour tout, je repars avec mes médicaments et un plan de suivi.'],
    ['an English laugh', "I'm going to kill myself laughing at this clip."],
    ['a wish denied', "I don't want to die before I see Japan."],
  ])('when the post is %s, then it is no self-harm disclosure', (_case, text) => {
    expect(portage.ruleIdsOf(text)).not.toContain('self-harm-disclosure');
  });

  it('when a student writes it on the tutoring platform, then it is urgent safeguarding there too', () => {
    expect(gostudent.findingOf("J'ai plus envie de vivre, personne m'aime à l'école.", 'self-harm-disclosure')).toMatchObject({
      severity: 'urgent',
    });
  });

  it('when a member writes it in Japanese, then the language-learning community sees it', () => {
    expect(immerse.ruleIdsOf('もう死にたい。誰も分かってくれない。', { lang: 'ja' })).toContain('self-harm-disclosure');
  });
});
