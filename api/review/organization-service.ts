import { recordAudit } from '../../db/audit-repository.js';
import { getOrganization, setOfficialAccounts, setSafeguardingContacts, type SafeguardingContact } from '../../db/organization-repository.js';
import { NotFoundError } from '../../lib/errors.js';
import { auditActor, requireOrgRole } from '../auth/access.js';
import type { Principal, RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';

export interface OrganizationSettings {
  org: string;
  name: string;
  safeguardingContacts: SafeguardingContact[];
  officialAccounts: { platform: string; url: string }[];
}

/** What administrators keep for their organization; other organizations look absent (audited). */
export async function viewOrganizationSettings(deps: ApiDeps, principal: Principal, org: string, origin: RequestOrigin): Promise<OrganizationSettings> {
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `organization:${org}`, ip: origin.ip }, `no organization ${org}`);
  const row = await getOrganization(deps.store.models, org);
  if (!row) throw new NotFoundError(`no organization ${org}`);
  return { org, name: row.name, safeguardingContacts: row.safeguardingContacts ?? [], officialAccounts: row.officialAccounts ?? [] };
}

/** Administrators keep official accounts beside the pack's; group checks accept links to them. */
export async function replaceOfficialAccounts(
  deps: ApiDeps,
  principal: Principal,
  org: string,
  accounts: { platform: string; url: string }[],
  origin: RequestOrigin,
): Promise<{ org: string; officialAccounts: { platform: string; url: string }[] }> {
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `organization:${org}`, ip: origin.ip }, `no organization ${org}`);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'organization.official_accounts', org, target: `organization:${org}`, ip: origin.ip, data: { count: accounts.length } });
  const updated = await setOfficialAccounts(deps.store.models, org, accounts);
  if (!updated) throw new NotFoundError(`no organization ${org}`);
  return { org, officialAccounts: updated.officialAccounts ?? [] };
}

/** Administrators record who to call in a safeguarding case (a child or a person at risk); safeguarding flags show them. */
export async function replaceSafeguardingContacts(
  deps: ApiDeps,
  principal: Principal,
  org: string,
  contacts: SafeguardingContact[],
  origin: RequestOrigin,
): Promise<{ org: string; safeguardingContacts: SafeguardingContact[] }> {
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `organization:${org}`, ip: origin.ip }, `no organization ${org}`);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'organization.safeguarding_contacts', org, target: `organization:${org}`, ip: origin.ip, data: { count: contacts.length } });
  const updated = await setSafeguardingContacts(deps.store.models, org, contacts);
  if (!updated) throw new NotFoundError(`no organization ${org}`);
  return { org, safeguardingContacts: updated.safeguardingContacts ?? [] };
}
