import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.js';
import { withholdScreenshots } from './capture-repository.js';
import { derivedObjectId } from './derived-id.js';
import { alreadyStoredPositions, isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './models/index.js';

export interface NewPost {
  org: string;
  sourceId: string;
  externalId: string;
  url?: string;
  author?: string;
  text: string;
  publishedAt?: Date;
  lang?: string;
}

export interface PostRow extends NewPost {
  _id: { toString(): string };
  contentHash: string;
  status: 'pending' | 'classified' | 'unclassifiable';
  classificationError?: string;
  mediaWithheld?: boolean;
  removedAt?: Date;
  createdAt: Date;
  versions?: { contentHash: string; captureId?: { toString(): string }; seenAt: Date }[];
}

export function hashPostContent(post: Pick<NewPost, 'text' | 'author' | 'url'>): string {
  return createHash('sha256')
    .update(JSON.stringify([post.text, post.author ?? null, post.url ?? null]))
    .digest('hex');
}

/** A post's id follows from its source and external id (see db/derived-id.ts). */
export function postIdFor(sourceId: string, externalId: string): mongoose.Types.ObjectId {
  return derivedObjectId('post', sourceId, externalId);
}

/** Stores a new post; a second post with the same (source, external id) is a ConflictError. */
export async function insertPost(models: Models, post: NewPost): Promise<PostRow> {
  try {
    const created = await models.Post.create({ _id: postIdFor(post.sourceId, post.externalId), ...post, contentHash: hashPostContent(post) });
    return created.toObject() as unknown as PostRow;
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      throw new ConflictError(
        `post ${JSON.stringify(post.externalId)} from source ${post.sourceId} is already stored`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * The post with this (source, external id): by its derived id, else by the key itself (a post
 * stored before ids were derived; that query reads the whole collection on the embedded store).
 */
export async function getPost(
  models: Models,
  sourceId: string,
  externalId: string,
  projection?: Record<string, 1>,
): Promise<PostRow | undefined> {
  const row =
    (await models.Post.findById(postIdFor(sourceId, externalId), projection).lean()) ??
    (await models.Post.findOne({ sourceId, externalId }, projection).lean());
  return (row ?? undefined) as PostRow | undefined;
}

export async function getPostByIdOrThrow(models: Models, id: string): Promise<PostRow> {
  if (!mongoose.isValidObjectId(id)) throw new InvalidInputError(`post id ${JSON.stringify(id)} is not a valid id`);
  const row = await models.Post.findById(id).lean();
  if (!row) throw new NotFoundError(`post ${id} not found`);
  return row as unknown as PostRow;
}

/** Bulk insert (benchmarks and imports); returns the new ids in input order. */
export async function insertPosts(models: Models, posts: readonly NewPost[]): Promise<string[]> {
  const inserted = await models.Post.insertMany(
    posts.map((post) => ({ _id: postIdFor(post.sourceId, post.externalId), ...post, contentHash: hashPostContent(post) })),
    { ordered: true },
  );
  return inserted.map((row) => String(row._id));
}

/**
 * The posts with these ids that exist, one `$in` query per 500 ids (answered from the `_id`
 * index, on the embedded store too: embedded/go/patches/02); a malformed id is refused, a missing
 * one is simply absent from the map.
 */
export async function getPostsByIds(models: Models, ids: readonly string[]): Promise<Map<string, PostRow>> {
  const malformed = ids.find((id) => !mongoose.isValidObjectId(id));
  if (malformed !== undefined) throw new InvalidInputError(`post id ${JSON.stringify(malformed)} is not a valid id`);
  const found = new Map<string, PostRow>();
  for (const row of await findByIdChunks(models, ids)) found.set(String(row._id), row as unknown as PostRow);
  return found;
}

// Under the 1,000 values the embedded store's `$in` pushdown accepts.
const IDS_PER_QUERY = 500;

/** The posts with these ids that exist (with only `projection`'s fields, when given), one `$in` query per 500 ids. */
async function findByIdChunks(models: Models, ids: readonly string[], projection?: Record<string, 1>) {
  const unique = [...new Set(ids)];
  const rows = [];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    rows.push(...(await models.Post.find({ _id: mongoose.trusted({ $in: unique.slice(start, start + IDS_PER_QUERY) }) }, projection).lean()));
  }
  return rows;
}

/** When a post was published, or stored when its source gives no date. */
export function postedAt(post: { publishedAt?: Date | null; createdAt: Date }): Date {
  return post.publishedAt ?? post.createdAt;
}

/** The organization's newest posts (what classify reads, and their date), for backtests. */
export async function listRecentPosts(
  models: Models,
  org: string,
  limit: number,
): Promise<{ id: string; text: string; lang?: string; author?: string; at: Date }[]> {
  const rows = await models.Post.find({ org }, { text: 1, lang: 1, author: 1, publishedAt: 1, createdAt: 1 }).sort({ createdAt: -1 }).limit(limit).lean();
  return rows.map((row) => ({
    id: String(row._id),
    text: row.text ?? '',
    ...(row.lang ? { lang: row.lang } : {}),
    ...(row.author ? { author: row.author } : {}),
    at: postedAt(row),
  }));
}

/** A post in brief: its text, who wrote it, when and where; to compare it with a later post in the same words. */
export interface PostBrief {
  id: string;
  org: string;
  text: string;
  author?: string;
  url?: string;
  /** When it was published, or stored when the source gives no date. */
  at: Date;
}

/** The organizations, texts, authors, dates and addresses of the posts with these ids that still exist, one `$in` query per 500 ids. */
export async function getPostBriefs(models: Models, ids: readonly string[]): Promise<PostBrief[]> {
  const rows = await findByIdChunks(models, ids, { org: 1, text: 1, author: 1, url: 1, publishedAt: 1, createdAt: 1 });
  return rows.map((row) => ({ id: String(row._id), org: row.org, text: row.text ?? '', ...(row.author ? { author: row.author } : {}), ...(row.url ? { url: row.url } : {}), at: postedAt(row) }));
}

/** Records that posts were classified with a rule-set version, in one write; idempotent. */
export async function markPostsClassified(models: Models, ids: readonly string[], ruleVersion: string): Promise<void> {
  if (ids.length === 0) return;
  const filter = ids.length === 1 ? { _id: ids[0] } : { _id: mongoose.trusted({ $in: [...ids] }) };
  await models.Post.updateMany(filter, { $set: { status: 'classified', classifiedWith: ruleVersion }, $unset: { classificationError: 1 } });
}

/**
 * The post's classification failed for good (out of time); the reason stays on the post for
 * administrators. Only this content version: an edit stored meanwhile is classified afresh.
 */
export async function markPostUnclassifiable(models: Models, id: string, contentHash: string, reason: string): Promise<void> {
  await models.Post.updateOne({ _id: id, contentHash }, { $set: { status: 'unclassifiable', classificationError: reason.slice(0, 500) } });
}

/** Stores the post unless (source, external id) is already there; returns the stored row either way. */
export async function ensurePost(models: Models, post: NewPost): Promise<PostRow> {
  const id = postIdFor(post.sourceId, post.externalId);
  const found = await models.Post.findById(id).lean();
  if (found) return found as unknown as PostRow;
  try {
    return (await models.Post.create({ _id: id, ...post, contentHash: hashPostContent(post) })).toObject() as unknown as PostRow;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return (await getPost(models, post.sourceId, post.externalId))!;
  }
}

/**
 * Stores a captured post once per (source, external id). Same content: nothing changes. New
 * content (an edit): the text is replaced, a version pointing to the new capture is appended and
 * the post goes back to `pending` for classification. Returns whether it needs classifying.
 */
export async function upsertCapturedPost(models: Models, post: NewPost & { captureId: string }): Promise<StoredCapturedPost> {
  const { captureId, ...fields } = post;
  const contentHash = hashPostContent(fields);
  const version = { contentHash, captureId: new mongoose.Types.ObjectId(captureId), seenAt: new Date() };
  const id = postIdFor(post.sourceId, post.externalId);
  const projection = { contentHash: 1, mediaWithheld: 1 } as const;
  // By the derived id only: the key query (getPost's fallback) would scan for every new post.
  let existing = ((await models.Post.findById(id, projection).lean()) ?? undefined) as Pick<PostRow, '_id' | 'contentHash' | 'mediaWithheld'> | undefined;
  if (!existing) {
    try {
      await models.Post.create({ _id: id, ...fields, contentHash, versions: [version] });
      return { postId: String(id), contentHash, changed: true, mediaWithheld: false };
    } catch (error) {
      // Another worker stored it first, or it was stored before ids were derived from the key.
      if (!isDuplicateKeyError(error)) throw error;
      existing = await getPost(models, post.sourceId, post.externalId, projection);
      if (!existing) throw error;
    }
  }
  const mediaWithheld = existing.mediaWithheld === true;
  if (existing.contentHash === contentHash) return { postId: String(existing._id), contentHash, changed: false, mediaWithheld };
  // Written by _id alone (any other condition makes the embedded store scan every post); two
  // crawls of one source at once could at worst append the same version twice.
  await models.Post.updateOne(
    { _id: existing._id },
    { $set: { ...fields, contentHash, status: 'pending' }, $unset: { classificationError: 1 }, $push: { versions: version } },
  );
  return { postId: String(existing._id), contentHash, changed: true, mediaWithheld };
}

export interface StoredCapturedPost {
  postId: string;
  contentHash: string;
  /** New, or its content changed: it needs classifying. */
  changed: boolean;
  mediaWithheld: boolean;
}

/**
 * upsertCapturedPost for a crawl's posts at once, results in input order. The new ones go in one
 * unordered insert (one round trip instead of a lookup and an insert each); those already stored
 * come back as duplicate keys and take upsertCapturedPost's path (unchanged, or a new version).
 */
export async function upsertCapturedPosts(models: Models, posts: readonly (NewPost & { captureId: string })[]): Promise<StoredCapturedPost[]> {
  const seenAt = new Date();
  const rows = posts.map(({ captureId, ...fields }) => {
    const contentHash = hashPostContent(fields);
    const version = { contentHash, captureId: new mongoose.Types.ObjectId(captureId), seenAt };
    return { _id: postIdFor(fields.sourceId, fields.externalId), ...fields, contentHash, versions: [version] };
  });
  // By position: a post seen twice in one crawl is inserted once, its second sighting is a duplicate.
  let alreadyStored = new Set<number>();
  try {
    // Any invalid post fails the whole call (after the valid ones are stored: a retry finds them).
    await models.Post.insertMany(rows, { ordered: false, throwOnValidationError: true });
  } catch (error) {
    alreadyStored = alreadyStoredPositions(error);
  }
  const results: StoredCapturedPost[] = [];
  for (const [index, row] of rows.entries()) {
    results.push(
      alreadyStored.has(index)
        ? await upsertCapturedPost(models, posts[index]!)
        : { postId: String(row._id), contentHash: row.contentHash, changed: true, mediaWithheld: false },
    );
  }
  return results;
}

/**
 * A possible child-safety case: the screenshots of every capture of the post are deleted (hashes
 * kept), and later crawls withhold theirs too. Returns how many screenshots were withheld.
 */
export async function withholdPostMedia(models: Models, postId: string): Promise<number> {
  const post = await models.Post.findByIdAndUpdate(postId, { $set: { mediaWithheld: true } }, { new: true }).lean();
  const captureIds = (post?.versions ?? []).flatMap((version) => (version.captureId ? [String(version.captureId)] : []));
  return withholdScreenshots(models, captureIds);
}

/** Marks a post as gone from its source; its captures stay as evidence. Idempotent (first date kept). */
export async function markPostRemoved(models: Models, id: string, at: Date): Promise<void> {
  await models.Post.updateOne({ _id: id, removedAt: null }, { $set: { removedAt: at } });
}
