import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCapture } from '../../db/capture-repository.js';
import { apiDepsOf, aSignedInUser, type Session, startApi } from '../support/api-client.js';
import { aFlaggedPost, createTwoOrganizations } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

// What a flag shows of its evidence: identities masked until a reviewer gives a reason,
// screenshots only to the organization, the authorities to contact on a safeguarding case.

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewerA: Session;
let reviewerB: Session;
let officerA: Session;
let adminA: Session;

interface Page {
  items: { id: string; author?: string; excerpt: string; masked: boolean }[];
}

beforeAll(async () => {
  context = await createTestContext('api-flag-evidence');
  api = await startApi(apiDepsOf(context));
  await createTwoOrganizations(context);
  reviewerA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);
  reviewerB = await aSignedInUser(context, api.base, [{ org: 'org-b', role: 'reviewer' }]);
  officerA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'safeguarding_officer' }]);
  adminA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('masked identities', () => {
  it('when a flag identifies a client, then the queue masks the author and evidence, and revealing needs a reason and is audited', async () => {
    const text = 'Je reconnais Sophie Gagnon en thérapie.';
    const { flagId } = await aFlaggedPost(context, {
      org: 'org-a',
      category: 'client_identification',
      author: 'temoin_42',
      text,
      spans: [{ start: 13, end: 26, text: 'Sophie Gagnon' }],
    });

    const page = await reviewerA.json<Page>('GET', '/api/flags?category=client_identification');
    const row = page.body.items.find((item) => item.id === flagId)!;
    const noReason = await reviewerA.request('POST', `/api/flags/${flagId}/reveal`, {});
    const revealed = await reviewerA.json<{ author: string; text: string; masked: boolean }>('POST', `/api/flags/${flagId}/reveal`, {
      reason: 'Vérifier le signalement avant décision',
    });

    expect(row.masked).toBe(true);
    expect(row.author).not.toContain('temoin');
    expect(row.excerpt).not.toContain('Sophie');
    expect(noReason.status).toBe(400);
    expect(revealed.body).toMatchObject({ author: 'temoin_42', text, masked: false });
    const audit = await context.store.models.AuditEvent.findOne({ action: 'flag.reveal', target: `flag:${flagId}` }).lean();
    expect(audit?.data).toEqual({ reason: 'Vérifier le signalement avant décision' });
  });

  it('when a masked flag is opened, then the explanations and spans do not give the name away either, even in a quote cut short; revealing shows them', async () => {
    const text = 'Je reconnais Sophie Gagnon en thérapie.';
    const { flagId } = await aFlaggedPost(context, {
      org: 'org-a',
      category: 'client_identification',
      text,
      spans: [
        { start: 13, end: 26, text: 'Sophie Gagnon' },
        { start: 27, end: 38, text: 'en thérapie' },
      ],
      explanation: { fr: 'Identification d’une cliente : « Sophie Gagnon en thérapie ».', en: 'Client identified: "Sophie Gag…"' },
    });
    type Detail = { spans: unknown[]; findings: { explanation: { fr: string; en: string }; spans: unknown[] }[] };

    const masked = await reviewerA.json<Detail>('GET', `/api/flags/${flagId}`);
    const page = await (await fetch(`${api.base}/flags/${flagId}?lang=fr`, { headers: { cookie: reviewerA.cookie } })).text();
    const revealed = await reviewerA.json<Detail>('POST', `/api/flags/${flagId}/reveal`, { reason: 'Vérifier le signalement avant décision' });

    expect(masked.body.findings[0]!.explanation).toEqual({
      fr: 'Identification d’une cliente : « ••••••••••••• ••••••••••• ».',
      en: 'Client identified: "••••••••••…"',
    });
    expect(masked.body.spans).toEqual([]);
    expect(masked.body.findings[0]!.spans).toEqual([]);
    expect(page).not.toContain('Sophie');
    expect(page).not.toContain('Gagnon');
    expect(revealed.body.findings[0]!.explanation.fr).toContain('« Sophie Gagnon en thérapie »');
    expect(revealed.body.spans).toHaveLength(2);
  });
});

