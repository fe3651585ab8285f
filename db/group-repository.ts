import mongoose from 'mongoose';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './models/index.js';

export interface NewGroup {
  org: string;
  platform: string;
  url: string;
  name: string;
  description: string;
  links?: string[];
  registered: boolean;
  creatorEmail?: string;
  accessConsent?: boolean;
  creatorTokenHash?: string;
}

export interface StoredGroupFinding {
  category: string;
  severity: 'low' | 'medium' | 'high' | 'urgent';
  ruleId: string;
  explanation: { fr: string; en: string };
  evidence: Record<string, unknown>;
}

export interface GroupRow extends NewGroup {
  _id: mongoose.Types.ObjectId;
  imageUrls: string[];
  links: string[];
  logoConsent?: { grantedAt?: Date; scope?: string; recordedBy?: mongoose.Types.ObjectId };
  lastCheckedAt?: Date;
  lastCheck?: { findings?: StoredGroupFinding[]; captureId?: mongoose.Types.ObjectId; pageError?: string };
  fixDeadline?: Date;
  createdAt: Date;
}

/**
 * Stores a registration. A group discovery found first (unregistered) becomes this registration;
 * one already registered is a ConflictError.
 */
export async function insertGroup(models: Models, group: NewGroup): Promise<GroupRow> {
  try {
    return (await models.Group.create(group)).toObject() as unknown as GroupRow;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const claimed = await models.Group.findOneAndUpdate({ org: group.org, url: group.url, registered: false }, { $set: group }, { new: true }).lean();
    if (claimed) return claimed as unknown as GroupRow;
    throw new ConflictError(`${group.url} is already registered for ${group.org}`, {
      fr: `${group.url} est déjà inscrit pour ${group.org}`,
    });
  }
}

/** Records a group found by discovery once; returns its id (new or existing) and whether it is registered. */
export async function upsertDiscoveredGroup(
  models: Models,
  group: { org: string; platform: string; url: string; name: string; description: string; memberCount?: number },
): Promise<{ id: string; registered: boolean }> {
  const key = { org: group.org, url: group.url };
  try {
    const row = await models.Group.findOneAndUpdate(key, { $setOnInsert: { ...group, registered: false } }, { upsert: true, new: true }).lean();
    return { id: String(row!._id), registered: row!.registered };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const row = await models.Group.findOne(key).lean();
    return { id: String(row!._id), registered: row!.registered };
  }
}

export async function getGroupOrThrow(models: Models, id: string): Promise<GroupRow> {
  const row = mongoose.isValidObjectId(id) ? await models.Group.findById(id).lean() : null;
  if (!row) throw new NotFoundError(`no group ${id}`);
  return row as unknown as GroupRow;
}

export interface GroupCheckRecord {
  at: Date;
  findings: StoredGroupFinding[];
  captureId?: string;
  pageError?: string;
  /** What the page showed, when it could be read. */
  page?: { name: string; description: string; links: string[]; imageUrls: string[] };
  fixDeadline?: Date;
}

export async function recordGroupCheck(models: Models, id: string, check: GroupCheckRecord): Promise<void> {
  await models.Group.updateOne(
    { _id: new mongoose.Types.ObjectId(id) },
    {
      $set: {
        lastCheckedAt: check.at,
        lastCheck: {
          findings: check.findings,
          ...(check.captureId ? { captureId: new mongoose.Types.ObjectId(check.captureId) } : {}),
          ...(check.pageError ? { pageError: check.pageError } : {}),
        },
        ...(check.page ?? {}),
        ...(check.fixDeadline ? { fixDeadline: check.fixDeadline } : {}),
      },
      ...(check.fixDeadline ? {} : { $unset: { fixDeadline: 1 } }),
    },
    { runValidators: true },
  );
}

/**
 * Resolves the group's open flags whose category the last check no longer finds ("fixed"), and
 * returns their ids so the caller can audit each closure.
 */
export async function closeFixedGroupFlags(models: Models, groupId: string, stillFound: readonly string[], at: Date): Promise<string[]> {
  const open = await models.Flag.find({ itemType: 'group', itemId: new mongoose.Types.ObjectId(groupId), status: mongoose.trusted({ $ne: 'resolved' }) }, { category: 1 }).lean();
  const fixed = open.filter((flag) => !stillFound.includes(flag.category));
  for (const flag of fixed) {
    await models.Flag.updateOne(
      { _id: flag._id, status: mongoose.trusted({ $ne: 'resolved' }) },
      {
        $set: { status: 'resolved', decision: { kind: 'fixed', rationale: 'Corrigé : la dernière vérification ne trouve plus ce problème. / Fixed: the last check no longer finds it.', at } },
        $unset: { claim: 1 },
        $inc: { version: 1 },
      },
    );
  }
  return fixed.map((flag) => String(flag._id));
}

export async function setLogoConsent(models: Models, groupId: string, consent: { grantedAt: Date; scope: string; recordedBy: string }): Promise<void> {
  const result = await models.Group.updateOne(
    { _id: new mongoose.Types.ObjectId(groupId) },
    { $set: { logoConsent: { grantedAt: consent.grantedAt, scope: consent.scope, recordedBy: new mongoose.Types.ObjectId(consent.recordedBy) } } },
  );
  if (result.matchedCount === 0) throw new NotFoundError(`no group ${groupId}`);
}

/** Groups of some organizations, or the registrations of one creator, newest first. */
export async function listGroups(models: Models, filter: { orgs?: readonly string[]; creatorEmail?: string }, limit = 200): Promise<GroupRow[]> {
  const query: Record<string, unknown> = {};
  if (filter.orgs) query.org = mongoose.trusted({ $in: [...filter.orgs] });
  if (filter.creatorEmail) query.creatorEmail = filter.creatorEmail;
  return (await models.Group.find(query).sort({ createdAt: -1 }).limit(limit).lean()) as unknown as GroupRow[];
}
