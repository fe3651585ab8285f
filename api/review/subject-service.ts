import { recordAudit } from '../../db/audit-repository.js';
import { findSubject, recordSanction, suggestNextSanction, type SubjectRow } from '../../db/subject-repository.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { auditActor, requireOrgRole, REVIEW_ROLES } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import type { RequestOrigin } from './flag-service.js';

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
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'subject.acknowledged', org, target: `subject:${String(subject._id)}`, ip: origin.ip, data: { rationale } });
  return toView(await recordSanction(deps.store.models, { org, memberKey, kind: 'acknowledged', by: principal.userId, rationale }));
}

/** Lifts a blacklist: administrators only, with a rationale. */
export async function liftBlacklist(deps: ApiDeps, principal: Principal, org: string, memberKey: string, rationale: string, origin: RequestOrigin): Promise<SubjectView> {
  const subject = await loadSubject(deps, principal, org, memberKey, origin);
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `subject:${String(subject._id)}`, ip: origin.ip }, `no member ${memberKey} in ${org}`);
  if (subject.standing !== 'blacklisted') throw new ConflictError(`${memberKey} is not blacklisted`);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'subject.blacklist_lifted', org, target: `subject:${String(subject._id)}`, ip: origin.ip, data: { rationale } });
  return toView(await recordSanction(deps.store.models, { org, memberKey, kind: 'lifted', by: principal.userId, rationale }));
}
