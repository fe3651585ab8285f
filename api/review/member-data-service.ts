import { createHash } from 'node:crypto';
import { suppressMember } from '../../db/suppression-repository.js';
import { recordAudit } from '../../db/audit-repository.js';
import { collectMemberData, eraseMemberData, type ErasureResult, type MemberData } from '../../db/member-data-repository.js';
import { forgetCopies } from '../../jobs/post-classifier/earlier-copies.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { auditActor, requireOrgRole } from '../auth/access.js';
import type { Principal, RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';

/** What a member may ask for (access request): their own data, never third parties' (reporters, witnesses). */
export interface MemberExport {
  org: string;
  memberKey: string;
  exportedAt: string;
  sanctions?: { level: string; standing: string; history: { kind?: string; at?: string; rationale?: string }[] };
  posts: { id: string; sourceId: string; url?: string; text: string; publishedAt?: string; capturedAt: string; removedAt?: string }[];
  reports: { reference: string; place: string; occurredAt?: string; description: string; impact?: string; filedAt: string }[];
  flags: { id: string; itemType: string; itemId: string; category: string; severity: string; status: string; decision?: { kind?: string; rationale?: string; at?: string } }[];
}

/** The audit log is append-only and outlives an erasure, so it names the member by a hash, not by name. */
function subjectTarget(org: string, memberKey: string): string {
  return `subject:${createHash('sha256').update(`${org}\n${memberKey}`).digest('hex').slice(0, 24)}`;
}

const iso = (date?: Date) => (date ? new Date(date).toISOString() : undefined);

async function loadMemberData(deps: ApiDeps, principal: Principal, org: string, memberKey: string, origin: RequestOrigin): Promise<MemberData> {
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `subject:${org}`, ip: origin.ip }, `no member ${memberKey} in ${org}`);
  const data = await collectMemberData(deps.store.models, org, memberKey);
  if (data.posts.length === 0 && data.reports.length === 0 && !data.subject) throw new NotFoundError(`nothing is stored about ${memberKey} in ${org}`);
  return data;
}

/** Everything stored about a member, for an access request; administrators only, audited. */
export async function exportMemberData(deps: ApiDeps, principal: Principal, org: string, memberKey: string, origin: RequestOrigin): Promise<MemberExport> {
  const data = await loadMemberData(deps, principal, org, memberKey, origin);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'subject.export', org, target: subjectTarget(org, memberKey), ip: origin.ip });
  const drop = <T extends object>(row: T) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as T;
  return {
    org,
    memberKey,
    exportedAt: new Date().toISOString(),
    ...(data.subject
      ? { sanctions: { level: data.subject.level, standing: data.subject.standing, history: data.subject.sanctions.map((s) => drop({ kind: s.kind, at: iso(s.at), rationale: s.rationale })) } }
      : {}),
    posts: data.posts.map((post) =>
      drop({ id: String(post._id), sourceId: post.sourceId, url: post.url, text: post.text, publishedAt: iso(post.publishedAt), capturedAt: iso(post.createdAt)!, removedAt: iso(post.removedAt) }),
    ),
    reports: data.reports.map((report) =>
      drop({ reference: report.reference, place: report.place, occurredAt: iso(report.occurredAt), description: report.description, impact: report.impact, filedAt: iso(report.createdAt)! }),
    ),
    flags: data.flags.map((flag) =>
      drop({
        id: String(flag._id),
        itemType: flag.itemType,
        itemId: String(flag.itemId),
        category: flag.category,
        severity: flag.severity,
        status: flag.status,
        ...(flag.decision?.kind ? { decision: drop({ kind: flag.decision.kind, rationale: flag.decision.rationale, at: iso(flag.decision.at) }) } : {}),
      }),
    ),
  };
}

/**
 * Erases a member's posts (and their places in the lists of posts in the same words), reports
 * about them, their flags, captures only they appear in, and their sanctions record, and puts
 * them on the suppression list so crawls do not store their public posts again; administrators
 * only, with a rationale, audited before anything goes.
 * Refused (409, naming the flags) while a case about them is open or under legal hold.
 */
export async function eraseMember(deps: ApiDeps, principal: Principal, org: string, memberKey: string, rationale: string, origin: RequestOrigin): Promise<ErasureResult> {
  const data = await loadMemberData(deps, principal, org, memberKey, origin);
  const blocking = data.flags.filter((flag) => flag.status !== 'resolved' || flag.legalHold?.at);
  if (blocking.length > 0) {
    throw new ConflictError(
      `cannot erase ${memberKey}: ${blocking.length} case(s) still open or under legal hold (${blocking.map((flag) => String(flag._id)).join(', ')}); decide them or lift the hold first`,
    );
  }
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'subject.erase', org, target: subjectTarget(org, memberKey), ip: origin.ip, data: { rationale } });
  // First, so a crawl running meanwhile cannot bring the posts back.
  await suppressMember(deps.store.models, org, memberKey);
  await forgetCopies(deps.store.models, data.posts.map((post) => ({ id: String(post._id), org, text: post.text })));
  return eraseMemberData(deps.store.models, data);
}
