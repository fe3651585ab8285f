import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { apiDepsOf, signIn, startApi, type Session } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;
let officer: Session;

const REPORT = {
  org: 'portage',
  category: 'cyberbullying',
  memberName: 'Marc Tremblay',
  memberId: 'marc_t',
  place: 'Groupe Facebook des anciens, fil du 3 mars',
  occurredAt: '2026-03-03T20:15:00-05:00',
  witnesses: 'Deux autres membres du groupe',
  description: 'Il a publié des insultes répétées envers une autre participante pendant toute la soirée.',
  impact: 'La participante a quitté le groupe.',
  links: ['https://facebook.example/groups/anciens/posts/1'],
};

function postReport(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.base}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  context = await createTestContext('api-reports');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
  const r = await aUser(context, [{ org: 'portage', role: 'reviewer' }]);
  const o = await aUser(context, [{ org: 'portage', role: 'safeguarding_officer' }]);
  reviewer = await signIn(api.base, r.email, r.password);
  officer = await signIn(api.base, o.email, o.password);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('POST /api/reports', () => {
  it('when an anonymous member files a report, then it is acknowledged with a reference, flagged for review and linked to the member’s posts', async () => {
    const post = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'm1', author: 'marc_t', text: 'Un message de Marc' });

    const response = await postReport(REPORT);
    const body = (await response.json()) as { reference: string; message: { fr: string; en: string } };

    expect(response.status).toBe(201);
    expect(body.reference).toMatch(/^R-\d{8}-[A-HJ-NP-Z2-9]{6}$/);
    expect(body.message.fr).toContain(body.reference);
    const queue = await reviewer.json<{ items: { id: string; itemType: string; category: string; excerpt: string }[] }>('GET', '/api/flags?category=cyberbullying');
    const row = queue.body.items.find((item) => item.itemType === 'report')!;
    expect(row.excerpt).toContain('insultes répétées');
    const detail = await reviewer.json<{ report: { reference: string; linkedPostIds: string[]; anonymous: boolean } }>('GET', `/api/flags/${row.id}`);
    expect(detail.body.report).toMatchObject({ reference: body.reference, linkedPostIds: [String(post._id)], anonymous: true });
    const audit = await context.store.models.AuditEvent.findOne({ action: 'report.filed' }).lean();
    expect(JSON.stringify(audit)).not.toContain('insultes');
  });

  it('when staff open the member-reports view, then it lists reports only, and the console page links to it', async () => {
    await aFlaggedPost(context, { org: 'portage', category: 'cyberbullying' });
    await postReport(REPORT);

    const reports = await reviewer.json<{ items: { itemType: string }[] }>('GET', '/api/flags?item=report');
    const posts = await reviewer.json<{ items: { itemType: string }[] }>('GET', '/api/flags?item=post');
    const wrong = await reviewer.json<{ error: { message: string } }>('GET', '/api/flags?item=tweet');
    const page = await reviewer.request('GET', '/?item=report&lang=fr');

    expect(reports.body.items.length).toBeGreaterThan(0);
    expect(reports.body.items.every((item) => item.itemType === 'report')).toBe(true);
    expect(posts.body.items.length).toBeGreaterThan(0);
    expect(posts.body.items.every((item) => item.itemType === 'post')).toBe(true);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('query.item');
    const html = await page.text();
    expect(html).toContain('href="/?item=report&amp;lang=fr"');
    expect(html).toMatch(/<option value="report" selected>Signalement d’un membre<\/option>/);
  });

  it('when a reviewer opens a report\'s flag page, then it reads as a member report: what happened, the member it is about, and why it is in the queue', async () => {
    const filed = (await (await postReport({ ...REPORT, memberId: 'report_page_member' })).json()) as { reference: string };
    const report = await context.store.models.Report.findOne({ reference: filed.reference }).lean();
    const flagId = (await context.store.models.Flag.findOne({ itemType: 'report', itemId: report!._id }).lean())!._id;

    const [french, english] = await Promise.all(['fr', 'en'].map(async (lang) => (await reviewer.request('GET', `/flags/${String(flagId)}?lang=${lang}`)).text()));

    expect(french).toContain('<h2>Signalement d’un membre : ce qui s’est passé</h2>');
    expect(french).toContain('<p>Membre en cause : report_page_member</p>');
    expect(french).toContain('Signalé par un membre au moyen du formulaire d’incident.');
    expect(french).not.toContain('<h2>Publication</h2>');
    expect(english).toContain('<h2>Member report: what happened</h2>');
    expect(english).toContain('<p>Member involved: report_page_member</p>');
    expect(english).toContain('Reported by a member through the incident form.');
  });

  it('when a report is about child safety, then it is urgent and only the safeguarding officer sees it', async () => {
    const response = await postReport({ ...REPORT, category: 'safeguarding', description: 'Un tuteur demande à une élève de 13 ans de lui écrire sur une autre application.' });

    const forReviewer = await reviewer.json<{ items: unknown[] }>('GET', '/api/flags?category=safeguarding');
    const forOfficer = await officer.json<{ items: { severity: string }[] }>('GET', '/api/flags?category=safeguarding');

    expect(response.status).toBe(201);
    expect(forReviewer.body.items).toEqual([]);
    expect(forOfficer.body.items.map((item) => item.severity)).toEqual(['urgent']);
  });

  it('when a report is incomplete or carries bad values, then it is 400 naming each problem and nothing is stored', async () => {
    const before = await context.store.models.Report.countDocuments();

    const missing = await postReport({ org: 'portage', place: 'x' });
    const hostile = await postReport({ ...REPORT, links: ['javascript:alert(1)'], status: 'closed', org: 'nowhere' });
    const unknownOrg = await postReport({ ...REPORT, org: 'nowhere' });

    expect(missing.status).toBe(400);
    const missingIssues = ((await missing.json()) as { error: { issues: string[] } }).error.issues;
    expect(missingIssues.some((issue) => issue.startsWith('body.description:'))).toBe(true);
    expect(missingIssues.some((issue) => issue.startsWith('body.place:'))).toBe(true);
    const hostileIssues = ((await hostile.json()) as { error: { issues: string[] } }).error.issues;
    expect(hostileIssues).toContain('body: unknown field(s) status');
    expect(hostileIssues.some((issue) => issue.startsWith('body.links.0:'))).toBe(true);
    expect(unknownOrg.status).toBe(400);
    expect(((await unknownOrg.json()) as { error: { message: string } }).error.message).toBe('body.org: no organization "nowhere"');
    expect(await context.store.models.Report.countDocuments()).toBe(before);
  });

  it('when the public form is posted, then the page acknowledges the reference in French', async () => {
    const form = new URLSearchParams({
      org: 'portage',
      category: 'threat',
      memberName: '',
      place: 'Séance de groupe du mardi',
      occurredAt: '2026-07-14T19:30',
      description: 'Un membre a menacé un intervenant à la fin de la séance de groupe.',
      links: 'https://example.org/a\nhttps://example.org/b',
    });

    const response = await fetch(`${api.base}/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    const page = await response.text();

    expect(response.status).toBe(201);
    const reference = /data-reference>(R-[^<]+)</.exec(page)?.[1];
    expect(page).toContain('Merci. Votre signalement a été reçu sous la référence');
    const stored = await context.store.models.Report.findOne({ reference }).lean();
    expect(stored?.links).toEqual(['https://example.org/a', 'https://example.org/b']);
    expect(stored?.occurredAt?.toISOString()).toBe('2026-07-14T23:30:00.000Z'); // summer time in Québec: UTC−4
  });

  it('when one address files too many reports, then it gets 429 with Retry-After', async () => {
    let last: Response | undefined;
    for (let attempt = 0; attempt < 11; attempt += 1) last = await postReport({ org: 'portage', place: 'x', description: 'trop court' });

    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
