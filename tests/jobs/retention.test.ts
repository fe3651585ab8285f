import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyKeyOf } from '../../classifier/text/copy-key.js';
import { insertCapture } from '../../db/capture-repository.js';
import { upsertFlagsForItem, type StoredFinding } from '../../db/flag-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { fileReport } from '../../db/report-repository.js';
import { findPostsByCopyKey, recordCopyKeys } from '../../db/post-copy-repository.js';
import { planPurge, purgeExpired } from '../../jobs/retention/purge.js';
import { apiDepsOf, aSignedInUser, type Session, startApi } from '../support/api-client.js';
import { aFlaggedPost } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

const DAY = 86_400_000;
const RETENTION_MS = 365 * DAY;
const LONG_AGO = new Date(Date.now() - 400 * DAY);
const RECENTLY = new Date(Date.now() - 10 * DAY);

let context: TestContext;
let evidenceDir: string;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;
let reviewer: Session;
let otherOfficer: Session;

beforeAll(async () => {
  context = await createTestContext('retention');
  evidenceDir = mkdtempSync(join(tmpdir(), 'monitor-retention-'));
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-r', name: 'Organisation R' });
  await upsertOrganization(context.store.models, { slug: 'org-s', name: 'Organisation S' });
  admin = await aSignedInUser(context, api.base, [{ org: 'org-r', role: 'admin' }]);
  reviewer = await aSignedInUser(context, api.base, [{ org: 'org-r', role: 'reviewer' }]);
  otherOfficer = await aSignedInUser(context, api.base, [{ org: 'org-s', role: 'safeguarding_officer' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
  rmSync(evidenceDir, { recursive: true, force: true });
});

// Ageing goes around mongoose: its timestamps would overwrite the dates we set.
const raw = (name: string) => context.store.connection.collection(name);
const oid = (id: string) => new mongoose.Types.ObjectId(id);

async function agePost(postId: string, at: Date): Promise<void> {
  await raw('posts').updateOne({ _id: oid(postId) }, { $set: { createdAt: at, updatedAt: at } });
}

async function resolveFlag(flagId: string, at: Date): Promise<void> {
  await raw('flags').updateOne(
    { _id: oid(flagId) },
    { $set: { status: 'resolved', decision: { kind: 'dismiss', rationale: 'Pas une violation.', by: new mongoose.Types.ObjectId(), at }, updatedAt: at } },
  );
}

async function aCapture(at: Date, withScreenshot: boolean): Promise<string> {
  const id = await insertCapture(
    context.store.models,
    { org: 'org-r', sourceId: 'forum' },
    { url: 'https://forum.example/t/1', fetchedAt: at, status: 200, headers: {}, body: Buffer.from(`<p>${Math.random()}</p>`), contentType: 'text/html', ...(withScreenshot ? { screenshot: Buffer.from(`png-${Math.random()}`) } : {}) },
    { evidenceDir },
  );
  return id;
}

async function pointPostTo(postId: string, captureIds: string[]): Promise<void> {
  await raw('posts').updateOne({ _id: oid(postId) }, { $set: { versions: captureIds.map((id) => ({ contentHash: 'a'.repeat(64), captureId: oid(id), seenAt: LONG_AGO })) } });
}

const exists = async (collection: string, id: string) => (await raw(collection).countDocuments({ _id: oid(id) })) === 1;

describe('retention purge', () => {
  it('when records are past the retention period, then closed cases go and open, held and recent cases stay with their evidence', async () => {
    const closed = await aFlaggedPost(context, { org: 'org-r', text: 'Cas fermé depuis longtemps' });
    const open = await aFlaggedPost(context, { org: 'org-r', text: 'Cas encore ouvert' });
    const held = await aFlaggedPost(context, { org: 'org-r', text: 'Cas sous conservation légale' });
    const recent = await aFlaggedPost(context, { org: 'org-r', text: 'Cas fermé récemment' });
    const unflagged = await aFlaggedPost(context, { org: 'org-r', text: 'Sans signalement' });
    await raw('flags').deleteOne({ _id: oid(unflagged.flagId) });
    for (const post of [closed, open, held, recent, unflagged]) await agePost(post.postId, LONG_AGO);
    await resolveFlag(closed.flagId, LONG_AGO);
    await resolveFlag(held.flagId, LONG_AGO);
    await resolveFlag(recent.flagId, RECENTLY);
    const holdResponse = await admin.request('POST', `/api/flags/${held.flagId}/legal-hold`, { hold: true, reason: 'Demande du service de police, dossier 2026-114.' });
    expect(holdResponse.status).toBe(200);

    const closedCapture = await aCapture(LONG_AGO, true);
    const sharedCapture = await aCapture(LONG_AGO, false);
    const openCapture = await aCapture(LONG_AGO, true);
    await pointPostTo(closed.postId, [closedCapture, sharedCapture]);
    await pointPostTo(open.postId, [openCapture, sharedCapture]);
    const closedScreenshot = (await raw('captures').findOne({ _id: oid(closedCapture) }))!.screenshotPath as string;
    const openScreenshot = (await raw('captures').findOne({ _id: oid(openCapture) }))!.screenshotPath as string;

    const oldReport = await fileReport(context.store.models, { org: 'org-r', category: 'cyberbullying', severity: 'medium', place: 'forum', description: 'Insultes répétées envers un membre.' });
    await raw('reports').updateOne({ _id: oid(oldReport.id) }, { $set: { createdAt: LONG_AGO } });
    await upsertFlagsForItem(context.store.models, { org: 'org-r', itemType: 'report', itemId: oldReport.id }, [
      { category: 'cyberbullying', severity: 'medium', score: 1, ruleId: 'report', ruleVersion: 'report' } as StoredFinding,
    ]);
    const reportFlag = await raw('flags').findOne({ itemId: oid(oldReport.id) });
    await resolveFlag(String(reportFlag!._id), LONG_AGO);

    const dryRun = await purgeExpired(context.store.models, { retentionMs: RETENTION_MS, dryRun: true });
    expect(dryRun).toEqual({ posts: 2, reports: 1, captures: 1, screenshots: 1, flags: 2 });
    expect(await exists('posts', closed.postId)).toBe(true);

    const result = await purgeExpired(context.store.models, { retentionMs: RETENTION_MS });

    expect(result).toEqual({ posts: 2, reports: 1, captures: 1, screenshots: 1, flags: 2 });
    expect(await exists('posts', closed.postId)).toBe(false);
    expect(await exists('flags', closed.flagId)).toBe(false);
    expect(await exists('posts', unflagged.postId)).toBe(false);
    expect(await exists('reports', oldReport.id)).toBe(false);
    expect(await exists('captures', closedCapture)).toBe(false);
    expect(existsSync(closedScreenshot)).toBe(false);
    for (const kept of [open, held, recent]) {
      expect(await exists('posts', kept.postId)).toBe(true);
      expect(await exists('flags', kept.flagId)).toBe(true);
    }
    expect(await exists('captures', sharedCapture)).toBe(true);
    expect(await exists('captures', openCapture)).toBe(true);
    expect(existsSync(openScreenshot)).toBe(true);
    const audit = await context.store.models.AuditEvent.findOne({ action: 'retention.purge' }).sort({ seq: -1 }).lean();
    expect(audit?.data).toMatchObject({ posts: 2, reports: 1, captures: 1, flags: 2 });

    expect(await purgeExpired(context.store.models, { retentionMs: RETENTION_MS })).toEqual({ posts: 0, reports: 0, captures: 0, screenshots: 0, flags: 0 });

    const lift = await admin.request('POST', `/api/flags/${held.flagId}/legal-hold`, { hold: false, reason: 'Dossier de police clos le 2026-11-01.' });
    expect(lift.status).toBe(200);
    expect(await purgeExpired(context.store.models, { retentionMs: RETENTION_MS })).toMatchObject({ posts: 1, flags: 1 });
    expect(await exists('posts', held.postId)).toBe(false);
  });
});

describe('retention purge: posts in the same words', () => {
  it('when a post listed with copies of its words is purged, then it leaves its list, and a list left empty goes', async () => {
    const shared = 'Rendez-vous samedi matin au parc pour la marche annuelle de la fondation, beau temps mauvais temps.';
    const alone = 'Un message unique que personne d’autre n’a écrit, publié il y a plus d’un an dans le forum.';
    const old = await aFlaggedPost(context, { org: 'org-r', text: shared });
    const kept = await aFlaggedPost(context, { org: 'org-r', text: shared });
    const oldAlone = await aFlaggedPost(context, { org: 'org-r', text: alone });
    const [sharedKey, aloneKey] = [copyKeyOf(shared)!, copyKeyOf(alone)!];
    await recordCopyKeys(context.store.models, 'org-r', [{ postId: old.postId, key: sharedKey }, { postId: kept.postId, key: sharedKey }, { postId: oldAlone.postId, key: aloneKey }], new Map());
    for (const post of [old, oldAlone]) {
      await agePost(post.postId, LONG_AGO);
      await resolveFlag(post.flagId, LONG_AGO);
    }

    await purgeExpired(context.store.models, { retentionMs: RETENTION_MS });

    expect(await exists('posts', old.postId)).toBe(false);
    expect(await findPostsByCopyKey(context.store.models, 'org-r', [sharedKey, aloneKey])).toEqual(new Map([[sharedKey, [kept.postId]]]));
  });
});

describe('legal hold', () => {
  it('when a hold is placed, then the flag shows it; the reason is required; reviewers and other organizations cannot, and attempts are audited', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-r' });
    const deniedBefore = await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' });

    const noReason = await admin.json<{ error: { message: string } }>('POST', `/api/flags/${flagId}/legal-hold`, { hold: true });
    const asReviewer = await reviewer.request('POST', `/api/flags/${flagId}/legal-hold`, { hold: true, reason: 'Je voudrais garder ceci.' });
    const otherOrg = await otherOfficer.request('POST', `/api/flags/${flagId}/legal-hold`, { hold: true, reason: 'Je voudrais garder ceci.' });
    const placed = await admin.request('POST', `/api/flags/${flagId}/legal-hold`, { hold: true, reason: 'Litige en cours avec un ancien membre.' });
    const detail = await admin.json<{ legalHold?: { reason: string } }>('GET', `/api/flags/${flagId}`);

    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('body.reason');
    expect(asReviewer.status).toBe(403);
    expect(otherOrg.status).toBe(404);
    expect(placed.status).toBe(200);
    expect(detail.body.legalHold?.reason).toBe('Litige en cours avec un ancien membre.');
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' })).toBe(deniedBefore + 1);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'flag.legal_hold', target: `flag:${flagId}` })).toBe(1);
  });
});

describe('planPurge (pure)', () => {
  const cutoff = new Date(1_000_000);
  const old = new Date(1);

  it('when one flag of an item is still open, then the item stays even though another flag on it is long closed', () => {
    const plan = planPurge(
      {
        flags: [
          { id: 'f1', itemId: 'p1', status: 'resolved', decidedAt: old, updatedAt: old, held: false },
          { id: 'f2', itemId: 'p1', status: 'open', updatedAt: old, held: false },
        ],
        posts: [{ id: 'p1', updatedAt: old, captureIds: ['c1'] }],
        reports: [],
        captures: [{ id: 'c1', fetchedAt: old }],
        groupCaptureIds: [],
      },
      cutoff,
    );
    expect(plan).toEqual({ flagIds: [], postIds: [], reportIds: [], captureIds: [], screenshotPaths: [] });
  });

  it('when a capture is the last check of a group, then it stays', () => {
    const plan = planPurge({ flags: [], posts: [], reports: [], captures: [{ id: 'c1', fetchedAt: old }, { id: 'c2', fetchedAt: old }], groupCaptureIds: ['c1'] }, cutoff);
    expect(plan.captureIds).toEqual(['c2']);
  });
});
