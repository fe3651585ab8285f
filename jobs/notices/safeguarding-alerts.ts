import { ensureNotice } from '../../db/notice-repository.js';
import type { Models } from '../../db/models/index.js';
import { listUsersWithRole } from '../../db/user-repository.js';
import { jobIdFor, type Queues } from '../queues.js';

export interface AlertOptions {
  publicUrl: string;
  webhookEnabled: boolean;
}

export interface SafeguardingCase {
  org: string;
  flagId: string;
}

/**
 * Text of the alert: bilingual, a link to the console and nothing of the content itself, which
 * stays behind the console's access control.
 */
export function safeguardingAlertText(org: string, link: string): { subject: string; text: string } {
  return {
    subject: `[URGENT] Protection / Safeguarding — ${org}`,
    text:
      `Un cas urgent de protection (un enfant ou une personne en danger) vient d'être signalé pour ${org}.\n` +
      `Consultez-le dans la console (accès réservé aux responsables de la protection) :\n${link}\n\n` +
      `An urgent safeguarding case (a child or a person at risk) was just flagged for ${org}.\n` +
      `Open it in the console (safeguarding officers only):\n${link}\n`,
  };
}

/**
 * Records one alert per safeguarding officer and administrator of the organization (e-mail) and
 * one for the webhook, then queues them. Idempotent: notices are unique per flag and recipient and
 * job ids are derived from the notice, so a retried classification alerts nobody twice.
 */
export async function queueSafeguardingAlerts(models: Models, queues: Queues, options: AlertOptions, found: SafeguardingCase): Promise<number> {
  const link = `${options.publicUrl}/flags/${found.flagId}`;
  const { subject, text } = safeguardingAlertText(found.org, link);
  const officers = await listUsersWithRole(models, found.org, ['safeguarding_officer', 'admin']);
  const recipients: { channel: 'email' | 'webhook'; to: string }[] = [
    ...officers.map((user) => ({ channel: 'email' as const, to: user.email })),
    ...(options.webhookEnabled ? [{ channel: 'webhook' as const, to: 'webhook' }] : []),
  ];
  for (const recipient of recipients) {
    const noticeId = await ensureNotice(models, { org: found.org, flagId: found.flagId, kind: 'safeguarding_alert', subject, text, ...recipient });
    await queues.notify.add('notify', { noticeId }, { jobId: jobIdFor('notify', noticeId), priority: 1 });
  }
  return recipients.length;
}
