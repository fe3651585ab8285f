import type { StoredGroupFinding } from '../../db/group-repository.js';

/** Days a creator has to fix what a notice lists. */
export const FIX_DAYS = 14;

/**
 * The bilingual notice to a group's creator: what to fix, by when, and where to re-run the check.
 * `link` opens the registration (with the creator's token on the first notice).
 */
export function groupNoticeText(input: {
  orgName: string;
  groupName: string;
  findings: readonly StoredGroupFinding[];
  deadline: Date;
  link: string;
}): { subject: string; text: string } {
  const date = (locale: string) => input.deadline.toLocaleDateString(locale, { dateStyle: 'long', timeZone: 'America/Toronto' });
  const list = (locale: 'fr' | 'en') => input.findings.map((finding) => `- ${finding.explanation[locale]}`).join('\n');
  return {
    subject: `${input.orgName} — groupe non officiel « ${input.groupName} » : corrections demandées / unofficial group: changes requested`,
    text:
      `Bonjour,\n\nVotre groupe « ${input.groupName} » ne respecte pas encore la politique des médias sociaux de ${input.orgName} :\n${list('fr')}\n\n` +
      `Merci de faire ces corrections d'ici le ${date('fr-CA')}, puis de relancer la vérification ici :\n${input.link}\n\n` +
      `---\n\nHello,\n\nYour group "${input.groupName}" does not yet follow ${input.orgName}'s social-media policy:\n${list('en')}\n\n` +
      `Please make these changes by ${date('en-CA')}, then re-run the check here:\n${input.link}\n`,
  };
}
