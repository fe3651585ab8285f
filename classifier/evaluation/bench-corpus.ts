/**
 * A deterministic corpus of French posts of about 250 characters for benchmarks: everyday
 * sentences about programs, sports and tutoring, with one post in ten carrying an insult, a
 * threat, a phone number or a protected group, so every kind of check has work to do.
 */
const OPENINGS = [
  'Super soirée hier au gymnase avec toute l’équipe,', 'Je voulais partager mon expérience avec le programme,',
  'Franchement la séance de tutorat de ce matin était', 'Petit message pour les parents du groupe de soutien,',
  'On a eu une rencontre vraiment intéressante à Montréal,', 'Merci aux bénévoles qui ont organisé la collecte,',
];
const MIDDLES = [
  'les intervenants ont pris le temps d’écouter chacun et les repas étaient corrects même si un peu fades',
  'on a parlé de la prochaine saison, des horaires du vendredi et du transport en autobus pour les matchs',
  'les exercices de mathématiques étaient bien expliqués et la plateforme a fonctionné sans problème',
  'il reste des places pour la sortie de samedi prochain, inscrivez-vous avant jeudi sur le site officiel',
];
const SPICES = [
  ' et franchement t’es un vrai connard si tu penses le contraire',
  ' mais je vais te casser la gueule si tu recommences',
  ' appelez Julie au 514-555-0199 pour les détails',
  ' et les immigrés sont de la vermine, rien de moins',
];
const AFTERTHOUGHTS = [
  'Le stationnement était plein, prévoyez du temps.', 'On se revoit au tournoi régional le mois prochain.',
  'Les photos seront publiées sur la page officielle.', 'Pensez à apporter vos bouteilles d’eau.',
];
const ENDINGS = [' Bonne semaine à tous !', ' À bientôt et merci encore.', ' Hâte à la prochaine fois.'];

export function benchCorpus(count: number): string[] {
  const posts: string[] = [];
  let seed = 12345;
  const pick = <T>(list: readonly T[]): T => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return list[seed % list.length]!;
  };
  for (let i = 0; i < count; i++) {
    const spice = i % 10 === 0 ? pick(SPICES) : '';
    posts.push(`${pick(OPENINGS)} ${pick(MIDDLES)}${spice}. ${pick(AFTERTHOUGHTS)}${pick(ENDINGS)}`);
  }
  return posts;
}
