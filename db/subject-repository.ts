import mongoose from 'mongoose';
import type { Models } from './models/index.js';
import type { SANCTION_LEVELS } from './models/subjects.js';

export type SanctionLevel = (typeof SANCTION_LEVELS)[number];
export type SanctionKind = 'warning' | 'suspension' | 'blacklist' | 'lifted' | 'acknowledged';

export interface SubjectRow {
  _id: mongoose.Types.ObjectId;
  org: string;
  memberKey: string;
  displayName?: string;
  level: SanctionLevel;
  sanctions: { kind: SanctionKind; at: Date; by?: mongoose.Types.ObjectId; rationale?: string; flagId?: mongoose.Types.ObjectId }[];
}

/** The ladder: warning → suspension → blacklist. */
export function suggestNextSanction(level: SanctionLevel): Exclude<SanctionLevel, 'none'> {
  if (level === 'none') return 'warning';
  if (level === 'warning') return 'suspension';
  return 'blacklist';
}

const LEVEL_OF: Partial<Record<SanctionKind, SanctionLevel>> = { warning: 'warning', suspension: 'suspension', blacklist: 'blacklist' };

export interface SanctionInput {
  org: string;
  memberKey: string;
  kind: SanctionKind;
  by: string;
  rationale: string;
  flagId?: string;
  at?: Date;
}

/**
 * Appends a sanction to the member's history and sets the level. Keyed by (flag, kind): recording
 * the same decision again (a retried request) adds nothing.
 */
export async function recordSanction(models: Models, input: SanctionInput): Promise<SubjectRow> {
  const flagId = input.flagId ? new mongoose.Types.ObjectId(input.flagId) : undefined;
  await models.Subject.updateOne(
    { org: input.org, memberKey: input.memberKey },
    { $setOnInsert: { org: input.org, memberKey: input.memberKey, level: 'none', sanctions: [] } },
    { upsert: true },
  ).catch((error: { code?: number }) => {
    if (error.code !== 11000) throw error;
  });
  const entry = { kind: input.kind, at: input.at ?? new Date(), by: new mongoose.Types.ObjectId(input.by), rationale: input.rationale, flagId };
  const level = LEVEL_OF[input.kind] ?? (input.kind === 'lifted' ? 'none' : undefined);
  const existing = await findSubject(models, input.org, input.memberKey);
  const already = flagId && existing?.sanctions.some((s) => s.kind === input.kind && s.flagId !== undefined && flagId.equals(s.flagId));
  if (already) return existing!;
  await models.Subject.updateOne(
    { org: input.org, memberKey: input.memberKey },
    { $push: { sanctions: entry }, ...(level ? { $set: { level } } : {}) },
  );
  return (await models.Subject.findOne({ org: input.org, memberKey: input.memberKey }).lean()) as unknown as SubjectRow;
}

export async function findSubject(models: Models, org: string, memberKey: string): Promise<SubjectRow | undefined> {
  const row = await models.Subject.findOne({ org, memberKey }).lean();
  if (!row) return undefined;
  return { ...row, level: row.level ?? 'none', sanctions: row.sanctions ?? [] } as unknown as SubjectRow;
}
