import mongoose from 'mongoose';
import { InvalidInputError } from '../lib/errors.js';
import { alreadyStoredPositions } from './mongo-errors.js';
import type { Models } from './models/index.js';
import { COPY_KEY_PATTERN } from './models/post-copies.js';

/** Past this many posts in the same words, more are not listed: a few names and a count decide. */
export const POSTS_PER_COPY_KEY = 500;
// Under the 1,000 values the embedded store's `$in` pushdown accepts.
const KEYS_PER_QUERY = 500;

const documentId = (org: string, key: string) => `${org}:${key}`;

/**
 * The ids of the organization's posts listed under each of these copy keys (none: absent). A
 * listed post may have been edited or erased since: readers check its text.
 */
export async function findPostsByCopyKey(models: Models, org: string, keys: readonly string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(keys)];
  const listed = new Map<string, string[]>();
  for (let start = 0; start < unique.length; start += KEYS_PER_QUERY) {
    const ids = unique.slice(start, start + KEYS_PER_QUERY).map((key) => documentId(org, key));
    const rows = await models.PostCopies.find({ _id: mongoose.trusted({ $in: ids }) }).lean();
    for (const row of rows) listed.set(String(row._id).slice(org.length + 1), (row.postIds ?? []).map(String));
  }
  return listed;
}

/**
 * Lists posts under their copy keys. `listed` is what findPostsByCopyKey just read: a post listed
 * already is skipped, a full key (POSTS_PER_COPY_KEY) takes no more, and the lists of new keys are
 * created with one insert (the common case: a text seen for the first time), falling back to an
 * addition when another job created the same list meanwhile. Returns the keys whose lists this
 * call created: any other job listing a post under them wrote after it.
 */
export async function recordCopyKeys(
  models: Models,
  org: string,
  posts: readonly { postId: string; key: string }[],
  listed: ReadonlyMap<string, readonly string[]>,
): Promise<Set<string>> {
  const malformed = posts.find(({ key }) => !COPY_KEY_PATTERN.test(key));
  if (malformed) throw new InvalidInputError(`the copy key of post ${malformed.postId} must be 32 hexadecimal characters`);
  const toAdd = new Map<string, string[]>();
  for (const { postId, key } of posts) {
    const already = listed.get(key) ?? [];
    if (already.includes(postId) || already.length >= POSTS_PER_COPY_KEY) continue;
    const ids = toAdd.get(key) ?? [];
    if (!ids.includes(postId)) toAdd.set(key, [...ids, postId]);
  }
  const newKeys = [...toAdd.keys()].filter((key) => !listed.has(key));
  const addTo = [...toAdd.keys()].filter((key) => listed.has(key));
  const created = new Set(newKeys);
  if (newKeys.length > 0) {
    const documents = newKeys.map((key) => ({ _id: documentId(org, key), org, postIds: toAdd.get(key)!.map((id) => new mongoose.Types.ObjectId(id)) }));
    try {
      await models.PostCopies.insertMany(documents, { ordered: false });
    } catch (error) {
      for (const position of alreadyStoredPositions(error)) {
        addTo.push(newKeys[position]!);
        created.delete(newKeys[position]!);
      }
    }
  }
  if (addTo.length === 0) return created;
  await models.PostCopies.bulkWrite(
    addTo.map((key) => ({
      updateOne: {
        filter: { _id: documentId(org, key) },
        update: { $addToSet: { postIds: { $each: toAdd.get(key)!.map((id) => new mongoose.Types.ObjectId(id)) } } },
      },
    })),
    { ordered: false },
  );
  return created;
}

/** Takes posts out of the lists of their copy keys (erased or purged); a list left empty goes. */
export async function removeFromCopyLists(models: Models, org: string, posts: readonly { postId: string; key: string }[]): Promise<void> {
  if (posts.length === 0) return;
  const lists = [...new Set(posts.map(({ key }) => documentId(org, key)))];
  const ids = posts.map(({ postId }) => new mongoose.Types.ObjectId(postId));
  for (let start = 0; start < lists.length; start += KEYS_PER_QUERY) {
    const chunk = lists.slice(start, start + KEYS_PER_QUERY);
    await models.PostCopies.updateMany({ _id: mongoose.trusted({ $in: chunk }) }, { $pullAll: { postIds: ids } });
    // By _id alone, then checked here: the embedded store answers only that from an index.
    const emptied = (await models.PostCopies.find({ _id: mongoose.trusted({ $in: chunk }) }, { postIds: 1 }).lean()).filter((row) => (row.postIds ?? []).length === 0);
    if (emptied.length > 0) await models.PostCopies.deleteMany({ _id: mongoose.trusted({ $in: emptied.map((row) => row._id) }) });
  }
}
