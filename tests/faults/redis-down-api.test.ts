import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { upsertSource } from '../../db/source-repository.js';
import { relayPendingCrawlRequests } from '../../jobs/crawl-requests.js';
import { jobIdFor } from '../../jobs/queues.js';
import { apiDepsOf, aSignedInUser, startApi, type Session } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventually, restartablePort } from '../support/processes.js';
import { startRedisServer } from '../support/redis-server.js';

// Test 30 of RELIABILITY.md: crawl requests made while Redis is down are answered 503 at once,
// saved in the store (an outbox), and queued when Redis is back.

const children: ChildProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'monitor-redis-down-api-'));
let port: number;
let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;

beforeAll(async () => {
  port = await restartablePort();
  await startRedisServer(port, scratch, children);
  context = await createTestContext('redis-down-api', {}, { redisUrl: `redis://127.0.0.1:${port}` });
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'A' });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: 'B' });
  await upsertSource(context.store.models, { sourceId: 'forum-a', org: 'org-a', type: 'html', url: 'https://forum.example.org/a' });
  await upsertSource(context.store.models, { sourceId: 'forum-b', org: 'org-b', type: 'html', url: 'https://forum.example.org/b' });
  api = await startApi(apiDepsOf(context));
  admin = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
}, 120_000);

afterAll(async () => {
  await api.close();
  await context.dispose();
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

const requestCrawl = (session: Session, sourceId: string) => session.request('POST', '/api/crawl-requests', { sourceId });

describe('crawl requests and a Redis outage at the API', () => {
  it("when an administrator asks for a crawl, then it is queued once; other organizations' and unknown sources are 404, reviewers 403", async () => {
    const reviewer = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);

    const accepted = await requestCrawl(admin, 'forum-a');
    const body = (await accepted.json()) as { id: string; status: string };

    expect(accepted.status).toBe(202);
    expect(body.status).toBe('queued');
    expect(await context.queues.crawl.getJob(jobIdFor('crawl', 'forum-a', 'request', body.id))).toBeDefined();
    expect((await requestCrawl(admin, 'forum-b')).status).toBe(404);
    expect((await requestCrawl(admin, 'no-such-source')).status).toBe(404);
    expect((await requestCrawl(reviewer, 'forum-a')).status).toBe(403);
    const malformed = await admin.json<{ error: { code: string; message: string } }>('POST', '/api/crawl-requests', { sourceId: 'Not A Source!' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/sourceId: a source id/);
    // The queued request left the outbox; the malformed one never entered it.
    expect(await context.store.models.CrawlRequest.countDocuments({})).toBe(0);
    const sources = await admin.json<{ sources: { sourceId: string; status: { state: string } }[] }>('GET', '/api/sources');
    expect(sources.body.sources.map((source) => source.sourceId)).toEqual(['forum-a']);
  });

  it('when Redis is down, then a crawl request gets 503 within 2 s (the console page says so in French), stays saved as pending, and is queued (and leaves the outbox) once Redis is back', async () => {
    const redis = children.at(-1)!;
    redis.kill('SIGKILL');
    await once(redis, 'exit');

    const started = Date.now();
    const refused = await requestCrawl(admin, 'forum-a');
    const tookMs = Date.now() - started;
    const error = (await refused.json()) as { error: { code: string; message: string } };
    const fromConsole = await admin.form('/sources/forum-a/crawl?lang=fr', {});
    const consolePage = await fromConsole.text();

    expect(refused.status).toBe(503);
    expect(tookMs).toBeLessThan(2_000);
    expect(error.error.code).toBe('service_unavailable');
    expect(fromConsole.status).toBe(503);
    expect(consolePage).toContain('La file de travaux (Redis) ne répond pas : la demande est enregistrée et partira dès son retour : <code>forum-a</code>');
    expect(consolePage).toContain('<tr data-source="forum-a">');
    const pending = await context.store.models.CrawlRequest.find({ status: 'pending' }).sort({ _id: 1 }).lean();
    expect(pending).toHaveLength(2);
    expect(error.error.message).toContain(String(pending[0]!._id));

    await startRedisServer(port, scratch, children);
    // What the workers' relay does every few seconds.
    await eventually(() => relayPendingCrawlRequests(context.store.models, context.queues).catch(() => -1), (relayed) => relayed === 2, 30_000);

    for (const request of pending) expect(await context.queues.crawl.getJob(jobIdFor('crawl', 'forum-a', 'request', String(request._id)))).toBeDefined();
    expect(await context.store.models.CrawlRequest.countDocuments({})).toBe(0);
    expect(await relayPendingCrawlRequests(context.store.models, context.queues)).toBe(0);
  });
});
