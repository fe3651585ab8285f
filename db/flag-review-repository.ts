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

/** Whether a caller with this scope may see the flag: its organizations, restricted categories only where allowed. */
export function isFlagInScope(flag: Pick<FlagRow, 'org' | 'category'>, scope: FlagScope): boolean {
  if (scope.restrictedOrgs.includes(flag.org)) return true;
  return scope.orgs.includes(flag.org) && !(RESTRICTED_CATEGORIES as readonly string[]).includes(flag.category);
}

/**
 * The flag when the scope can see it; NotFoundError otherwise, so other organizations' ids look
 * absent. Looked up by _id alone and checked here: the embedded store answers a bare _id lookup
 * from its key, but scans the whole collection as soon as the filter has another condition
 * (0.3 s per request at 1,000 flags).
 */
export async function getFlagInScope(models: Models, scope: FlagScope, id: string): Promise<FlagRow> {
  const row = (await models.Flag.findById(objectIdOrNotFound(id)).lean()) as unknown as FlagRow | null;
  if (!row || !isFlagInScope(row, scope)) throw new NotFoundError(`no flag ${id}`);
  return row;
}

/** Whether the flag exists at all, whoever may see it: tells a denied read from a missing id in the audit. */
export async function flagExists(models: Models, id: string): Promise<{ org: string } | undefined> {
  if (!mongoose.isValidObjectId(id) || !/^[a-f0-9]{24}$/i.test(id)) return undefined;
  const row = await models.Flag.findById(id, { org: 1 }).lean();
  return row ? { org: row.org } : undefined;
}

export interface ClaimInput {
  flagId: string;
  userId: string;
  lockMs: number;
  now?: Date;
}

/**
 * Takes (or renews) the exclusive claim.
 *
 * The flag writes below check their conditions on the flag just read, then write by _id alone.
 * Callers hold the flag's lock (api/review/record-lock.ts), which is what serialises them: a
 * conditional update would be atomic, but the embedded store scans the whole collection for any
 * filter beyond a bare _id (2.6 s per claim at 10,000 flags).
 */
export async function claimFlag(models: Models, scope: FlagScope, input: ClaimInput): Promise<FlagRow> {
  const now = input.now ?? new Date();
  const userId = new mongoose.Types.ObjectId(input.userId);
  const current = await getFlagInScope(models, scope, input.flagId);
  if (current.status === 'resolved') throw new ConflictError(`flag ${input.flagId} is already resolved`);
  if (!isClaimAvailableTo(current, userId, now)) throw new ConflictError(`flag ${input.flagId} is claimed by another reviewer`);
  return writeFlag(models, current, {
    $set: {
      claim: { by: userId, until: new Date(now.getTime() + input.lockMs) },
      ...(current.status === 'open' || current.status === 'claimed' ? { status: 'claimed' } : {}),
    },
    $inc: { version: 1 },
  });
}

/** Nobody else holds a live claim on the flag. */
function isClaimAvailableTo(flag: FlagRow, userId: mongoose.Types.ObjectId, now: Date): boolean {
  return !flag.claim?.until || flag.claim.until <= now || (flag.claim.by !== undefined && userId.equals(flag.claim.by));
}

/** Writes by _id alone (see claimFlag) and returns the new flag; a flag deleted meanwhile is NotFound. */
async function writeFlag(models: Models, current: FlagRow, update: mongoose.UpdateQuery<unknown>, options: { runValidators?: boolean } = {}): Promise<FlagRow> {
  const written = await models.Flag.findByIdAndUpdate(current._id, update, { new: true, ...options }).lean();
  if (!written) throw new NotFoundError(`no flag ${String(current._id)}`);
  return written as unknown as FlagRow;
}

/** Gives the claim back; only its holder can. */
export async function releaseFlag(models: Models, scope: FlagScope, flagId: string, userId: string): Promise<FlagRow> {
  const current = await getFlagInScope(models, scope, flagId);
  if (!current.claim?.by || !new mongoose.Types.ObjectId(userId).equals(current.claim.by)) {
    throw new ConflictError(`flag ${flagId} is not claimed by you`);
  }
  return writeFlag(models, current, {
    $unset: { claim: 1 },
    ...(current.status === 'claimed' ? { $set: { status: 'open' } } : {}),
    $inc: { version: 1 },
  });
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
 * not claimed by someone else; under the flag's lock (see claimFlag), so of two concurrent
 * decisions exactly one wins and the other gets ConflictError. `escalate` moves the flag to the
 * escalated view.
 */
export async function decideFlag(models: Models, scope: FlagScope, input: DecisionInput): Promise<FlagRow> {
  const now = input.now ?? new Date();
  const userId = new mongoose.Types.ObjectId(input.userId);
  const current = await getFlagInScope(models, scope, input.flagId);
  const refusal =
    current.status === 'resolved'
      ? 'it is already resolved'
      : current.version !== input.expectedVersion
        ? `it changed since you loaded it (version ${current.version}, you sent ${input.expectedVersion})`
        : !isClaimAvailableTo(current, userId, now)
          ? 'another reviewer holds its claim or decided it first'
          : undefined;
  if (refusal) throw new ConflictError(`flag ${input.flagId} was not decided: ${refusal}`);
  const decision = {
    kind: input.kind,
    rationale: input.rationale,
    by: userId,
    at: now,
    ...(input.consentSought !== undefined ? { consentSought: input.consentSought } : {}),
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...(input.notice !== undefined ? { notice: input.notice } : {}),
  };
  return writeFlag(
    models,
    current,
    { $set: { decision, status: input.kind === 'escalate' ? 'escalated' : 'resolved' }, $unset: { claim: 1 }, $inc: { version: 1 } },
    { runValidators: true },
  );
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
