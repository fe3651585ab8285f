import { assertPublicUrl, parseExternalUrl } from '../../crawler/url-guard.js';
import { recordAudit } from '../../db/audit-repository.js';
import { getGroupOrThrow, insertGroup, listGroups, setLogoConsent, type GroupRow, type StoredGroupFinding } from '../../db/group-repository.js';
import { getOrganization } from '../../db/organization-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { InvalidInputError, NotFoundError, SourceRejectedError, SourceUnavailableError } from '../../lib/errors.js';
import { auditActor, recordDenied, requireOrgRole, REVIEW_ROLES } from '../auth/access.js';
import { hasRole, orgsWithRole, type Principal, type RequestOrigin } from '../auth/principal.js';
import { constantTimeEqual, newSecretToken, tokenHash } from '../auth/tokens.js';
import type { ApiDeps } from '../deps.js';

const RECHECK_EVERY_MS = 24 * 3_600_000;

export interface GroupRegistration {
  org: string;
  platform: string;
  url: string;
  name: string;
  description: string;
  creatorEmail: string;
  accessConsent: boolean;
}

export interface GroupStatus {
  id: string;
  org: string;
  platform: string;
  url: string;
  name: string;
  registered: boolean;
  compliant: boolean;
  findings: Pick<StoredGroupFinding, 'category' | 'severity' | 'explanation'>[];
  pageError?: string;
  checkedAt?: string;
  fixDeadline?: string;
  logoConsent: boolean;
}

function statusOf(group: GroupRow): GroupStatus {
  const findings = (group.lastCheck?.findings ?? []).map(({ category, severity, explanation }) => ({ category, severity, explanation }));
  return {
    id: String(group._id),
    org: group.org,
    platform: group.platform,
    url: group.url,
    name: group.name,
    registered: group.registered,
    compliant: group.lastCheckedAt !== undefined && findings.length === 0,
    findings,
    ...(group.lastCheck?.pageError ? { pageError: group.lastCheck.pageError } : {}),
    ...(group.lastCheckedAt ? { checkedAt: new Date(group.lastCheckedAt).toISOString() } : {}),
    ...(group.fixDeadline ? { fixDeadline: new Date(group.fixDeadline).toISOString() } : {}),
    logoConsent: group.logoConsent?.grantedAt !== undefined,
  };
}

/**
 * Registers a creator's unofficial group and checks it at once. The creator gets a link token
 * (shown once, and in the e-mail) that opens this registration only; the group is re-checked daily.
 */
export async function registerGroup(
  deps: ApiDeps,
  input: GroupRegistration,
  principal: Principal | undefined,
  origin: RequestOrigin,
): Promise<GroupStatus & { token: string; link: string }> {
  if (!(await getOrganization(deps.store.models, input.org))) throw new InvalidInputError(`org: no organization ${JSON.stringify(input.org)}`);
  // The crawler's SSRF guard, name resolution included: a private, loopback or unknown name is
  // refused now rather than reported later. When the resolver fails for now, the registration is
  // kept (every fetch runs the guard again) and the check reads the details entered instead.
  let url: string;
  try {
    url = (await assertPublicUrl(input.url, deps.urlGuard)).url.toString();
  } catch (error) {
    if (error instanceof SourceUnavailableError) url = parseExternalUrl(input.url, deps.urlGuard).toString();
    else throw refusedUrl(error);
  }
  const token = newSecretToken();
  const group = await insertGroup(deps.store.models, {
    org: input.org,
    platform: input.platform,
    url,
    name: input.name,
    description: input.description,
    registered: true,
    creatorEmail: input.creatorEmail,
    accessConsent: input.accessConsent,
    creatorTokenHash: tokenHash(token),
  });
  const id = String(group._id);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'group.registered', org: input.org, target: `group:${id}`, ip: origin.ip });
  await deps.queues['group-check'].upsertJobScheduler(jobIdFor('group-check', id) as 'group-check', { every: RECHECK_EVERY_MS }, { name: 'group-check', data: { groupId: id } });
  const link = `${deps.config.notices.publicUrl}/groups/${id}?token=${token}`;
  await deps.groups.inspect(id, { creatorLink: link });
  return { ...statusOf(await getGroupOrThrow(deps.store.models, id)), token, link };
}

