import mongoose from 'mongoose';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import type { DECISION_KINDS, FLAG_STATUSES, SEVERITIES } from './models/flags.js';
import type { Models } from './models/index.js';

const trusted = mongoose.trusted;

export type FlagView = (typeof FLAG_STATUSES)[number];
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type Severity = (typeof SEVERITIES)[number];

/** Categories only safeguarding officers and administrators may see. */
export const RESTRICTED_CATEGORIES = ['safeguarding'] as const;

/**
 * What a caller may see: flags of `orgs`, except restricted categories, which need the org in
 * `restrictedOrgs` too. Built from the caller's memberships by api/auth/access.ts.
 */
export interface FlagScope {
  orgs: readonly string[];
  restrictedOrgs: readonly string[];
}

function scopeFilter(scope: FlagScope): Record<string, unknown> {
  return {
    $or: [
      { org: trusted({ $in: [...scope.restrictedOrgs] }) },
      { org: trusted({ $in: [...scope.orgs] }), category: trusted({ $nin: [...RESTRICTED_CATEGORIES] }) },
    ],
  };
}

export interface FlagFilters {
  view: FlagView;
  org?: string;
  /** What was flagged: a crawled post, a member's report, an unofficial group. */
  itemType?: FlagRow['itemType'];
  category?: string;
  severity?: Severity;
  sourceId?: string;
  lang?: string;
  from?: Date;
  to?: Date;
}

