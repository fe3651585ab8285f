import { getNoticeOrThrow, markNoticeFailedAttempt, markNoticeSent, markNoticeSkipped } from '../../db/notice-repository.js';
import type { Models } from '../../db/models/index.js';
import type { Mailer } from '../notices/mailer.js';
import type { Processor } from '../worker.js';

const WEBHOOK_TIMEOUT_MS = 10_000;

export interface SendNoticeDeps {
  models: Models;
  /** Absent when MONITOR_SMTP_URL is unset: e-mail notices are then marked skipped, with the reason. */
  mailer?: Mailer;
  webhookUrl?: string;
  publicUrl: string;
  now: () => Date;
}

/**
 * Sends one stored notice. A notice already sent is not sent again (a duplicated job); a failure
 * is recorded on the notice and rethrown so BullMQ retries with backoff.
 */
export function createSendNoticeProcessor(deps: SendNoticeDeps): Processor<'notify'> {
  return async ({ noticeId }) => {
    const notice = await getNoticeOrThrow(deps.models, noticeId);
    if (notice.status !== 'pending') return { status: notice.status };
    try {
      if (notice.channel === 'email') {
        if (!deps.mailer) {
          await markNoticeSkipped(deps.models, noticeId, 'MONITOR_SMTP_URL is not set: e-mail not sent');
          return { status: 'skipped' };
        }
        await deps.mailer.send({ to: notice.to, subject: notice.subject, text: notice.text });
      } else {
        if (!deps.webhookUrl) {
          await markNoticeSkipped(deps.models, noticeId, 'MONITOR_SAFEGUARDING_WEBHOOK_URL is not set');
          return { status: 'skipped' };
        }
        await postWebhook(deps.webhookUrl, {
          event: notice.kind,
          org: notice.org,
          flagId: String(notice.flagId),
          url: `${deps.publicUrl}/flags/${String(notice.flagId)}`,
        });
      }
    } catch (error) {
      await markNoticeFailedAttempt(deps.models, noticeId, (error as Error).message);
      throw error;
    }
    await markNoticeSent(deps.models, noticeId, deps.now());
    return { status: 'sent' };
  };
}

/** The webhook gets ids and a link only: the content stays behind the console's access control. */
async function postWebhook(url: string, payload: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    redirect: 'error',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}