/** The guard's refusal as a form error on the url field, in both languages. */
function refusedUrl(error: unknown): InvalidInputError {
  const reason = (error as Error).message;
  const french = error instanceof SourceRejectedError ? error.messageIn('fr') : reason;
  return new InvalidInputError(`url: ${reason}`, { issues: [{ en: `url: ${reason}`, fr: `url : ${french}` }] });
}

/** The creator (by link token or account e-mail) and the organization's staff may see a group; others get 404. */
async function loadVisibleGroup(deps: ApiDeps, id: string, access: { token?: string; principal?: Principal }, origin: RequestOrigin): Promise<GroupRow> {
  const group = await getGroupOrThrow(deps.store.models, id);
  const byToken = access.token !== undefined && group.creatorTokenHash !== undefined && constantTimeEqual(tokenHash(access.token), group.creatorTokenHash);
  const byStaff = access.principal !== undefined && hasRole(access.principal, REVIEW_ROLES, group.org);
  const byCreatorAccount = access.principal !== undefined && hasRole(access.principal, ['group_creator'], group.org) && access.principal.email === group.creatorEmail;
  if (byToken || byStaff || byCreatorAccount) return group;
  await recordDenied(deps.store.models, access.principal, { org: group.org, target: `group:${id}`, ip: origin.ip });
  throw new NotFoundError(`no group ${id}`);
}

export async function viewGroup(deps: ApiDeps, id: string, access: { token?: string; principal?: Principal }, origin: RequestOrigin): Promise<GroupStatus> {
  return statusOf(await loadVisibleGroup(deps, id, access, origin));
}

/** Re-reads the page and runs the checks again; fixed problems close their flags. */
export async function recheckGroup(deps: ApiDeps, id: string, access: { token?: string; principal?: Principal }, origin: RequestOrigin): Promise<GroupStatus> {
  const group = await loadVisibleGroup(deps, id, access, origin);
  await recordAudit(deps.store.models, { actor: auditActor(access.principal), action: 'group.rechecked', org: group.org, target: `group:${id}`, ip: origin.ip });
  await deps.groups.inspect(id);
  return statusOf(await getGroupOrThrow(deps.store.models, id));
}

/** An administrator records the written consent to use the logo; the group is checked again. */
export async function recordLogoConsent(
  deps: ApiDeps,
  principal: Principal,
  id: string,
  consent: { grantedAt: Date; scope: string },
  origin: RequestOrigin,
): Promise<GroupStatus> {
  const group = await getGroupOrThrow(deps.store.models, id);
  await requireOrgRole(deps.store.models, principal, ['admin'], { org: group.org, target: `group:${id}`, ip: origin.ip }, `no group ${id}`);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'group.logo_consent', org: group.org, target: `group:${id}`, ip: origin.ip, data: { scope: consent.scope } });
  await setLogoConsent(deps.store.models, id, { ...consent, recordedBy: principal.userId });
  await deps.groups.inspect(id);
  return statusOf(await getGroupOrThrow(deps.store.models, id));
}

/** Staff see their organizations' groups; a group_creator account sees the groups it registered. */
export async function listGroupsFor(deps: ApiDeps, principal: Principal): Promise<GroupStatus[]> {
  const staffOrgs = orgsWithRole(principal, REVIEW_ROLES);
  const creatorOrgs = orgsWithRole(principal, ['group_creator']);
  const [staff, own] = await Promise.all([
    staffOrgs.length > 0 ? listGroups(deps.store.models, { orgs: staffOrgs }) : Promise.resolve([]),
    creatorOrgs.length > 0 ? listGroups(deps.store.models, { orgs: creatorOrgs, creatorEmail: principal.email }) : Promise.resolve([]),
  ]);
  const byId = new Map([...staff, ...own].map((group) => [String(group._id), group]));
  return [...byId.values()].map(statusOf);
}
