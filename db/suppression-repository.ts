import { createHash } from 'node:crypto';
import type { Models } from './models/index.js';

/** The suppression id of an author in an organization; names are compared trimmed and lower-cased. */
export function suppressionId(org: string, author: string): string {
  return `${org}:${createHash('sha256').update(author.trim().toLowerCase()).digest('hex')}`;
}

/** After an erasure: the member's public posts are not captured again. Idempotent. */
export async function suppressMember(models: Models, org: string, memberKey: string, at = new Date()): Promise<void> {
  await models.Suppression.updateOne({ _id: suppressionId(org, memberKey) }, { $setOnInsert: { org, at } }, { upsert: true });
}

/** Whether posts by this author are to be left out of captures. */
export async function isSuppressed(models: Models, org: string, author: string | undefined): Promise<boolean> {
  if (!author) return false;
  return (await models.Suppression.findById(suppressionId(org, author), { _id: 1 }).lean()) !== null;
}
