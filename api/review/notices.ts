import type { DecisionKind } from '../../db/flag-review-repository.js';

/** Decisions that send the member a notice. */
export const NOTIFYING_DECISIONS = ['warn', 'request_removal', 'suspend', 'blacklist'] as const;
type NotifyingDecision = (typeof NOTIFYING_DECISIONS)[number];

const TEMPLATES: Record<NotifyingDecision, { fr: (org: string) => string; en: (org: string) => string }> = {
  warn: {
    fr: (org) =>
      `Bonjour,\n\nUne de vos publications ne respecte pas la politique d'utilisation des médias sociaux de ${org}. ` +
      `Nous vous invitons à relire cette politique. Ceci est un avertissement ; une récidive peut mener à une suspension.`,
    en: (org) =>
      `Hello,\n\nOne of your posts does not follow ${org}'s social-media policy. ` +
      `Please read the policy again. This is a warning; a repeat may lead to a suspension.`,
  },
  request_removal: {
    fr: (org) =>
      `Bonjour,\n\nUne de vos publications contrevient à la politique d'utilisation des médias sociaux de ${org}. ` +
      `Nous vous demandons de la retirer dans les plus brefs délais.`,
    en: (org) =>
      `Hello,\n\nOne of your posts breaches ${org}'s social-media policy. Please remove it as soon as possible.`,
  },
  suspend: {
    fr: (org) =>
      `Bonjour,\n\nÀ la suite de manquements répétés à la politique d'utilisation des médias sociaux de ${org}, ` +
      `votre participation est suspendue. La suspension prendra fin lorsque vous aurez confirmé avoir pris connaissance des règles.`,
    en: (org) =>
      `Hello,\n\nAfter repeated breaches of ${org}'s social-media policy, your participation is suspended. ` +
      `The suspension ends once you confirm that you have read the rules.`,
  },
  blacklist: {
    fr: (org) =>
      `Bonjour,\n\nÀ la suite de manquements graves à la politique d'utilisation des médias sociaux de ${org}, ` +
      `vous ne pouvez plus participer à ses espaces en ligne.`,
    en: (org) =>
      `Hello,\n\nAfter serious breaches of ${org}'s social-media policy, you may no longer take part in its online spaces.`,
  },
};

/** The notice to the member for a decision, in French and English; none for dismiss or escalate. */
export function noticeFor(kind: DecisionKind, orgName: string): { fr: string; en: string } | undefined {
  if (!(NOTIFYING_DECISIONS as readonly string[]).includes(kind)) return undefined;
  const template = TEMPLATES[kind as NotifyingDecision];
  return { fr: template.fr(orgName), en: template.en(orgName) };
}