export interface FlagRow {
  _id: mongoose.Types.ObjectId;
  org: string;
  itemType: 'post' | 'group' | 'report';
  itemId: mongoose.Types.ObjectId;
  category: string;
  severity: Severity;
  priority: number;
  score: number;
  lang?: string;
  sourceId?: string;
  captureId?: mongoose.Types.ObjectId;
  findings: Record<string, unknown>[];
  status: FlagView;
  claim?: { by?: mongoose.Types.ObjectId; until?: Date };
  decision?: {
    kind: DecisionKind;
    rationale: string;
    by: mongoose.Types.ObjectId;
    at: Date;
    consentSought?: boolean;
    outcome?: string;
    notice?: { fr: string; en: string };
  };
  legalHold?: { reason: string; by: mongoose.Types.ObjectId; at: Date };
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Places or lifts a legal hold; the purge keeps a held flag, its item and its captures. */
export async function setLegalHold(models: Models, flagId: string, hold: { reason: string; by: string; at: Date } | undefined): Promise<void> {
  await models.Flag.updateOne(
    { _id: objectIdOrNotFound(flagId) },
    hold ? { $set: { legalHold: { reason: hold.reason, by: new mongoose.Types.ObjectId(hold.by), at: hold.at } } } : { $unset: { legalHold: 1 } },
  );
}

function objectIdOrNotFound(id: string): mongoose.Types.ObjectId {
  if (!mongoose.isValidObjectId(id) || !/^[a-f0-9]{24}$/i.test(id)) throw new NotFoundError(`no flag ${id}`);
  return new mongoose.Types.ObjectId(id);
}

/** The flag when the scope can see it; NotFoundError otherwise, so other organizations' ids look absent. */
export async function getFlagInScope(models: Models, scope: FlagScope, id: string): Promise<FlagRow> {
  const row = await models.Flag.findOne({ _id: objectIdOrNotFound(id), ...scopeFilter(scope) }).lean();
  if (!row) throw new NotFoundError(`no flag ${id}`);
  return row as unknown as FlagRow;
}

/** Whether the flag exists at all, whoever may see it: tells a denied read from a missing id in the audit. */
export async function flagExists(models: Models, id: string): Promise<{ org: string } | undefined> {
  if (!mongoose.isValidObjectId(id) || !/^[a-f0-9]{24}$/i.test(id)) return undefined;
  const row = await models.Flag.findById(id, { org: 1 }).lean();
  return row ? { org: row.org } : undefined;
}

function claimAvailableTo(userId: mongoose.Types.ObjectId, now: Date): Record<string, unknown> {
  return {
    $or: [{ 'claim.until': trusted({ $exists: false }) }, { 'claim.until': trusted({ $lte: now }) }, { 'claim.by': userId }],
  };
}

export interface ClaimInput {
  flagId: string;
  userId: string;
  lockMs: number;
  now?: Date;
}

/**
 * Takes (or renews) the exclusive claim. The condition and the write are one findOneAndUpdate,
 * so two reviewers claiming at once cannot both win.
 */
export async function claimFlag(models: Models, scope: FlagScope, input: ClaimInput): Promise<FlagRow> {
  const now = input.now ?? new Date();
  const userId = new mongoose.Types.ObjectId(input.userId);
  const current = await getFlagInScope(models, scope, input.flagId);
  if (current.status === 'resolved') throw new ConflictError(`flag ${input.flagId} is already resolved`);
  const claimed = await models.Flag.findOneAndUpdate(
    {
      _id: current._id,
      status: trusted({ $ne: 'resolved' }),
      ...claimAvailableTo(userId, now),
    },
    {
      $set: {
        claim: { by: userId, until: new Date(now.getTime() + input.lockMs) },
        ...(current.status === 'open' || current.status === 'claimed' ? { status: 'claimed' } : {}),
      },
      $inc: { version: 1 },
    },
    { new: true },
  ).lean();
  if (!claimed) throw new ConflictError(`flag ${input.flagId} is claimed by another reviewer`);
  return claimed as unknown as FlagRow;
}

/** Gives the claim back; only its holder can. */
export async function releaseFlag(models: Models, scope: FlagScope, flagId: string, userId: string): Promise<FlagRow> {
  const current = await getFlagInScope(models, scope, flagId);
  const released = await models.Flag.findOneAndUpdate(
    { _id: current._id, 'claim.by': new mongoose.Types.ObjectId(userId) },
    {
      $unset: { claim: 1 },
      ...(current.status === 'claimed' ? { $set: { status: 'open' } } : {}),
      $inc: { version: 1 },
    },
    { new: true },
  ).lean();
  if (!released) throw new ConflictError(`flag ${flagId} is not claimed by you`);
  return released as unknown as FlagRow;
}

export interface DecisionInput {
  flagId: string;
  userId: string;
  kind: DecisionKind;
  rationale: string;
  /** The version the reviewer saw; a decision on a changed flag is refused. */
  expectedVersion: number;
  consentSought?: boolean;
  outcome?: string;
  notice?: { fr: string; en: string };
  now?: Date;
}

/**
 * Records the decision when the flag is still at the version the reviewer saw, not resolved, and
 * not claimed by someone else: one conditional write, so of two concurrent decisions exactly one
 * wins and the other gets ConflictError. `escalate` moves the flag to the escalated view.
 */
export async function decideFlag(models: Models, scope: FlagScope, input: DecisionInput): Promise<FlagRow> {
  const now = input.now ?? new Date();
  const userId = new mongoose.Types.ObjectId(input.userId);
  const current = await getFlagInScope(models, scope, input.flagId);
  const decision = {
    kind: input.kind,
    rationale: input.rationale,
    by: userId,
    at: now,
    ...(input.consentSought !== undefined ? { consentSought: input.consentSought } : {}),
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...(input.notice !== undefined ? { notice: input.notice } : {}),
  };
  const decided = await models.Flag.findOneAndUpdate(
    {
      _id: current._id,
      version: input.expectedVersion,
      status: trusted({ $ne: 'resolved' }),
      ...claimAvailableTo(userId, now),
    },
    {
      $set: { decision, status: input.kind === 'escalate' ? 'escalated' : 'resolved' },
      $unset: { claim: 1 },
      $inc: { version: 1 },
    },
    { new: true, runValidators: true },
  ).lean();
  if (!decided) {
    const reason =
      current.status === 'resolved'
        ? 'it is already resolved'
        : current.version !== input.expectedVersion
          ? `it changed since you loaded it (version ${current.version}, you sent ${input.expectedVersion})`
          : 'another reviewer holds its claim or decided it first';
    throw new ConflictError(`flag ${input.flagId} was not decided: ${reason}`);
  }
  return decided as unknown as FlagRow;
}

export interface RulePrecision {
  ruleId: string;
  confirmed: number;
  dismissed: number;
  /** confirmed / (confirmed + dismissed), or null before any verdict. */
  precision: number | null;
}

/**
 * Reviewer verdicts per rule: a dismissal counts against every rule with a finding on the flag,
 * any other final decision confirms them. Escalations are not verdicts yet.
 */
export async function rulePrecision(models: Models, orgs: readonly string[]): Promise<RulePrecision[]> {
  const decided = await models.Flag.find(
    { org: trusted({ $in: [...orgs] }), status: 'resolved' },
    { 'findings.ruleId': 1, 'decision.kind': 1 },
  ).lean();
  const tally = new Map<string, { confirmed: number; dismissed: number }>();
  for (const flag of decided) {
    const dismissed = flag.decision?.kind === 'dismiss';
    const ruleIds = new Set((flag.findings as { ruleId?: string }[]).map((finding) => finding.ruleId).filter((id): id is string => !!id));
    for (const ruleId of ruleIds) {
      const entry = tally.get(ruleId) ?? { confirmed: 0, dismissed: 0 };
      if (dismissed) entry.dismissed += 1;
      else entry.confirmed += 1;
      tally.set(ruleId, entry);
    }
  }
  return [...tally.entries()]
    .map(([ruleId, { confirmed, dismissed }]) => ({
      ruleId,
      confirmed,
      dismissed,
      precision: confirmed + dismissed === 0 ? null : confirmed / (confirmed + dismissed),
    }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}
