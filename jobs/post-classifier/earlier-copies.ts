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

/** What the classify job learns from the lists of posts in the same words. */
export interface SameWords {
  /** By post id: its earlier posts in the same words (absent when none). */
  earlier: Map<string, EarlierCopies>;
  /**
   * Later posts in the same words, classified before these were listed, which may have missed
   * them: an original crawled after its copy, or two copies classified at the same moment.
   */
  laterToRecheck: string[];
}

/**
 * For each post, the earlier posts of its organization in the same words (see
 * classifier/text/copy-key.ts): how many its author posted within the last week, and who else
 * posted them before. Per organization, one read of the copy lists and one of the listed posts'
 * authors; the posts of one batch count for each other, by date. With `record`, the batch's posts
 * are then listed under their keys for later posts to find, the lists are read again, and the
 * later posts listed before these ones were are named for classifying again.
 */
export async function findEarlierCopies(
  models: Models,
  posts: readonly PostToCompare[],
  options: { record: boolean },
): Promise<SameWords> {
  const found: SameWords = { earlier: new Map(), laterToRecheck: [] };
  for (const org of new Set(posts.map((post) => post.org))) {
    const keyed = posts
      .filter((post) => post.org === org)
      .map((post) => ({ post, key: copyKeyOf(post.text) }))
      .filter((entry): entry is KeyedPost => entry.key !== undefined);
    if (keyed.length === 0) continue;
    const inOrg = await findInOrg(models, org, keyed, options);
    for (const [postId, copies] of inOrg.earlier) found.earlier.set(postId, copies);
    found.laterToRecheck.push(...inOrg.laterToRecheck);
  }
  return found;
}

interface KeyedPost {
  post: PostToCompare;
  key: string;
}

/** findEarlierCopies for the posts of one organization that have a copy key. */
async function findInOrg(models: Models, org: string, keyed: readonly KeyedPost[], options: { record: boolean }): Promise<SameWords> {
  const keys = keyed.map(({ key }) => key);
  const before = await findPostsByCopyKey(models, org, keys);
  let listed = before;
  if (options.record) {
    const created = await recordCopyKeys(models, org, keyed.map(({ post, key }) => ({ postId: post.id, key })), before);
    // Of two jobs listing copies at the same moment, the one that writes last reads the other's
    // post here; if that is the later post, the one that wrote first has it classified again. A
    // list this job created needs no second look: whoever else lists under it writes after.
    const added = keys.filter((key) => !created.has(key));
    if (added.length > 0) listed = new Map([...before, ...(await findPostsByCopyKey(models, org, added))]);
  }
  const inBatch = new Set(keyed.map(({ post }) => post.id));
  const stored = new Map(withKeys(await getPostBriefs(models, [...listed.values()].flat().filter((id) => !inBatch.has(id)))).map((entry) => [entry.brief.id, entry]));
  const batch = keyed.map(({ post, key }) => ({ brief: { ...post, org }, key }));
  const earlier = new Map<string, EarlierCopies>();
  const later = new Set<string>();
  for (const { post, key } of keyed) {
    const listedUnderKey = (listed.get(key) ?? []).flatMap((id) => stored.get(id) ?? []);
    const copies = compare(post, earlierInSameWords(post, key, [...listedUnderKey, ...batch]));
    if (copies.byAuthor > 0 || copies.byOthers.length > 0) earlier.set(post.id, copies);
    // Listed before: classified again (a retry, a new rule set); later posts listed since saw it.
    if (!options.record || (before.get(key) ?? []).includes(post.id)) continue;
    for (const candidate of listedUnderKey) {
      if (candidate.key === key && candidate.brief.id !== post.id && !isBefore(candidate.brief, post)) later.add(candidate.brief.id);
    }
  }
  return { earlier, laterToRecheck: [...later] };
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
