import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-repository.js';
import { findSubject } from '../../db/subject-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { apiDepsOf, aSignedInUser, type Session, sessionFrom, signIn, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser, createTwoOrganizations } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewerA: Session;
let reviewerA2: Session;
let reviewerB: Session;
let officerA: Session;
let creator: Session;
let adminA: Session;

interface Page {
  items: { id: string; org: string; category: string; severity: string; status: string; author?: string; excerpt: string; masked: boolean; version: number }[];
  total: number;
  counts: Record<string, number>;
}

beforeAll(async () => {
  context = await createTestContext('api-flags');
  api = await startApi(apiDepsOf(context));
  await createTwoOrganizations(context);
  reviewerA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);
  reviewerA2 = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);
  reviewerB = await aSignedInUser(context, api.base, [{ org: 'org-b', role: 'reviewer' }]);
  officerA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'safeguarding_officer' }]);
  creator = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'group_creator' }]);
  adminA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('organization scoping', () => {
  it("when a reviewer of A asks for B's flags by id or by list, then every answer is 404 or empty, and each attempt is audited", async () => {
    const flagsOfB = await Promise.all([1, 2, 3].map(() => aFlaggedPost(context, { org: 'org-b' })));
    const deniedBefore = await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' });

    const statuses = await Promise.all(flagsOfB.map(async ({ flagId }) => (await reviewerA.request('GET', `/api/flags/${flagId}`)).status));
    const claims = await Promise.all(flagsOfB.map(async ({ flagId }) => (await reviewerA.request('POST', `/api/flags/${flagId}/claim`)).status));
    const list = await reviewerA.json<Page>('GET', '/api/flags?org=org-b');
    const all = await reviewerA.json<Page>('GET', '/api/flags?pageSize=100');

    expect(statuses).toEqual([404, 404, 404]);
    expect(claims).toEqual([404, 404, 404]);
    expect(list.body.items).toEqual([]);
    expect(all.body.items.filter((item) => item.org === 'org-b')).toEqual([]);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' })).toBe(deniedBefore + 6);
    // B's own reviewer sees them.
    expect((await reviewerB.request('GET', `/api/flags/${flagsOfB[0]!.flagId}`)).status).toBe(200);
  });

  it('when a group creator or an anonymous caller asks for the queue, then it is 403 or 401', async () => {
    expect((await creator.request('GET', '/api/flags')).status).toBe(403);
    expect((await fetch(`${api.base}/api/flags`)).status).toBe(401);
  });

  it('when a flag is a safeguarding case, then reviewers do not see it and the safeguarding officer does', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', category: 'safeguarding', severity: 'urgent' });

    const forReviewer = await reviewerA.request('GET', `/api/flags/${flagId}`);
    const reviewerList = await reviewerA.json<Page>('GET', '/api/flags?category=safeguarding');
    const forOfficer = await officerA.request('GET', `/api/flags/${flagId}`);

    expect(forReviewer.status).toBe(404);
    expect(reviewerList.body.items).toEqual([]);
    expect(forOfficer.status).toBe(200);
  });
});

describe('queue views', () => {
  it('when flags of several severities are open, then the list puts the most severe first, then the oldest, with counts per view', async () => {
    await upsertOrganization(context.store.models, { slug: 'org-order', name: 'Ordre' });
    const user = await aUser(context, [{ org: 'org-order', role: 'reviewer' }]);
    const session = await signIn(api.base, user.email, user.password);
    const low = await aFlaggedPost(context, { org: 'org-order', severity: 'low' });
    const highOld = await aFlaggedPost(context, { org: 'org-order', severity: 'high', category: 'threat' });
    const highNew = await aFlaggedPost(context, { org: 'org-order', severity: 'high', category: 'defamation' });

    const page = await session.json<Page>('GET', '/api/flags?view=open');

    expect(page.status).toBe(200);
    expect(page.body.items.map((item) => item.id)).toEqual([highOld.flagId, highNew.flagId, low.flagId]);
    expect(page.body.counts).toEqual({ open: 3, claimed: 0, escalated: 0, resolved: 0 });
    const filtered = await session.json<Page>('GET', '/api/flags?severity=high&category=threat');
    expect(filtered.body.items.map((item) => item.id)).toEqual([highOld.flagId]);
  });

  it('when a filter is malformed or unknown, then it is 400 naming it', async () => {
    const response = await reviewerA.json<{ error: { issues: string[] } }>('GET', '/api/flags?severity=extreme&page=0&sort=$where');

    expect(response.status).toBe(400);
    expect(response.body.error.issues.some((issue) => issue.startsWith('query.severity:'))).toBe(true);
    expect(response.body.error.issues.some((issue) => issue.startsWith('query.page:'))).toBe(true);
    expect(response.body.error.issues).toContain('query: unknown field(s) sort');
  });

});

