import type { Models } from './models/index.js';

export interface OrganizationInput {
  slug: string;
  name: string;
  aliases?: string[];
  officialWebsite?: string;
  officialAccounts?: { platform: string; url: string }[];
  languages?: string[];
  demo?: boolean;
  safeguardingContacts?: SafeguardingContact[];
}

export interface SafeguardingContact {
  name: string;
  phone?: string;
  email?: string;
  url?: string;
  notes?: string;
}

export type OrganizationRow = OrganizationInput & { _id: unknown; createdAt: Date; updatedAt: Date };

/** Creates the organization or updates its profile; running it twice changes nothing. */
export async function upsertOrganization(models: Models, input: OrganizationInput): Promise<OrganizationRow> {
  const { slug, ...profile } = input;
  const row = await models.Organization.findOneAndUpdate(
    { slug },
    { $set: profile, $setOnInsert: { slug } },
    { upsert: true, new: true, runValidators: true },
  ).lean();
  return row as unknown as OrganizationRow;
}

export async function getOrganization(models: Models, slug: string): Promise<OrganizationRow | undefined> {
  const row = await models.Organization.findOne({ slug }).lean();
  return (row ?? undefined) as OrganizationRow | undefined;
}

export async function listOrganizations(models: Models): Promise<OrganizationRow[]> {
  return (await models.Organization.find().sort({ slug: 1 }).lean()) as unknown as OrganizationRow[];
}

/** Replaces the official accounts administrators keep beside the rule pack's. */
export async function setOfficialAccounts(models: Models, slug: string, accounts: { platform: string; url: string }[]): Promise<OrganizationRow | undefined> {
  const row = await models.Organization.findOneAndUpdate({ slug }, { $set: { officialAccounts: accounts } }, { new: true, runValidators: true }).lean();
  return (row ?? undefined) as OrganizationRow | undefined;
}

export async function setSafeguardingContacts(models: Models, slug: string, contacts: SafeguardingContact[]): Promise<OrganizationRow | undefined> {
  const row = await models.Organization.findOneAndUpdate({ slug }, { $set: { safeguardingContacts: contacts } }, { new: true, runValidators: true }).lean();
  return (row ?? undefined) as OrganizationRow | undefined;
}
