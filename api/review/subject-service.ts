import { recordAudit } from '../../db/audit-repository.js';
import { findSubject, recordSanction, suggestNextSanction, type Standing, type SubjectRow } from '../../db/subject-repository.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { auditActor, requireOrgRole, REVIEW_ROLES } from '../auth/access.js';
import type { Principal, RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { withRecordLock } from './record-lock.js';

export interface SubjectView {
  org: string;
  memberKey: string;
  level: SubjectRow['level'];
  standing: SubjectRow['standing'];
  suggestedNext: ReturnType<typeof suggestNextSanction>;
  history: { kind: string; at: string; rationale?: string; flagId?: string; skippedSteps?: boolean }[];
}

function toView(subject: SubjectRow): SubjectView {
  return {
    org: subject.org,
    memberKey: subject.memberKey,
    level: subject.level,
    standing: subject.standing,
    suggestedNext: suggestNextSanction(subject.level),
    history: subject.sanctions.map((s) => ({
      kind: s.kind,
      at: new Date(s.at).toISOString(),
      ...(s.rationale ? { rationale: s.rationale } : {}),
      ...(s.flagId ? { flagId: String(s.flagId) } : {}),
      ...(s.skippedSteps ? { skippedSteps: true } : {}),
    })),
  };
}

/** The member's record when the caller reviews for that organization; 404 otherwise (audited). */
async function loadSubject(deps: ApiDeps, principal: Principal, org: string, memberKey: string, origin: RequestOrigin): Promise<SubjectRow> {
  await requireOrgRole(deps.store.models, principal, REVIEW_ROLES, { org, target: `subject:${org}`, ip: origin.ip }, `no member ${memberKey} in ${org}`);
  const subject = await findSubject(deps.store.models, org, memberKey);
  if (!subject) throw new NotFoundError(`no member ${memberKey} in ${org}`);
  return subject;
}

/** A member's sanctions across platforms and reports, with the suggested next step; the view is audited. */
export async function viewSubject(deps: ApiDeps, principal: Principal, org: string, memberKey: string, origin: RequestOrigin): Promise<SubjectView> {
  const subject = await loadSubject(deps, principal, org, memberKey, origin);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'subject.view', org, target: `subject:${String(subject._id)}`, ip: origin.ip });
  return toView(subject);
}

/** Ends a suspension once the member has acknowledged the rules. */
export async function acknowledgeRules(deps: ApiDeps, principal: Principal, org: string, memberKey: string, rationale: string, origin: RequestOrigin): Promise<SubjectView> {
  const subject = await loadSubject(deps, principal, org, memberKey, origin);
  if (subject.standing !== 'suspended') throw new ConflictError(`${memberKey} is not suspended`);
  return changeStanding(deps, principal, subject, { kind: 'acknowledged', from: 'suspended', action: 'subject.acknowledged', rationale }, origin);
}

/** Lifts a blacklist: administrators only, with a rationale. */
export async function liftBlacklist(deps: ApiDeps, principal: Principal, org: string, memberKey: string, rationale: string, origin: RequestOrigin): Promise<SubjectView> {
  const subject = await loadSubject(deps, principal, org, memberKey, origin);
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `subject:${String(subject._id)}`, ip: origin.ip }, `no member ${memberKey} in ${org}`);
  if (subject.standing !== 'blacklisted') throw new ConflictError(`${memberKey} is not blacklisted`);
  return changeStanding(deps, principal, subject, { kind: 'lifted', from: 'blacklisted', action: 'subject.blacklist_lifted', rationale }, origin);
}

/**
 * Audits the attempt, then records the change only if the member is still in `from`, under the
 * member's lock: of two people acting at once, one wins and the other's attempt is audited as
 * refused (ConflictError).
 */
async function changeStanding(
  deps: ApiDeps,
  principal: Principal,
  subject: SubjectRow,
  change: { kind: 'acknowledged' | 'lifted'; from: Standing; action: 'subject.acknowledged' | 'subject.blacklist_lifted'; rationale: string },
  origin: RequestOrigin,
): Promise<SubjectView> {
  const { org, memberKey } = subject;
  const audit = { actor: auditActor(principal), org, target: `subject:${String(subject._id)}`, ip: origin.ip };
  await recordAudit(deps.store.models, { ...audit, action: change.action, data: { rationale: change.rationale } });
  const changed = await withRecordLock(deps, audit.target, () =>
    recordSanction(deps.store.models, { org, memberKey, kind: change.kind, by: principal.userId, rationale: change.rationale, onlyIfStanding: change.from }),
  );
  if (!changed) {
    const reason = `${memberKey} is no longer ${change.from}`;
    await recordAudit(deps.store.models, { ...audit, action: 'subject.change_refused', data: { reason } });
    throw new ConflictError(reason);
  }
  return toView(changed);
}