describe('claims', () => {
  it('when a reviewer claims a flag, then a colleague cannot claim or decide it until it is released', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });

    const first = await reviewerA.json<{ version: number; status: string }>('POST', `/api/flags/${flagId}/claim`);
    const second = await reviewerA2.request('POST', `/api/flags/${flagId}/claim`);
    const decision = await reviewerA2.request('POST', `/api/flags/${flagId}/decision`, {
      kind: 'dismiss',
      rationale: 'Pas une infraction selon moi',
      version: first.body.version,
    });
    const released = await reviewerA.request('POST', `/api/flags/${flagId}/release`);
    const retaken = await reviewerA2.request('POST', `/api/flags/${flagId}/claim`);

    expect(first.status).toBe(200);
    expect(first.body.status).toBe('claimed');
    expect(second.status).toBe(409);
    expect(decision.status).toBe(409);
    expect(released.status).toBe(200);
    expect(retaken.status).toBe(200);
  });

  it('when a flag is claimed, then its page and the audit log show times in Québec (Eastern) time whatever the server\'s zone, and the page writes status and score in French', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });
    const beforeClaim = await (await fetch(`${api.base}/flags/${flagId}?lang=fr`, { headers: { cookie: reviewerA.cookie } })).text();
    await reviewerA.request('POST', `/api/flags/${flagId}/claim`);
    const until = (await context.store.models.Flag.findById(flagId).lean())!.claim!.until!;
    const eastern = (date: Date, options: Intl.DateTimeFormatOptions) => date.toLocaleString('fr-CA', { ...options, timeZone: 'America/Toronto' });

    const flagPage = await (await fetch(`${api.base}/flags/${flagId}?lang=fr`, { headers: { cookie: reviewerA.cookie } })).text();
    const auditPage = await (await fetch(`${api.base}/audit?lang=fr`, { headers: { cookie: adminA.cookie } })).text();

    expect(flagPage).toContain(eastern(until, { timeStyle: 'short' }));
    // One flag's status in the singular, its score with a French decimal comma.
    expect(beforeClaim).toContain('data-status="open">Ouvert</strong>');
    expect(beforeClaim).toMatch(/Score \d,\d\d/);
    const [, iso, shown] = /<time datetime="([^"]+)">([^<]+)<\/time>/.exec(auditPage) ?? [];
    expect(shown).toBe(eastern(new Date(iso!), { dateStyle: 'short', timeStyle: 'short' }));
  });

  it('when a reviewer releases their claim from the flag page, then the flag is open again; a colleague cannot release it for them', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });
    await reviewerA.request('POST', `/api/flags/${flagId}/claim`);
    const releaseAs = (session: Session) =>
      fetch(`${api.base}/flags/${flagId}/release?lang=fr`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: session.csrfToken }),
      });

    const claimedPage = await (await fetch(`${api.base}/flags/${flagId}?lang=fr`, { headers: { cookie: reviewerA.cookie } })).text();
    const byColleague = await releaseAs(reviewerA2);
    const byHolder = await releaseAs(reviewerA);

    expect(claimedPage).toContain('Remettre dans la file');
    expect(byColleague.status).toBe(409);
    expect(await byColleague.text()).toContain('Ce signalement a changé entre-temps');
    expect(byHolder.status).toBe(303);
    expect((await context.store.models.Flag.findById(flagId).lean())!.status).toBe('open');
  });

  it('when a reveal reason is refused in the console (spaces around a short word), then the flag page comes back, still masked, with the problem in French and the reason typed; a real reason reveals', async () => {
    const { flagId } = await aFlaggedPost(context, {
      org: 'org-a',
      category: 'client_identification',
      author: 'temoin_42',
      text: 'Je reconnais Sophie Gagnon en thérapie.',
      spans: [{ start: 13, end: 26, text: 'Sophie Gagnon' }],
    });

    const refused = await reviewerA.form(`/flags/${flagId}/reveal?lang=fr`, { reason: '   voir     ' });
    const refusedPage = await refused.text();
    const auditedAfterRefusal = await context.store.models.AuditEvent.countDocuments({ action: 'flag.reveal', target: `flag:${flagId}` });
    const revealed = await reviewerA.form(`/flags/${flagId}/reveal?lang=fr`, { reason: 'Vérifier le signalement avant décision' });

    expect(refused.status).toBe(400);
    expect(refusedPage).toContain('Données invalides : form.reason : Trop petit');
    expect(refusedPage).toContain('name="reason" type="text" required minlength="10" maxlength="1000" value="   voir     "');
    expect(refusedPage).not.toContain('Sophie Gagnon');
    expect(refusedPage).not.toContain('temoin_42');
    expect(auditedAfterRefusal).toBe(0);
    expect(revealed.status).toBe(200);
    expect(await revealed.text()).toContain('<mark>Sophie Gagnon</mark>');
  });

  it('when a console form fails on an error page (a stale CSRF token), then the page leads back to the flag, not to the queue, under the signed-in header', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });

    const refused = await sessionFrom(api.base, reviewerA.cookie, 'stale-token').form(`/flags/${flagId}/decision?lang=fr`, { kind: 'dismiss', rationale: 'Rien à signaler ici', version: '0' });
    const page = await refused.text();

    expect(refused.status).toBe(403);
    expect(page).toContain(`<a href="/flags/${flagId}?lang=fr">← Retour à la page précédente</a>`);
    expect(page).not.toContain('Retour à la file');
    // The signed-in reviewer keeps the header; an anonymous visitor's error page has none.
    expect(page).toContain('Se déconnecter');
    expect((await context.store.models.Flag.findById(flagId).lean())!.status).toBe('open');
    const anonymous = await (await fetch(`${api.base}/flags/${flagId}/nowhere?lang=fr`, { headers: { accept: 'text/html' } })).text();
    expect(anonymous).toContain('Page introuvable');
    expect(anonymous).not.toContain('Se déconnecter');
  });

  it('when a claim has expired, then the flag is back in the open view and another reviewer may take it', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });
    await reviewerA.request('POST', `/api/flags/${flagId}/claim`);
    await context.store.models.Flag.updateOne({ _id: flagId }, { $set: { 'claim.until': new Date(Date.now() - 1000) } });

    const open = await reviewerA2.json<Page>('GET', '/api/flags?view=open&pageSize=100');
    const retaken = await reviewerA2.request('POST', `/api/flags/${flagId}/claim`);

    expect(open.body.items.map((item) => item.id)).toContain(flagId);
    expect(retaken.status).toBe(200);
  });
});

