import { copyKeyOf } from '../../classifier/text/copy-key.js';
import type { EarlierCopies } from '../../classifier/types.js';
import type { Models } from '../../db/models/index.js';
import { findPostsByCopyKey, recordCopyKeys, removeFromCopyLists } from '../../db/post-copy-repository.js';
import { getPostBriefs, type PostBrief } from '../../db/post-repository.js';

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
    const keyed = posts
      .filter((post) => post.org === org)
      .map((post) => ({ post, key: copyKeyOf(post.text) }))
      .filter((entry): entry is KeyedPost => entry.key !== undefined);
    if (keyed.length === 0) continue;
    for (const [postId, found] of await findInOrg(models, org, keyed, options)) copies.set(postId, found);
  }
  return copies;
}

interface KeyedPost {
  post: PostToCompare;
  key: string;
}

/** findEarlierCopies for the posts of one organization that have a copy key. */
async function findInOrg(models: Models, org: string, keyed: readonly KeyedPost[], options: { record: boolean }): Promise<Map<string, EarlierCopies>> {
  const listed = await findPostsByCopyKey(models, org, keyed.map(({ key }) => key));
  if (options.record) await recordCopyKeys(models, org, keyed.map(({ post, key }) => ({ postId: post.id, key })), listed);
  const inBatch = new Set(keyed.map(({ post }) => post.id));
  const stored = new Map(withKeys(await getPostBriefs(models, [...listed.values()].flat().filter((id) => !inBatch.has(id)))).map((entry) => [entry.brief.id, entry]));
  const batch = keyed.map(({ post, key }) => ({ brief: { ...post, org }, key }));
  const copies = new Map<string, EarlierCopies>();
  for (const { post, key } of keyed) {
    const listedUnderKey = (listed.get(key) ?? []).flatMap((id) => stored.get(id) ?? []);
    const found = compare(post, earlierInSameWords(post, key, [...listedUnderKey, ...batch]));
    if (found.byAuthor > 0 || found.byOthers.length > 0) copies.set(post.id, found);
  }
  return copies;
}

/**
 * The earlier posts of a stored post's organization in the same words, earliest first: the
 * evidence a reviewer sees beside its flag. Reads only; none when its text is too short for a key.
 */
export async function findEarlierInSameWords(models: Models, post: PostToCompare): Promise<PostBrief[]> {
  const key = copyKeyOf(post.text);
  if (key === undefined) return [];
  const listed = (await findPostsByCopyKey(models, post.org, [key])).get(key) ?? [];
  return earlierInSameWords(post, key, withKeys(await getPostBriefs(models, listed)));
}

/** Posts with the copy key of their text now (a listed post edited since has another, or none). */
function withKeys(briefs: readonly PostBrief[]): { brief: PostBrief; key: string | undefined }[] {
  return briefs.map((brief) => ({ brief, key: copyKeyOf(brief.text) }));
}

/** Of these candidates, the ones in the same words as `post` and before it, earliest first. */
function earlierInSameWords(post: PostToCompare, key: string, candidates: readonly { brief: PostBrief; key: string | undefined }[]): PostBrief[] {
  return candidates
    .filter((candidate) => candidate.key === key && isBefore(candidate.brief, post))
    .map(({ brief }) => brief)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Takes posts about to be deleted (erasure, retention) out of the lists of posts in the same
 * words: a key is a hash of their words, and it goes with them.
 */
export async function forgetCopies(models: Models, posts: readonly Pick<PostBrief, 'id' | 'org' | 'text'>[]): Promise<void> {
  for (const org of new Set(posts.map((post) => post.org))) {
    const keyed = posts.flatMap((post) => {
      const key = post.org === org ? copyKeyOf(post.text) : undefined;
      return key === undefined ? [] : [{ postId: post.id, key }];
    });
    await removeFromCopyLists(models, org, keyed);
  }
}

/** Earlier means an earlier date; on the same date, the smaller id (the same answer every time). */
function isBefore(row: PostBrief, post: PostToCompare): boolean {
  const difference = row.at.getTime() - post.at.getTime();
  return difference < 0 || (difference === 0 && row.id < post.id);
}

/** An author's name as compared: an unknown author is no one, so never the same as anyone. */
function authorKey(author: string | undefined): string | undefined {
  const key = author?.trim().toLowerCase();
  return key ? key : undefined;
}

function compare(post: PostToCompare, earlier: readonly PostBrief[]): EarlierCopies {
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
