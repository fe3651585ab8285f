import { ConflictError, NotFoundError } from '../lib/errors.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './models/index.js';

export interface RuleFileContent {
  path: string;
  content: string;
}

export interface RuleSetVersionRow {
  org: string;
  version: string;
  files: RuleFileContent[];
  author: string;
  rationale: string;
  active: boolean;
  activatedAt?: Date;
  createdAt: Date;
}

export interface NewRuleSetVersion {
  org: string;
  version: string;
  files: RuleFileContent[];
  author: string;
  rationale: string;
}

/** The same content uploaded again, named in both languages. */
export function ruleVersionExistsError(org: string, version: string): ConflictError {
  return new ConflictError(`version ${version} of ${org}'s rules already exists`, { fr: `la version ${version} des règles de ${org} existe déjà` });
}

/** Stores a validated version; the same content uploaded again is a ConflictError naming the version. */
export async function saveRuleSetVersion(models: Models, input: NewRuleSetVersion): Promise<RuleSetVersionRow> {
  try {
    const created = await models.RuleSetVersion.create({ ...input, active: false });
    return created.toObject() as unknown as RuleSetVersionRow;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw ruleVersionExistsError(input.org, input.version);
    throw error;
  }
}

/** Versions newest first, without their file contents. */
export async function listRuleSetVersions(models: Models, org: string): Promise<Omit<RuleSetVersionRow, 'files'>[]> {
  return (await models.RuleSetVersion.find({ org }, { files: 0 }).sort({ createdAt: -1 }).lean()) as unknown as Omit<RuleSetVersionRow, 'files'>[];
}

export async function findRuleSetVersion(models: Models, org: string, version: string): Promise<boolean> {
  return (await models.RuleSetVersion.exists({ org, version })) !== null;
}

export async function getRuleSetVersion(models: Models, org: string, version: string): Promise<RuleSetVersionRow> {
  const row = await models.RuleSetVersion.findOne({ org, version }).lean();
  if (!row) throw new NotFoundError(`no version ${version} of ${org}'s rules`);
  return row as unknown as RuleSetVersionRow;
}

/** The active version's id, or undefined when the organization runs on the shipped pack file. */
export async function getActiveRuleSetVersionId(models: Models, org: string): Promise<string | undefined> {
  const row = await models.RuleSetVersion.findOne({ org, active: true }, { version: 1 }).sort({ activatedAt: -1 }).lean();
  return row?.version;
}

/**
 * Makes `version` the only active one. Activating first and then clearing the others means a
 * crash in between leaves two active rows rather than none; readers take the latest activation.
 */
export async function activateRuleSetVersion(models: Models, org: string, version: string, at = new Date()): Promise<void> {
  const result = await models.RuleSetVersion.updateOne({ org, version }, { $set: { active: true, activatedAt: at } });
  if (result.matchedCount === 0) throw new NotFoundError(`no version ${version} of ${org}'s rules`);
  const others = await models.RuleSetVersion.find({ org, active: true }, { version: 1 }).lean();
  for (const other of others) {
    if (other.version !== version) await models.RuleSetVersion.updateOne({ org, version: other.version }, { $set: { active: false } });
  }
}
