import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.js';
import { isDuplicateKeyError } from './mongo-errors.js';
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
  status: 'pending' | 'classified';
  removedAt?: Date;
  createdAt: Date;
}

export function hashPostContent(post: Pick<NewPost, 'text' | 'author' | 'url'>): string {
  return createHash('sha256')
    .update(JSON.stringify([post.text, post.author ?? null, post.url ?? null]))
    .digest('hex');
}

/** Stores a new post; a second post with the same (source, external id) is a ConflictError. */
export async function insertPost(models: Models, post: NewPost): Promise<PostRow> {
  try {
    const created = await models.Post.create({ ...post, contentHash: hashPostContent(post) });
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

export async function getPost(models: Models, sourceId: string, externalId: string): Promise<PostRow | undefined> {
  const row = await models.Post.findOne({ sourceId, externalId }).lean();
  return (row ?? undefined) as PostRow | undefined;
}

export async function getPostByIdOrThrow(models: Models, id: string): Promise<PostRow> {
  if (!mongoose.isValidObjectId(id)) throw new InvalidInputError(`post id ${JSON.stringify(id)} is not a valid id`);
  const row = await models.Post.findById(id).lean();
  if (!row) throw new NotFoundError(`post ${id} not found`);
  return row as unknown as PostRow;
}

/** Records that a post was classified with a rule-set version; idempotent. */
export async function markPostClassified(models: Models, id: string, ruleVersion: string): Promise<void> {
  await models.Post.updateOne({ _id: id }, { $set: { status: 'classified', classifiedWith: ruleVersion } });
}

/** Stores the post unless (source, external id) is already there; returns the stored row either way. */
export async function ensurePost(models: Models, post: NewPost): Promise<PostRow> {
  await models.Post.updateOne(
    { sourceId: post.sourceId, externalId: post.externalId },
    { $setOnInsert: { ...post, contentHash: hashPostContent(post) } },
    { upsert: true, runValidators: true },
  );
  return (await getPost(models, post.sourceId, post.externalId))!;
}
