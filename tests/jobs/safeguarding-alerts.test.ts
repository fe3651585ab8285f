import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcessors } from '../../app/processors.js';
import { listFlagsForItem } from '../../db/flag-repository.js';
import { listNoticesForFlag } from '../../db/notice-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { startWorkerPool, type WorkerPool } from '../../jobs/worker.js';
import { aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventually } from '../support/processes.js';
import { startSmtpReceiver } from '../support/smtp-receiver.js';

let context: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let webhook: Server;
const hooks: Record<string, string>[] = [];
let pool: WorkerPool;
let resources: ReturnType<typeof buildProcessors>;
const SAFEGUARDING_TEXT = "Send me nudes, you're only 14 but mature";

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as Record<string, string>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolveListen) => webhook.listen(0, '127.0.0.1', () => resolveListen()));
  context = await createTestContext('safeguarding', {
    MONITOR_SMTP_URL: smtp.url,
    MONITOR_SAFEGUARDING_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
    MONITOR_PUBLIC_URL: 'https://monitor.example.org',
  });
  await upsertOrganization(context.store.models, { slug: 'gostudent', name: 'GoStudent' });
  resources = buildProcessors(context);
  pool = await startWorkerPool({ redisUrl: context.redisUrl, prefix: context.config.jobs.queuePrefix, concurrency: 2, processors: resources.processors });
});

afterAll(async () => {
  await pool.close(5_000);
  await resources.close();
  await smtp.close();
  webhook.close();
  await context.dispose();
});

describe('safeguarding alerts', () => {
  it('when a post is classified as a child-safety case, then the officers and admins get an e-mail and the webhook a POST, at once and without the content', async () => {
    const officer = await aUser(context, [{ org: 'gostudent', role: 'safeguarding_officer' }]);
    const admin = await aUser(context, [{ org: 'gostudent', role: 'admin' }]);
    await aUser(context, [{ org: 'gostudent', role: 'reviewer' }]);
    const post = await insertPost(context.store.models, { org: 'gostudent', sourceId: 'chat', externalId: 'c1', text: SAFEGUARDING_TEXT });
    const postId = String(post._id);

    await context.queues.classify.add('classify', { postIds: [postId] }, { jobId: jobIdFor('classify', postId) });
    await eventually(() => smtp.messages.length, (count) => count >= 2 && hooks.length >= 1, 30_000);

    const [flag] = (await listFlagsForItem(context.store.models, 'post', postId)).filter((f) => f.category === 'safeguarding');
    const link = `https://monitor.example.org/flags/${String(flag!._id)}`;
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([admin.email, officer.email].sort());
    for (const message of smtp.messages) {
      expect(message.raw).toMatch(/Subject: =?.*URGENT|Subject: \[URGENT\]/);
      expect(message.raw).toContain(link);
      expect(message.raw).not.toContain('nudes');
    }
    expect(hooks).toEqual([{ event: 'safeguarding_alert', org: 'gostudent', flagId: String(flag!._id), url: link }]);
    const notices = await eventually(() => listNoticesForFlag(context.store.models, String(flag!._id)), (rows) => rows.every((n) => n.status === 'sent'));
    expect(notices).toHaveLength(3);
  });

  it('when the same post is classified again, then nobody is alerted twice', async () => {
    const post = await insertPost(context.store.models, { org: 'gostudent', sourceId: 'chat', externalId: 'c2', text: SAFEGUARDING_TEXT });
    const postId = String(post._id);
    await context.queues.classify.add('classify', { postIds: [postId] }, { jobId: jobIdFor('classify', postId, 'first') });
    await eventually(() => hooks.length, (count) => count === 2, 30_000);
    // The webhook may land before the e-mails: wait until every notice of this first round went out.
    const [flag] = (await listFlagsForItem(context.store.models, 'post', postId)).filter((f) => f.category === 'safeguarding');
    await eventually(() => listNoticesForFlag(context.store.models, String(flag!._id)), (rows) => rows.length === 3 && rows.every((n) => n.status === 'sent'), 30_000);
    const mailsAfterFirst = smtp.messages.length;

    const again = await context.queues.classify.add('classify', { postIds: [postId] }, { jobId: jobIdFor('classify', postId, 'second') });
    await eventually(() => again.getState(), (state) => state === 'completed', 30_000);
    const notifyCounts = await context.queues.notify.getJobCounts('waiting', 'active', 'delayed');

    expect(notifyCounts).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    expect(smtp.messages.length).toBe(mailsAfterFirst);
    expect(hooks).toHaveLength(2);
  });
});

describe('sending a notice', () => {
  it('when no SMTP server is configured, then the e-mail notice is marked skipped with the reason, not lost silently', async () => {
    const { ensureNotice, getNoticeOrThrow } = await import('../../db/notice-repository.js');
    const { createSendNoticeProcessor } = await import('../../jobs/processors/send-notice.js');
    const noticeId = await ensureNotice(context.store.models, {
      org: 'gostudent', flagId: '0123456789abcdef01234567', kind: 'safeguarding_alert', channel: 'email', to: 'x@example.org', subject: 's', text: 't',
    });
    const send = createSendNoticeProcessor({ models: context.store.models, publicUrl: 'https://m.example', now: () => new Date() });

    expect(await send({ noticeId }, { id: 'j', attemptsMade: 0 })).toEqual({ status: 'skipped' });
    expect(await getNoticeOrThrow(context.store.models, noticeId)).toMatchObject({ status: 'skipped', lastError: 'MONITOR_SMTP_URL is not set: e-mail not sent' });
  });

  it('when the webhook answers 500, then the attempt and its error are recorded and the job fails to be retried', async () => {
    const { ensureNotice, getNoticeOrThrow } = await import('../../db/notice-repository.js');
    const { createSendNoticeProcessor } = await import('../../jobs/processors/send-notice.js');
    const failing = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolveListen) => failing.listen(0, '127.0.0.1', () => resolveListen()));
    const noticeId = await ensureNotice(context.store.models, {
      org: 'gostudent', flagId: '0123456789abcdef01234568', kind: 'safeguarding_alert', channel: 'webhook', to: 'webhook', subject: 's', text: 't',
    });
    const send = createSendNoticeProcessor({
      models: context.store.models,
      webhookUrl: `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`,
      publicUrl: 'https://m.example',
      now: () => new Date(),
    });
    try {
      await expect(send({ noticeId }, { id: 'j', attemptsMade: 0 })).rejects.toThrow('webhook answered 500');
      expect(await getNoticeOrThrow(context.store.models, noticeId)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered 500' });
    } finally {
      failing.close();
    }
  });
});
