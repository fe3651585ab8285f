import mongoose from 'mongoose';
import { derivedObjectId } from './derived-id.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import { SEVERITY_PRIORITY } from './models/flags.js';
import type { Models } from './models/index.js';

export interface FlagCounts {
  open: number;
  claimed: number;
  escalated: number;
  resolved: number;
}

/** Counts per queue view, optionally for some organizations only. */
export async function countFlagsByStatus(models: Models, orgs?: readonly string[]): Promise<FlagCounts> {
  const counts: FlagCounts = { open: 0, claimed: 0, escalated: 0, resolved: 0 };
  const orgFilter = orgs === undefined ? {} : { org: mongoose.trusted({ $in: [...orgs] }) };
  for (const status of Object.keys(counts) as (keyof FlagCounts)[]) {
    counts[status] = await models.Flag.countDocuments({ status, ...orgFilter });
  }
  return counts;
}

/** What a classifier finding looks like to the store (kept structural: db does not import classifier code). */
export interface StoredFinding {
  category: string;
  severity: 'low' | 'medium' | 'high' | 'urgent';
  score: number;
  ruleId: string;
  ruleVersion: string;
  /** What the reviewer reads about the finding, in both languages. */
  explanation?: { fr: string; en: string };
}

export interface FlagItem {
  org: string;
  itemType: 'post' | 'group' | 'report';
  itemId: string;
  sourceId?: string;
  lang?: string;
}


/** A flag's id follows from its item and category (see db/derived-id.ts). */
export function flagIdFor(itemType: FlagItem['itemType'], itemId: string, category: string): mongoose.Types.ObjectId {
  return derivedObjectId('flag', itemType, itemId, category);
}

/**
 * One flag per (item, category) holding all its findings. Upserts keyed by that triple, so running
 * it twice (a retried job) leaves the same flags; a decided flag keeps its status and decision.
 */
export async function upsertFlagsForItem(models: Models, item: FlagItem, findings: readonly StoredFinding[]): Promise<number> {
  const byCategory = new Map<string, StoredFinding[]>();
  for (const finding of findings) byCategory.set(finding.category, [...(byCategory.get(finding.category) ?? []), finding]);
  for (const [category, group] of byCategory) {
    const severity = group.reduce((worst, f) => (SEVERITY_PRIORITY[f.severity] > SEVERITY_PRIORITY[worst] ? f.severity : worst), group[0]!.severity);
    const score = Math.max(...group.map((finding) => finding.score));
    const key = { itemType: item.itemType, itemId: new mongoose.Types.ObjectId(item.itemId), category };
    const id = flagIdFor(item.itemType, item.itemId, category);
    const update = {
      $set: { findings: group, severity, priority: SEVERITY_PRIORITY[severity], score, lang: item.lang, sourceId: item.sourceId },
      $setOnInsert: { ...key, org: item.org, status: 'open', version: 0 },
    };
    try {
      // By the derived _id, which the embedded store finds without a scan. findOneAndUpdate rather
      // than updateOne: the written flag's id reaches the change feed.
      await models.Flag.findOneAndUpdate({ _id: id }, update, { upsert: true, new: true, runValidators: true }).lean();
    } catch (error) {
      // Two workers upserting the same new flag (the loser's insert hits the key), or a flag stored
      // before ids were derived from the key: update the one that holds the key.
      if (!isDuplicateKeyError(error)) throw error;
      const { $setOnInsert: _insertOnly, ...existingUpdate } = update;
      await models.Flag.findOneAndUpdate((await models.Flag.exists({ _id: id })) ? { _id: id } : key, existingUpdate, { new: true }).lean();
    }
  }
  return byCategory.size;
}

export async function listFlagsForItem(models: Models, itemType: FlagItem['itemType'], itemId: string) {
  return models.Flag.find({ itemType, itemId: new mongoose.Types.ObjectId(itemId) }).sort({ category: 1 }).lean();
}

/** Bulk insert of ready-made flags (benchmarks and imports); returns how many were written. */
export async function insertFlags(
  models: Models,
  flags: readonly (FlagItem & { category: string; severity: StoredFinding['severity']; findings: StoredFinding[]; resolved?: boolean })[],
): Promise<number> {
  const rows = flags.map((flag) => ({
    _id: flagIdFor(flag.itemType, flag.itemId, flag.category),
    org: flag.org,
    itemType: flag.itemType,
    itemId: new mongoose.Types.ObjectId(flag.itemId),
    category: flag.category,
    severity: flag.severity,
    priority: SEVERITY_PRIORITY[flag.severity],
    score: Math.max(0, ...flag.findings.map((finding) => finding.score)),
    lang: flag.lang,
    sourceId: flag.sourceId,
    findings: flag.findings,
    ...(flag.resolved ? { status: 'resolved' } : {}),
  }));
  const inserted = await models.Flag.insertMany(rows, { ordered: false });
  return inserted.length;
}
