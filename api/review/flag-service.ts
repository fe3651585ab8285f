import { recordAudit } from '../../db/audit-repository.js';
import {
  claimFlag,
  decideFlag,
  flagExists,
  getFlagInScope,
  releaseFlag,
  setLegalHold,
  type DecisionKind,
  type FlagRow,
} from '../../db/flag-review-repository.js';
import { getOrganization } from '../../db/organization-repository.js';
import { recordSanction, type SanctionKind } from '../../db/subject-repository.js';
import { InvalidInputError, NotFoundError } from '../../lib/errors.js';
import { SAFEGUARDING_ROLES, auditActor, flagScopeFor, recordDenied, requireOrgRole } from '../auth/access.js';
import type { Principal, RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { loadItems, summarize, type FlagSummary } from './flag-summary.js';
import { noticeFor } from './notices.js';
import { withRecordLock } from './record-lock.js';

// What a reviewer does to a flag: claim it, release it, decide it (with the member's sanction),
// place or lift a legal hold. Each action is audited before it takes effect.

/**
 * The flag when the caller may see it. A hidden or missing id is NotFoundError either way; when
 * the flag exists in an organization the caller cannot see, the attempt is audited first.
 */
export async function loadVisibleFlag(deps: ApiDeps, principal: Principal, flagId: string, origin: RequestOrigin): Promise<FlagRow> {
  try {
    return await getFlagInScope(deps.store.models, flagScopeFor(principal), flagId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      const hidden = await flagExists(deps.store.models, flagId);
      if (hidden) await recordDenied(deps.store.models, principal, { org: hidden.org, target: `flag:${flagId}`, ip: origin.ip });
    }
    throw error;
  }
}

/**
 * Places (`hold`) or lifts a legal hold on a flag: administrators and safeguarding officers of its
 * organization only, with a reason; audited before it takes effect.
 */
export async function changeLegalHold(
  deps: ApiDeps,
  principal: Principal,
  flagId: string,
  change: { hold: boolean; reason: string },
  origin: RequestOrigin,
): Promise<{ id: string; legalHold: boolean }> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await requireOrgRole(deps.store.models, principal, SAFEGUARDING_ROLES, { org: flag.org, target: `flag:${flagId}`, ip: origin.ip }, `no flag ${flagId}`);
  await recordAudit(deps.store.models, {
    actor: auditActor(principal),
    action: change.hold ? 'flag.legal_hold' : 'flag.legal_hold_lifted',
    org: flag.org,
    target: `flag:${flagId}`,
    ip: origin.ip,
    data: { reason: change.reason },
  });
  await setLegalHold(deps.store.models, flagId, change.hold ? { reason: change.reason, by: principal.userId, at: new Date() } : undefined);
  return { id: flagId, legalHold: change.hold };
}

export async function claim(deps: ApiDeps, principal: Principal, flagId: string, origin: RequestOrigin): Promise<FlagSummary> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'flag.claim', org: flag.org, target: `flag:${flagId}`, ip: origin.ip });
  const claimed = await withRecordLock(deps, `flag:${flagId}`, () =>
    claimFlag(deps.store.models, flagScopeFor(principal), { flagId, userId: principal.userId, lockMs: deps.config.review.claimMs }),
  );
  return summarize(claimed, undefined, principal, false);
}

export async function release(deps: ApiDeps, principal: Principal, flagId: string, origin: RequestOrigin): Promise<FlagSummary> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'flag.release', org: flag.org, target: `flag:${flagId}`, ip: origin.ip });
  const released = await withRecordLock(deps, `flag:${flagId}`, () =>
    releaseFlag(deps.store.models, flagScopeFor(principal), flagId, principal.userId),
  );
  return summarize(released, undefined, principal, false);
}

export interface DecisionRequest {
  kind: DecisionKind;
  rationale: string;
  version: number;
  consentSought?: boolean;
  outcome?: string;
}

const SANCTION_OF: Partial<Record<DecisionKind, SanctionKind>> = { warn: 'warning', suspend: 'suspension', blacklist: 'blacklist' };

/**
 * Audits the attempt, then makes the one conditional write that decides the flag. A lost race
 * (ConflictError) is audited too, so both attempts appear in the log. Sanctions go on the
 * member's history when the item has an author.
 */
export async function decide(
  deps: ApiDeps,
  principal: Principal,
  flagId: string,
  request: DecisionRequest,
  origin: RequestOrigin,
): Promise<FlagSummary> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  if (flag.category === 'safeguarding' && request.kind !== 'escalate' && (request.consentSought === undefined || !request.outcome)) {
    throw new InvalidInputError('a safeguarding decision records whether consent to share was sought (consentSought) and the outcome', {
      issues: ['body.consentSought: required for safeguarding cases', 'body.outcome: required for safeguarding cases'],
    });
  }
  const actor = auditActor(principal);
  await recordAudit(deps.store.models, {
    actor,
    action: 'flag.decide',
    org: flag.org,
    target: `flag:${flagId}`,
    ip: origin.ip,
    data: { kind: request.kind, version: request.version, rationale: request.rationale },
  });
  const organization = await getOrganization(deps.store.models, flag.org);
  const notice = noticeFor(request.kind, organization?.name ?? flag.org);
  let decided: FlagRow;
  try {
    decided = await withRecordLock(deps, `flag:${flagId}`, () => decideFlag(deps.store.models, flagScopeFor(principal), {
      flagId,
      userId: principal.userId,
      kind: request.kind,
      rationale: request.rationale,
      expectedVersion: request.version,
      ...(request.consentSought !== undefined ? { consentSought: request.consentSought } : {}),
      ...(request.outcome !== undefined ? { outcome: request.outcome } : {}),
      ...(notice ? { notice } : {}),
    }));
  } catch (error) {
    await recordAudit(deps.store.models, {
      actor,
      action: 'flag.decide_refused',
      org: flag.org,
      target: `flag:${flagId}`,
      ip: origin.ip,
      data: { reason: (error as Error).message },
    });
    throw error;
  }
  const sanction = SANCTION_OF[request.kind];
  if (sanction) {
    const item = (await loadItems(deps.store.models, [decided])).get(String(decided.itemId));
    if (item?.author) {
      await recordSanction(deps.store.models, {
        org: decided.org,
        memberKey: item.author,
        kind: sanction,
        by: principal.userId,
        rationale: request.rationale,
        flagId,
      });
    }
  }
  return summarize(decided, undefined, principal, false);
}

