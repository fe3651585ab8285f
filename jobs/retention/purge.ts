import mongoose from 'mongoose';
import { recordAudit } from '../../db/audit-repository.js';
import { deleteCaptures } from '../../db/capture-repository.js';
import type { Models } from '../../db/models/index.js';
import { getPostBriefs } from '../../db/post-repository.js';
import { forgetCopies } from '../post-classifier/earlier-copies.js';

/** What the purge reads: only the fields that decide whether a record may go. */
export interface RetentionSnapshot {
  flags: { id: string; itemId: string; status: string; decidedAt?: Date; updatedAt: Date; held: boolean; captureId?: string }[];
  posts: { id: string; updatedAt: Date; captureIds: string[] }[];
  reports: { id: string; createdAt: Date }[];
  captures: { id: string; fetchedAt: Date; screenshotPath?: string }[];
  /** Captures the group registry still points to (its last check). */
  groupCaptureIds: string[];
}

export interface PurgePlan {
  flagIds: string[];
  postIds: string[];
  reportIds: string[];
  captureIds: string[];
  /** Screenshot files no capture left will point to (what a dry run reports). */
  screenshotPaths: string[];
}

/**
 * Decides what the retention period lets go, as a pure function. A flag that is open, claimed,
 * escalated, under legal hold or decided after the cutoff protects its item (post, report, group)
 * and its capture; a protected post protects the captures of all its versions. Everything else
 * older than the cutoff goes: decided flags, posts, member reports and captures.
 */
export function planPurge(snapshot: RetentionSnapshot, cutoff: Date): PurgePlan {
  const closedBefore = (flag: RetentionSnapshot['flags'][number]) =>
    flag.status === 'resolved' && !flag.held && (flag.decidedAt ?? flag.updatedAt) < cutoff;
  const protectedItems = new Set(snapshot.flags.filter((flag) => !closedBefore(flag)).map((flag) => flag.itemId));
  const keptCaptures = new Set<string>(snapshot.groupCaptureIds);
  for (const flag of snapshot.flags) if (flag.captureId && !closedBefore(flag)) keptCaptures.add(flag.captureId);

  const postIds: string[] = [];
  for (const post of snapshot.posts) {
    if (!protectedItems.has(post.id) && post.updatedAt < cutoff) postIds.push(post.id);
    else for (const id of post.captureIds) keptCaptures.add(id);
  }
  const reportIds = snapshot.reports.filter((report) => !protectedItems.has(report.id) && report.createdAt < cutoff).map((report) => report.id);
  const gone = new Set([...postIds, ...reportIds]);
  // A decided flag goes with its item; a flag whose item stays (still protected by another flag) stays too.
  const flagIds = snapshot.flags.filter((flag) => closedBefore(flag) && (gone.has(flag.itemId) || !protectedItems.has(flag.itemId))).map((flag) => flag.id);
  const captures = snapshot.captures.filter((capture) => !keptCaptures.has(capture.id) && capture.fetchedAt < cutoff);
  const goneCaptures = new Set(captures.map((capture) => capture.id));
  const keptPaths = new Set(snapshot.captures.filter((capture) => !goneCaptures.has(capture.id)).map((capture) => capture.screenshotPath));
  const screenshotPaths = [...new Set(captures.map((capture) => capture.screenshotPath).filter((path): path is string => path !== undefined && !keptPaths.has(path)))];
  return { flagIds, postIds, reportIds, captureIds: captures.map((capture) => capture.id), screenshotPaths };
}

async function readSnapshot(models: Models): Promise<RetentionSnapshot> {
  const [flags, posts, reports, captures, groups] = await Promise.all([
    models.Flag.find({}, { itemId: 1, status: 1, 'decision.at': 1, updatedAt: 1, legalHold: 1, captureId: 1 }).lean(),
    models.Post.find({}, { updatedAt: 1, 'versions.captureId': 1 }).lean(),
    models.Report.find({}, { createdAt: 1 }).lean(),
    models.Capture.find({}, { fetchedAt: 1, screenshotPath: 1 }).lean(),
    models.Group.find({}, { 'lastCheck.captureId': 1 }).lean(),
  ]);
  return {
    flags: flags.map((flag) => ({
      id: String(flag._id),
      itemId: String(flag.itemId),
      status: flag.status,
      ...(flag.decision?.at ? { decidedAt: flag.decision.at } : {}),
      updatedAt: flag.updatedAt,
      held: Boolean(flag.legalHold?.at),
      ...(flag.captureId ? { captureId: String(flag.captureId) } : {}),
    })),
    posts: posts.map((post) => ({ id: String(post._id), updatedAt: post.updatedAt, captureIds: (post.versions ?? []).flatMap((v) => (v.captureId ? [String(v.captureId)] : [])) })),
    reports: reports.map((report) => ({ id: String(report._id), createdAt: report.createdAt })),
    captures: captures.map((capture) => ({ id: String(capture._id), fetchedAt: capture.fetchedAt, ...(capture.screenshotPath ? { screenshotPath: capture.screenshotPath } : {}) })),
    groupCaptureIds: groups.flatMap((group) => (group.lastCheck?.captureId ? [String(group.lastCheck.captureId)] : [])),
  };
}

export interface PurgeResult {
  flags: number;
  posts: number;
  reports: number;
  captures: number;
  screenshots: number;
}

const ids = (list: readonly string[]) => mongoose.trusted({ $in: list.map((id) => new mongoose.Types.ObjectId(id)) });

/**
 * Deletes what the retention period lets go (see planPurge) and records one audit event with the
 * counts. Running it twice deletes nothing more. Flags go last, so a purge cut short leaves items
 * without flags, which the next run finds again, never flags pointing to nothing.
 */
export async function purgeExpired(models: Models, options: { retentionMs: number; now?: Date; dryRun?: boolean; actor?: string }): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionMs);
  const plan = planPurge(await readSnapshot(models), cutoff);
  const result: PurgeResult = {
    flags: plan.flagIds.length,
    posts: plan.postIds.length,
    reports: plan.reportIds.length,
    captures: plan.captureIds.length,
    screenshots: plan.screenshotPaths.length,
  };
  if (options.dryRun) return result;
  if (plan.postIds.length > 0) {
    await forgetCopies(models, await getPostBriefs(models, plan.postIds));
    await models.Post.deleteMany({ _id: ids(plan.postIds) });
  }
  if (plan.reportIds.length > 0) await models.Report.deleteMany({ _id: ids(plan.reportIds) });
  const deleted = await deleteCaptures(models, plan.captureIds);
  if (plan.flagIds.length > 0) await models.Flag.deleteMany({ _id: ids(plan.flagIds) });
  const done: PurgeResult = { ...result, captures: deleted.captures, screenshots: deleted.screenshots };
  await recordAudit(models, {
    actor: options.actor ?? 'system',
    action: 'retention.purge',
    target: 'retention',
    data: { cutoff: cutoff.toISOString(), ...done },
  });
  return done;
}