describe('decisions', () => {
  it('when the rationale is missing or too short, then it is 400 and the flag is unchanged', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });

    const missing = await reviewerA.json<{ error: { issues: string[] } }>('POST', `/api/flags/${flagId}/decision`, { kind: 'dismiss', version: 0 });
    const short = await reviewerA.request('POST', `/api/flags/${flagId}/decision`, { kind: 'dismiss', rationale: 'non', version: 0 });

    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.some((issue) => issue.startsWith('body.rationale:'))).toBe(true);
    expect(short.status).toBe(400);
    expect((await context.store.models.Flag.findById(flagId).lean())!.status).toBe('open');
  });

  it('when the body tries to set other fields (mass assignment), then it is 400 naming them and nothing changes', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });

    const response = await reviewerA.json<{ error: { issues: string[] } }>('POST', `/api/flags/${flagId}/decision`, {
      kind: 'dismiss',
      rationale: 'Rien à signaler ici',
      version: 0,
      status: 'resolved',
      org: 'org-b',
      _id: 'x',
    });

    expect(response.status).toBe(400);
    expect(response.body.error.issues).toContain('body: unknown field(s) status, org, _id');
    expect((await context.store.models.Flag.findById(flagId).lean())!.status).toBe('open');
  });

  it('when two reviewers decide the same flag at once (50 trials), then each time exactly one wins, the other gets 409, and both attempts are audited', async () => {
    const body = (kind: string) => ({ kind, rationale: 'Décision prise après lecture attentive', version: 0 });
    const flagIds: string[] = [];
    for (let trial = 0; trial < 50; trial += 1) {
      const { flagId } = await aFlaggedPost(context, { org: 'org-a' });
      flagIds.push(flagId);

      const [one, two] = await Promise.all([
        reviewerA.request('POST', `/api/flags/${flagId}/decision`, body('dismiss')),
        reviewerA2.request('POST', `/api/flags/${flagId}/decision`, body('warn')),
      ]);

      expect([one.status, two.status].sort(), `trial ${trial}`).toEqual([200, 409]);
      expect((await context.store.models.Flag.findById(flagId).lean())!, `trial ${trial}`).toMatchObject({ status: 'resolved', version: 1 });
    }
    // One read of the log for all trials (the embedded store scans it on every query).
    const entries = await context.store.models.AuditEvent.find({}, { action: 1, target: 1 }).lean();
    for (const flagId of flagIds) {
      const actions = entries.filter((entry) => entry.target === `flag:${flagId}`).map((entry) => entry.action);
      expect([actions.filter((a) => a === 'flag.decide').length, actions.filter((a) => a === 'flag.decide_refused').length], flagId).toEqual([2, 1]);
    }
  }, 180_000);

  it('when two reviewers claim the same flag at once (10 trials), then exactly one holds it', async () => {
    for (let trial = 0; trial < 10; trial += 1) {
      const { flagId } = await aFlaggedPost(context, { org: 'org-a' });

      const statuses = await Promise.all([reviewerA, reviewerA2].map(async (session) => (await session.request('POST', `/api/flags/${flagId}/claim`)).status));

      expect(statuses.sort(), `trial ${trial}`).toEqual([200, 409]);
    }
  });

  it('when a member is warned, then the warning is on their history with a bilingual notice, and the next step suggested is a suspension', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', author: 'membre_recidiviste' });

    const decided = await reviewerA.request('POST', `/api/flags/${flagId}/decision`, {
      kind: 'warn',
      rationale: 'Propos insultants envers un autre membre',
      version: 0,
    });
    const second = await aFlaggedPost(context, { org: 'org-a', author: 'membre_recidiviste' });
    const detail = await reviewerA.json<{ subject: { level: string; suggestedNext: string } }>('GET', `/api/flags/${second.flagId}`);
    const flag = await context.store.models.Flag.findById(flagId).lean();

    expect(decided.status).toBe(200);
    expect((await findSubject(context.store.models, 'org-a', 'membre_recidiviste'))?.sanctions.map((s) => s.kind)).toEqual(['warning']);
    expect(detail.body.subject).toEqual({ memberKey: 'membre_recidiviste', level: 'warning', suggestedNext: 'suspension', recorded: true });
    expect(flag!.decision!.notice!.fr).toContain('avertissement');
    expect(flag!.decision!.notice!.en).toContain('warning');
  });

  it('when a reviewer escalates, then the flag moves to the escalated view', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a' });

    const response = await reviewerA.json<{ status: string }>('POST', `/api/flags/${flagId}/decision`, {
      kind: 'escalate',
      rationale: 'Besoin de l’avis de la responsable',
      version: 0,
    });
    const escalated = await reviewerA.json<Page>('GET', '/api/flags?view=escalated&pageSize=100');

    expect(response.body.status).toBe('escalated');
    expect(escalated.body.items.map((item) => item.id)).toContain(flagId);
  });

  it('when a safeguarding case is closed without recording consent and outcome, then it is 400; with them, it is resolved', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', category: 'safeguarding', severity: 'urgent' });

    const incomplete = await officerA.request('POST', `/api/flags/${flagId}/decision`, {
      kind: 'request_removal',
      rationale: 'Contenu inapproprié envers un mineur',
      version: 0,
    });
    const complete = await officerA.json<{ status: string }>('POST', `/api/flags/${flagId}/decision`, {
      kind: 'request_removal',
      rationale: 'Contenu inapproprié envers un mineur',
      version: 0,
      consentSought: true,
      outcome: 'Signalé à la DPJ, retrait demandé',
    });

    expect(incomplete.status).toBe(400);
    expect(complete.status).toBe(200);
    expect(complete.body.status).toBe('resolved');
  });
});

