import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { suppressedAuthors } from '../../db/suppression-repository.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCapture } from '../../db/capture-repository.js';
import { upsertFlagsForItem, type StoredFinding } from '../../db/flag-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { findPostsByCopyKey, recordCopyKeys } from '../../db/post-copy-repository.js';
import { copyKeyOf } from '../../classifier/text/copy-key.js';
import { fileReport } from '../../db/report-repository.js';
import { recordSanction } from '../../db/subject-repository.js';
import { apiDepsOf, aSignedInUser, type Session, startApi } from '../support/api-client.js';
import { aFlaggedPost } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let evidenceDir: string;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;
let reviewer: Session;
let otherAdmin: Session;

const MEMBER = 'julie_r';
const oid = (id: string) => new mongoose.Types.ObjectId(id);
const raw = (name: string) => context.store.connection.collection(name);

beforeAll(async () => {
  context = await createTestContext('member-data');
  evidenceDir = mkdtempSync(join(tmpdir(), 'monitor-member-data-'));
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-m', name: 'Organisation M' });
  await upsertOrganization(context.store.models, { slug: 'org-n', name: 'Organisation N' });
  admin = await aSignedInUser(context, api.base, [{ org: 'org-m', role: 'admin' }]);
  reviewer = await aSignedInUser(context, api.base, [{ org: 'org-m', role: 'reviewer' }]);
  otherAdmin = await aSignedInUser(context, api.base, [{ org: 'org-n', role: 'admin' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
  rmSync(evidenceDir, { recursive: true, force: true });
});

interface Export {
  memberKey: string;
  posts: { text: string }[];
  reports: { description: string }[];
  flags: { id: string; status: string }[];
  sanctions?: { level: string };
}

async function aCapture(withScreenshot: boolean): Promise<string> {
  return insertCapture(
    context.store.models,
    { org: 'org-m', sourceId: 'forum' },
    { url: 'https://forum.example/t/2', fetchedAt: new Date(), status: 200, headers: {}, body: Buffer.from(`<p>${Math.random()}</p>`), contentType: 'text/html', ...(withScreenshot ? { screenshot: Buffer.from(`png-${Math.random()}`) } : {}) },
    { evidenceDir },
  );
}

describe('member data: export and erasure', () => {
  it('when an administrator exports, erases and a case is open, then only the member’s data is shown, erasure waits for the case, then removes it all but shared evidence', async () => {
    const flagged = await aFlaggedPost(context, { org: 'org-m', author: MEMBER, text: 'Message de Julie visé par un signalement du comité.' });
    const plain = await aFlaggedPost(context, { org: 'org-m', author: MEMBER, text: 'Autre message de Julie.' });
    await raw('flags').deleteOne({ _id: oid(plain.flagId) });
    const neighbour = await aFlaggedPost(context, { org: 'org-m', author: 'marc_t', text: 'Message de Marc sur la même page.' });
    const ownCapture = await aCapture(true);
    const sharedCapture = await aCapture(false);
    await raw('posts').updateOne({ _id: oid(flagged.postId) }, { $set: { versions: [{ captureId: oid(ownCapture) }, { captureId: oid(sharedCapture) }] } });
    await raw('posts').updateOne({ _id: oid(neighbour.postId) }, { $set: { versions: [{ captureId: oid(sharedCapture) }] } });
    const screenshot = (await raw('captures').findOne({ _id: oid(ownCapture) }))!.screenshotPath as string;
    const sameWords = copyKeyOf('Message de Julie visé par un signalement du comité.')!;
    await recordCopyKeys(context.store.models, 'org-m', [{ postId: flagged.postId, key: sameWords }, { postId: neighbour.postId, key: sameWords }], new Map());
    const report = await fileReport(context.store.models, {
      org: 'org-m', category: 'cyberbullying', severity: 'medium', memberId: MEMBER, place: 'Discord du club',
      description: 'Julie a publié des moqueries répétées.', witnesses: 'Paul Bérubé', reporterContact: 'temoin@example.org',
    });
    await upsertFlagsForItem(context.store.models, { org: 'org-m', itemType: 'report', itemId: report.id }, [
      { category: 'cyberbullying', severity: 'medium', score: 1, ruleId: 'report', ruleVersion: 'report' } as StoredFinding,
    ]);
    await recordSanction(context.store.models, { org: 'org-m', memberKey: MEMBER, kind: 'warning', by: String(new mongoose.Types.ObjectId()), rationale: 'Rappel des règles du groupe.' });

    const exported = await admin.json<Export>('GET', `/api/subjects/org-m/${MEMBER}/export`);

    expect(exported.status).toBe(200);
    expect(exported.body.posts.map((post) => post.text).sort()).toEqual(['Autre message de Julie.', 'Message de Julie visé par un signalement du comité.']);
    expect(exported.body.reports.map((r) => r.description)).toEqual(['Julie a publié des moqueries répétées.']);
    expect(exported.body.flags).toHaveLength(2);
    expect(exported.body.sanctions?.level).toBe('warning');
    const text = JSON.stringify(exported.body);
    expect(text).not.toContain('temoin@example.org');
    expect(text).not.toContain('Paul Bérubé');
    expect(text).not.toContain('Marc');
    const exportAudit = await context.store.models.AuditEvent.findOne({ action: 'subject.export' }).lean();
    expect(JSON.stringify(exportAudit)).not.toContain(MEMBER);

    const blocked = await admin.json<{ error: { code: string; message: string } }>('POST', `/api/subjects/org-m/${MEMBER}/erase`, { rationale: 'Demande d’effacement reçue le 2026-11-20.' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain(flagged.flagId);
    expect(await raw('posts').countDocuments({ author: MEMBER })).toBe(2);

    await raw('flags').updateMany({ org: 'org-m' }, { $set: { status: 'resolved' } });
    const erased = await admin.json<Record<string, unknown>>('POST', `/api/subjects/org-m/${MEMBER}/erase`, { rationale: 'Demande d’effacement reçue le 2026-11-20.' });

    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ posts: 2, reports: 1, flags: 2, captures: 1, subject: true });
    expect(await raw('posts').countDocuments({ author: MEMBER })).toBe(0);
    expect(await raw('reports').countDocuments({ memberId: MEMBER })).toBe(0);
    expect(await raw('subjects').countDocuments({ memberKey: MEMBER })).toBe(0);
    expect(await raw('captures').countDocuments({ _id: oid(ownCapture) })).toBe(0);
    expect(existsSync(screenshot)).toBe(false);
    expect(await raw('captures').countDocuments({ _id: oid(sharedCapture) })).toBe(1);
    expect(await raw('posts').countDocuments({ _id: oid(neighbour.postId) })).toBe(1);
    expect(await findPostsByCopyKey(context.store.models, 'org-m', [sameWords])).toEqual(new Map([[sameWords, [neighbour.postId]]]));
    const eraseAudit = await context.store.models.AuditEvent.findOne({ action: 'subject.erase' }).lean();
    expect(JSON.stringify(eraseAudit)).not.toContain(MEMBER);
    // On the suppression list, by a hash of the name: crawls will not capture the member again.
    expect(await suppressedAuthors(context.store.models, 'org-m', [MEMBER])).toEqual(new Set([MEMBER]));
    expect(JSON.stringify(await context.store.models.Suppression.find({}).lean())).not.toContain(MEMBER);
    expect((await admin.request('GET', `/api/subjects/org-m/${MEMBER}/export`)).status).toBe(404);
  });

  it('when a reviewer, another organization’s administrator or a bad body asks, then it is 403, 404 (audited) or 400, and nothing changes', async () => {
    await aFlaggedPost(context, { org: 'org-m', author: 'luc_p' });
    const deniedBefore = await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' });

    const asReviewer = await reviewer.request('GET', '/api/subjects/org-m/luc_p/export');
    const fromOtherOrg = await otherAdmin.request('POST', '/api/subjects/org-m/luc_p/erase', { rationale: 'Effacement demandé par le membre.' });
    const noRationale = await admin.json<{ error: { message: string } }>('POST', '/api/subjects/org-m/luc_p/erase', {});
    const extraField = await admin.json<{ error: { message: string } }>('POST', '/api/subjects/org-m/luc_p/erase', { rationale: 'Effacement demandé par le membre.', force: true });
    const nobody = await admin.request('GET', '/api/subjects/org-m/personne_inconnue/export');

    expect(asReviewer.status).toBe(403);
    expect(fromOtherOrg.status).toBe(404);
    expect(noRationale.status).toBe(400);
    expect(noRationale.body.error.message).toContain('body.rationale');
    expect(extraField.status).toBe(400);
    expect(extraField.body.error.message).toContain('force');
    expect(nobody.status).toBe(404);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' })).toBe(deniedBefore + 1);
    expect(await raw('posts').countDocuments({ author: 'luc_p' })).toBe(1);
  });
});
