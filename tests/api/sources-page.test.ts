import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { recordSourceRun, upsertSource } from '../../db/source-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { apiDepsOf, aSignedInUser, startApi, type Session } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;
let reviewer: Session;

beforeAll(async () => {
  context = await createTestContext('api-sources-page');
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'A' });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: 'B' });
  await upsertSource(context.store.models, { sourceId: 'forum-a', org: 'org-a', type: 'html', url: 'https://forum.example.org/a?q="><script>alert(1)</script>' });
  await upsertSource(context.store.models, { sourceId: 'fil-a', org: 'org-a', type: 'rss', url: 'https://forum.example.org/a.rss', schedule: 'every 1 hour' });
  await upsertSource(context.store.models, { sourceId: 'forum-b', org: 'org-b', type: 'html', url: 'https://forum.example.org/b' });
  await recordSourceRun(context.store.models, 'forum-a', { state: 'rejected', itemsSeen: 12, error: { en: 'robots.txt disallows <img src=x onerror=alert(1)>', fr: 'interdit par le robots.txt <img src=x onerror=alert(1)>' } });
  api = await startApi(apiDepsOf(context));
  admin = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
  reviewer = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('the sources page of the console', () => {
  it('when an administrator opens it in French, then their organizations’ sources are listed with state, schedule, posts stored and last error in French, every crawled text escaped', async () => {
    const { status, text } = await admin.page('/sources?lang=fr');

    expect(status).toBe(200);
    expect(text).toContain('<h1>Sources surveillées</h1>');
    expect(text).toContain('<tr data-source="forum-a">');
    expect(text).toContain('<tr data-source="fil-a">');
    expect(text).not.toContain('forum-b');
    expect(text).toContain('data-state="rejected">Refusée (à corriger)</span>');
    expect(text).toContain('data-state="idle">En attente</span>');
    expect(text).toContain('toutes les 30 minutes');
    expect(text).toContain('chaque heure');
    expect(text).toMatch(/<td>12<\/td><td>interdit par le robots\.txt &lt;img src=x onerror=alert\(1\)&gt;<\/td>/);
    expect(text).toContain('<span class="muted">jamais</span>');
    expect(text).toContain('a?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).toContain('<a href="/sources?lang=fr">Sources</a>');
  });

  it('when it is read in English, then the schedule and states are English', async () => {
    const { text } = await admin.page('/sources?lang=en');

    expect(text).toContain('<h1>Watched sources</h1>');
    expect(text).toContain('every 30 minutes');
    expect(text).toContain('data-state="rejected">Refused (needs fixing)</span>');
    expect(text).toContain('<span class="muted">never</span>');
    expect(text).toContain('<td>robots.txt disallows &lt;img src=x onerror=alert(1)&gt;</td>');
  });

  it('when an administrator presses "crawl now", then the crawl is queued and audited, and the page says so; a notice naming a source not on the page is not shown', async () => {
    const response = await admin.form('/sources/fil-a/crawl?lang=fr', {});
    const location = response.headers.get('location') ?? '';
    const after = await admin.page(location);
    const forged = await admin.page('/sources?lang=fr&requested=forum-b');

    expect(response.status).toBe(303);
    expect(location).toBe('/sources?lang=fr&requested=fil-a');
    const [request] = await context.store.models.AuditEvent.find({ action: 'crawl.requested', target: 'source:fil-a' }).lean();
    expect(request).toBeDefined();
    expect(await context.queues.crawl.getJob(jobIdFor('crawl', 'fil-a', 'request', (request!.data as { request: string }).request))).toBeDefined();
    expect(after.text).toContain('Collecte demandée ; elle partira dans quelques secondes : <code>fil-a</code>');
    expect(forged.text).not.toContain('Collecte demandée');
  });

  it('when the source belongs to another organization, or the caller is a reviewer, then nothing is queued: 404 with the way back to the sources, and 403 with no sources link in the menu', async () => {
    const foreign = await admin.form('/sources/forum-b/crawl?lang=fr', {});
    const byReviewer = await reviewer.form('/sources/fil-a/crawl?lang=fr', {});
    const reviewerQueue = await reviewer.page('/?lang=fr');

    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain('<a href="/sources?lang=fr">← Retour à la page précédente</a>');
    expect(byReviewer.status).toBe(403);
    expect((await reviewer.page('/sources?lang=fr')).status).toBe(403);
    expect(reviewerQueue.text).not.toContain('href="/sources');
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'crawl.requested', target: 'source:forum-b' })).toBe(0);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'crawl.requested', target: 'source:fil-a' })).toBe(1);
  });
});