describe('evidence screenshots', () => {
  it('when a reviewer opens a capture screenshot, then their organization gets the exact bytes, others 404, and a changed file is refused', async () => {
    const evidenceDir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const captureId = await insertCapture(
      context.store.models,
      { org: 'org-a', sourceId: 'browser-source' },
      { url: 'https://example.org/g', fetchedAt: new Date(), status: 200, headers: {}, body: new Uint8Array(), contentType: 'text/html', screenshot: png },
      { evidenceDir },
    );

    const mine = await reviewerA.request('GET', `/api/captures/${captureId}/screenshot`);
    const theirs = await reviewerB.request('GET', `/api/captures/${captureId}/screenshot`);

    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(png);
    expect(theirs.status).toBe(404);
    const [file] = readdirSync(evidenceDir);
    writeFileSync(join(evidenceDir, file!), Buffer.from('tampered'));
    expect((await reviewerA.request('GET', `/api/captures/${captureId}/screenshot`)).status).toBe(404);
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('when a masked flag\'s post has a screenshot, then its page does not show it until the identity is revealed', async () => {
    const evidenceDir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const captureId = await insertCapture(
      context.store.models,
      { org: 'org-a', sourceId: 'browser-source' },
      { url: 'https://example.org/p', fetchedAt: new Date(), status: 200, headers: {}, body: new Uint8Array(), contentType: 'text/html', screenshot: png },
      { evidenceDir },
    );
    const { postId, flagId } = await aFlaggedPost(context, {
      org: 'org-a', category: 'client_identification', text: 'Je reconnais Sophie Gagnon en thérapie.', spans: [{ start: 13, end: 26, text: 'Sophie Gagnon' }],
    });
    await context.store.models.Post.updateOne({ _id: postId }, { $set: { versions: [{ contentHash: 'h', captureId, seenAt: new Date() }] } });
    type Detail = { captures: { screenshot: boolean; screenshotMasked?: boolean }[] };

    const masked = await reviewerA.json<Detail>('GET', `/api/flags/${flagId}`);
    const page = await (await fetch(`${api.base}/flags/${flagId}?lang=fr`, { headers: { cookie: reviewerA.cookie } })).text();
    const revealed = await reviewerA.json<Detail>('POST', `/api/flags/${flagId}/reveal`, { reason: 'Vérifier la capture avant décision' });

    expect(masked.body.captures).toEqual([expect.objectContaining({ screenshot: false, screenshotMasked: true })]);
    expect(page).not.toContain(`/api/captures/${captureId}/screenshot`);
    expect(page).toContain('data-screenshot-masked');
    expect(revealed.body.captures).toEqual([expect.objectContaining({ screenshot: true })]);
    rmSync(evidenceDir, { recursive: true, force: true });
  });
});

describe('safeguarding contacts', () => {
  it('when an administrator records the authorities to contact, then a safeguarding flag shows them; others cannot change them', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', category: 'safeguarding', severity: 'urgent' });
    const contacts = [{ name: 'DPJ de la Montérégie', phone: '450 555-0100' }, { name: 'Police (urgence)', phone: '911' }];

    const before = await officerA.json<{ authorities: unknown[] }>('GET', `/api/flags/${flagId}`);
    const byReviewer = await reviewerA.request('PUT', '/api/organizations/org-a/safeguarding-contacts', { contacts });
    const bad = await adminA.request('PUT', '/api/organizations/org-a/safeguarding-contacts', { contacts: [{ name: 'X', phone: 'call me maybe' }] });
    const saved = await adminA.request('PUT', '/api/organizations/org-a/safeguarding-contacts', { contacts });
    const after = await officerA.json<{ authorities: unknown[] }>('GET', `/api/flags/${flagId}`);
    const page = await (await officerA.request('GET', `/flags/${flagId}?lang=fr`)).text();

    expect(before.body.authorities).toEqual([]);
    expect(byReviewer.status).toBe(403);
    expect(bad.status).toBe(400);
    expect(saved.status).toBe(200);
    expect(after.body.authorities).toEqual(contacts);
    expect(page).toContain('Autorités à contacter');
    expect(page).toContain('DPJ de la Montérégie');
  });
});
