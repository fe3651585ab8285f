import { copyKeyOf } from '../../classifier/text/copy-key.js';
import type { EarlierCopies } from '../../classifier/types.js';
import type { Models } from '../../db/models/index.js';
import { findPostsByCopyKey, recordCopyKeys } from '../../db/post-copy-repository.js';
import { getPostAuthors, type PostAuthorRow } from '../../db/post-repository.js';

/** Earlier posts by the same author count as flooding within this long (the repeated_post detector). */
export const FLOODING_WINDOW_MS = 7 * 24 * 3_600_000;
/** More names of earlier authors would change no decision. */
const MAX_OTHER_AUTHORS = 5;

/** What the search needs of a post about to be classified. */
export interface PostToCompare {
  id: string;
  org: string;
  text: string;
  author?: string;
  /** When it was published, or stored when the source gives no date. */
  at: Date;
}

/**
 * For each post, the earlier posts of its organization in the same words (see
 * classifier/text/copy-key.ts): how many its author posted within the last week, and who else
 * posted them before. Per organization, one read of the copy lists and one of the listed posts'
 * authors; the posts of one batch count for each other, by date. With `record`, the batch's posts
 * are then listed under their keys for later posts to find. Two copies classified at the same
 * moment by two jobs may miss each other.
 */
export async function findEarlierCopies(
  models: Models,
  posts: readonly PostToCompare[],
  options: { record: boolean },
): Promise<Map<string, EarlierCopies>> {
  const copies = new Map<string, EarlierCopies>();
  for (const org of new Set(posts.map((post) => post.org))) {
    const withKey = posts
      .filter((post) => post.org === org)
      .map((post) => ({ post, key: copyKeyOf(post.text) }))
      .filter((entry): entry is { post: PostToCompare; key: string } => entry.key !== undefined);
    if (withKey.length === 0) continue;
    const listed = await findPostsByCopyKey(models, org, withKey.map(({ key }) => key));
    if (options.record) await recordCopyKeys(models, org, withKey.map(({ post, key }) => ({ postId: post.id, key })), listed);
    const inBatch = new Set(withKey.map(({ post }) => post.id));
    const stored = await getPostAuthors(models, [...listed.values()].flat().filter((id) => !inBatch.has(id)));
    // A listed post edited since, or erased, is no copy any more.
    const authorOf = new Map(stored.filter((row) => listed.get(copyKeyOf(row.text) ?? '')?.includes(row.id)).map((row) => [row.id, row] as const));
    for (const { post } of withKey) authorOf.set(post.id, { id: post.id, text: post.text, at: post.at, ...(post.author ? { author: post.author } : {}) });
    const batchIdsByKey = new Map<string, string[]>();
    for (const { post, key } of withKey) batchIdsByKey.set(key, [...(batchIdsByKey.get(key) ?? []), post.id]);
    for (const { post, key } of withKey) {
      const ids = new Set([...(listed.get(key) ?? []), ...batchIdsByKey.get(key)!]);
      const earlier = [...ids]
        .flatMap((id) => authorOf.get(id) ?? [])
        .filter((row) => isBefore(row, post))
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      const found = compare(post, earlier);
      if (found.byAuthor > 0 || found.byOthers.length > 0) copies.set(post.id, found);
    }
  }
  return copies;
}

/** Earlier means an earlier date; on the same date, the smaller id (the same answer every time). */
function isBefore(row: PostAuthorRow, post: PostToCompare): boolean {
  const difference = row.at.getTime() - post.at.getTime();
  return difference < 0 || (difference === 0 && row.id < post.id);
}

/** An author's name as compared: an unknown author is no one, so never the same as anyone. */
function authorKey(author: string | undefined): string | undefined {
  const key = author?.trim().toLowerCase();
  return key ? key : undefined;
}

function compare(post: PostToCompare, earlier: readonly PostAuthorRow[]): EarlierCopies {
  const author = authorKey(post.author);
  if (author === undefined) return { byAuthor: 0, byOthers: [] };
  let byAuthor = 0;
  const byOthers = new Map<string, string>();
  for (const row of earlier) {
    const rowAuthor = authorKey(row.author);
    if (rowAuthor === undefined) continue;
    if (rowAuthor === author) {
      if (post.at.getTime() - row.at.getTime() <= FLOODING_WINDOW_MS) byAuthor++;
    } else if (byOthers.size < MAX_OTHER_AUTHORS && !byOthers.has(rowAuthor)) {
      byOthers.set(rowAuthor, row.author!);
    }
  }
  return { byAuthor, byOthers: [...byOthers.values()] };
}
