import mongoose from 'mongoose';
import { derivedObjectId } from './derived-id.js';
import { alreadyStoredPositions } from './mongo-errors.js';
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

/** A flag as the classifier wants it: the item, its category and the findings for it. */
interface FlagWrite {
  id: mongoose.Types.ObjectId;
  key: { itemType: FlagItem['itemType']; itemId: mongoose.Types.ObjectId; category: string };
  org: string;
  fields: { findings: StoredFinding[]; severity: StoredFinding['severity']; priority: number; score: number; lang: string | undefined; sourceId: string | undefined };
}

/** One write per (item, category): the worst severity and the best score of its findings. */
function flagWritesFor(item: FlagItem, findings: readonly StoredFinding[]): FlagWrite[] {
  const byCategory = new Map<string, StoredFinding[]>();
  for (const finding of findings) byCategory.set(finding.category, [...(byCategory.get(finding.category) ?? []), finding]);
  return [...byCategory].map(([category, group]) => {
    const severity = group.reduce((worst, f) => (SEVERITY_PRIORITY[f.severity] > SEVERITY_PRIORITY[worst] ? f.severity : worst), group[0]!.severity);
    return {
      id: flagIdFor(item.itemType, item.itemId, category),
      key: { itemType: item.itemType, itemId: new mongoose.Types.ObjectId(item.itemId), category },
      org: item.org,
      fields: { findings: group, severity, priority: SEVERITY_PRIORITY[severity], score: Math.max(...group.map((finding) => finding.score)), lang: item.lang, sourceId: item.sourceId },
    };
  });
}

/**
 * One flag per (item, category) holding all its findings. Upserts keyed by that triple, so running
 * it twice (a retried job) leaves the same flags; a decided flag keeps its status and decision.
 */
export async function upsertFlagsForItem(models: Models, item: FlagItem, findings: readonly StoredFinding[]): Promise<number> {
  return upsertFlagsForItems(models, [{ item, findings }]);
}

/**
 * upsertFlagsForItem for many items at once (a classify job's posts): the new flags go in one
 * unordered insert, by their derived ids (one round trip instead of one each); those already
 * stored come back as duplicate keys and are updated one by one, keeping status and decision.
 * Returns how many flags were written.
 */
export async function upsertFlagsForItems(models: Models, entries: readonly { item: FlagItem; findings: readonly StoredFinding[] }[]): Promise<number> {
  const writes = entries.flatMap(({ item, findings }) => flagWritesFor(item, findings));
  if (writes.length === 0) return 0;
  let existing = new Set<number>();
  try {
    await models.Flag.insertMany(
      writes.map((write) => ({ _id: write.id, ...write.key, org: write.org, status: 'open', version: 0, ...write.fields })),
      { ordered: false, throwOnValidationError: true },
    );
  } catch (error) {
    existing = alreadyStoredPositions(error);
  }
  for (const index of existing) await updateStoredFlag(models, writes[index]!);
  return writes.length;
}

/** A flag already there gets the new findings; its status, decision and version stay. */
async function updateStoredFlag(models: Models, write: FlagWrite): Promise<void> {
  const update = { $set: write.fields };
  // By the derived _id, which the embedded store finds without a scan; a flag stored before ids
  // were derived from the key is found by the key. findOneAndUpdate rather than updateOne: the
  // written flag's id reaches the change feed.
  const filter = (await models.Flag.exists({ _id: write.id })) ? { _id: write.id } : write.key;
  await models.Flag.findOneAndUpdate(filter, update, { new: true, runValidators: true }).lean();
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