describe('rule precision and audit', () => {
  it('when reviewers confirm and dismiss flags of a rule, then the administrator sees its precision', async () => {
    await upsertOrganization(context.store.models, { slug: 'org-prec', name: 'Précision' });
    const reviewer = await aUser(context, [{ org: 'org-prec', role: 'reviewer' }]);
    const admin = await aUser(context, [{ org: 'org-prec', role: 'admin' }]);
    const session = await signIn(api.base, reviewer.email, reviewer.password);
    const flags = await Promise.all([1, 2, 3].map(() => aFlaggedPost(context, { org: 'org-prec', ruleId: 'prec.rule' })));
    const kinds = ['warn', 'request_removal', 'dismiss'];
    for (const [index, { flagId }] of flags.entries()) {
      await session.request('POST', `/api/flags/${flagId}/decision`, { kind: kinds[index], rationale: 'Verdict de la revue humaine', version: 0 });
    }

    const adminSession = await signIn(api.base, admin.email, admin.password);
    const precision = await adminSession.json<{ rules: unknown[] }>('GET', '/api/rules/precision');
    const forReviewer = await session.request('GET', '/api/rules/precision');

    expect(precision.body.rules).toEqual([{ ruleId: 'prec.rule', confirmed: 2, dismissed: 1, precision: 2 / 3 }]);
    expect(forReviewer.status).toBe(403);
  });

  it('when everything above happened, then the audit chain verifies and the administrator sees their organization’s entries', async () => {
    const verification = await verifyAuditChain(context.store.models);
    const log = await adminA.json<{ entries: { org: string; action: string }[] }>('GET', '/api/audit?limit=500');

    expect(verification.ok).toBe(true);
    expect(verification.checked).toBeGreaterThan(20);
    expect(log.body.entries.length).toBeGreaterThan(0);
    expect(log.body.entries.every((entry) => entry.org === 'org-a')).toBe(true);
    expect(log.body.entries.map((entry) => entry.action)).toContain('flag.view');
  });
});
