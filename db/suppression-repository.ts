import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Models } from './models/index.js';

/** The suppression id of an author in an organization; names are compared trimmed and lower-cased. */
export function suppressionId(org: string, author: string): string {
  return `${org}:${createHash('sha256').update(author.trim().toLowerCase()).digest('hex')}`;
}

/** After an erasure: the member's public posts are not captured again. Idempotent. */
export async function suppressMember(models: Models, org: string, memberKey: string, at = new Date()): Promise<void> {
  await models.Suppression.updateOne({ _id: suppressionId(org, memberKey) }, { $setOnInsert: { org, at } }, { upsert: true });
}

/**
 * Which of these authors are suppressed, in one query (a crawl asks once, not once per post).
 * Returns the authors as given.
 */
export async function suppressedAuthors(models: Models, org: string, authors: readonly (string | undefined)[]): Promise<Set<string>> {
  const byId = new Map<string, string>();
  for (const author of authors) if (author) byId.set(suppressionId(org, author), author);
  if (byId.size === 0) return new Set();
  // trusted: built here from hashes, not from a request (filters are sanitized otherwise).
  const rows = await models.Suppression.find({ _id: mongoose.trusted({ $in: [...byId.keys()] }) }, { _id: 1 }).lean();
  return new Set(rows.map((row) => byId.get(String(row._id))!));
}
