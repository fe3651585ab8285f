import mongoose from 'mongoose';
import type { Models } from './models/index.js';
import type { SANCTION_LEVELS } from './models/subjects.js';

export type SanctionLevel = (typeof SANCTION_LEVELS)[number];
export type SanctionKind = 'warning' | 'suspension' | 'blacklist' | 'lifted' | 'acknowledged';

export type Standing = 'good' | 'suspended' | 'blacklisted';

export interface SubjectRow {
  _id: mongoose.Types.ObjectId;
  org: string;
  memberKey: string;
  displayName?: string;
  level: SanctionLevel;
  standing: Standing;
  sanctions: {
    kind: SanctionKind;
    at: Date;
    by?: mongoose.Types.ObjectId;
    rationale?: string;
    flagId?: mongoose.Types.ObjectId;
    skippedSteps?: boolean;
  }[];
}

const RANK: Record<SanctionLevel, number> = { none: 0, warning: 1, suspension: 2, blacklist: 3 };
const STANDING_AFTER: Partial<Record<SanctionKind, Standing>> = { suspension: 'suspended', blacklist: 'blacklisted', acknowledged: 'good', lifted: 'good' };

/** The ladder: warning → suspension → blacklist. */
export function suggestNextSanction(level: SanctionLevel): Exclude<SanctionLevel, 'none'> {
  if (level === 'none') return 'warning';
  if (level === 'warning') return 'suspension';
  return 'blacklist';
}

const LEVEL_OF: Partial<Record<SanctionKind, SanctionLevel>> = { warning: 'warning', suspension: 'suspension', blacklist: 'blacklist', lifted: 'suspension' };

export interface SanctionInput {
  org: string;
  memberKey: string;
  kind: SanctionKind;
  by: string;
  rationale: string;
  flagId?: string;
  at?: Date;
  /**
   * Record only while the member is in this standing (ending a suspension, lifting a blacklist):
   * of two people doing it at once, one records it and the other gets undefined.
   */
  onlyIfStanding?: Standing;
}

/**
 * Appends a sanction to the member's history and sets the level. Keyed by (flag, kind): recording
 * the same decision again (a retried request) adds nothing.
 */
export async function recordSanction(models: Models, input: SanctionInput & { onlyIfStanding: Standing }): Promise<SubjectRow | undefined>;
export async function recordSanction(models: Models, input: SanctionInput): Promise<SubjectRow>;
export async function recordSanction(models: Models, input: SanctionInput): Promise<SubjectRow | undefined> {
  const flagId = input.flagId ? new mongoose.Types.ObjectId(input.flagId) : undefined;
  await models.Subject.updateOne(
    { org: input.org, memberKey: input.memberKey },
    { $setOnInsert: { org: input.org, memberKey: input.memberKey, level: 'none', standing: 'good', sanctions: [] } },
    { upsert: true },
  ).catch((error: { code?: number }) => {
    if (error.code !== 11000) throw error;
  });
  const existing = await findSubject(models, input.org, input.memberKey);
  const already = flagId && existing?.sanctions.some((s) => s.kind === input.kind && s.flagId !== undefined && flagId.equals(s.flagId));
  if (already) return existing!;
  const current = existing?.level ?? 'none';
  const reached = LEVEL_OF[input.kind];
  // A lift steps back from blacklist; anything else only climbs the ladder.
  const level = input.kind === 'lifted' ? reached : reached && RANK[reached] > RANK[current] ? reached : undefined;
  const skippedSteps = reached !== undefined && input.kind !== 'lifted' && RANK[reached] > RANK[suggestNextSanction(current)];
  const entry = { kind: input.kind, at: input.at ?? new Date(), by: new mongoose.Types.ObjectId(input.by), rationale: input.rationale, flagId, ...(skippedSteps ? { skippedSteps } : {}) };
  const standing = STANDING_AFTER[input.kind];
  const recorded = await models.Subject.updateOne(
    { org: input.org, memberKey: input.memberKey, ...(input.onlyIfStanding ? { standing: input.onlyIfStanding } : {}) },
    { $push: { sanctions: entry }, ...(level || standing ? { $set: { ...(level ? { level } : {}), ...(standing ? { standing } : {}) } } : {}) },
  );
  if (recorded.matchedCount === 0) return undefined;
  return (await models.Subject.findOne({ org: input.org, memberKey: input.memberKey }).lean()) as unknown as SubjectRow;
}

export async function findSubject(models: Models, org: string, memberKey: string): Promise<SubjectRow | undefined> {
  const row = await models.Subject.findOne({ org, memberKey }).lean();
  if (!row) return undefined;
  return { ...row, level: row.level ?? 'none', standing: row.standing ?? 'good', sanctions: row.sanctions ?? [] } as unknown as SubjectRow;
}
