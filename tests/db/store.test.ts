import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import mongoose from 'mongoose';
import { flagIdFor, insertFlags, upsertFlagsForItem, upsertFlagsForItems } from '../../db/flag-repository.js';
import { findPostsByCopyKey, POSTS_PER_COPY_KEY, recordCopyKeys, removeFromCopyLists } from '../../db/post-copy-repository.js';
import { getPost, getPostBriefs, hashPostContent, insertPost, insertPosts, postIdFor, upsertCapturedPost, upsertCapturedPosts } from '../../db/post-repository.js';
import { findSourceOrg, getSourceOrThrow, recordCrawlProgress, recordSourceRun, sourceDocumentId, upsertSource } from '../../db/source-repository.js';
import { suppressedAuthors, suppressMember } from '../../db/suppression-repository.js';
import { getOrganization, upsertOrganization } from '../../db/organization-repository.js';
import { ConflictError } from '../../lib/errors.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('store');
});
afterAll(async () => {
  await context.dispose();
});

const POST = {
  org: 'portage',
  sourceId: 'forum-demo',
  externalId: 'thread-1#42',
  author: 'Léa',
  text: 'Je suis une ancienne cliente de Portage, et ça m’a aidée.',
};

describe('document store through mongoose', () => {
  it('when a post is inserted, then it is read back over the wire with its content hash', async () => {
    await insertPost(context.store.models, POST);

    const stored = await getPost(context.store.models, POST.sourceId, POST.externalId);

    expect(stored?.text).toBe(POST.text);
    expect(stored?.contentHash).toBe(hashPostContent(POST));
    expect(stored?.status).toBe('pending');
  });

  it('when the same (source, external id) is inserted again, then a ConflictError names the post and source', async () => {
    const second = insertPost(context.store.models, { ...POST, text: 'autre texte' });

    await expect(second).rejects.toThrow(ConflictError);
    await expect(insertPost(context.store.models, POST)).rejects.toThrow(
      'post "thread-1#42" from source forum-demo is already stored',
    );
    expect(await context.store.models.Post.countDocuments({ sourceId: POST.sourceId })).toBe(1);
    expect((await getPost(context.store.models, POST.sourceId, POST.externalId))?.text).toBe(POST.text);
  });

  it('when a document breaks the schema, then it is refused and nothing is written', async () => {
    const bad = context.store.models.Post.create({ ...POST, externalId: 'x', contentHash: 'not-a-hash' });

    await expect(bad).rejects.toThrow(/contentHash/);
    expect(await getPost(context.store.models, POST.sourceId, 'x')).toBeUndefined();
  });

  it('when a filter value carries a query operator from outside, then the query is refused', async () => {
    const injected = { $ne: null } as unknown as string;

    await expect(getPost(context.store.models, POST.sourceId, injected)).rejects.toThrow(/Cast to string failed/);
  });

  it('when a filter object carries an operator on an untyped path, then sanitizeFilter neutralises it', async () => {
    const filter = { sourceId: POST.sourceId, headers: { $exists: true } } as Record<string, unknown>;

    const found = await context.store.models.Capture.find(filter as never).lean();

    expect(found).toEqual([]);
  });

  it('when an organization is upserted twice, then one document holds the latest profile', async () => {
    await upsertOrganization(context.store.models, { slug: 'rseq-monteregie', name: 'RSEQ' });
    await upsertOrganization(context.store.models, { slug: 'rseq-monteregie', name: 'RSEQ Montérégie' });

    expect(await context.store.models.Organization.countDocuments({ slug: 'rseq-monteregie' })).toBe(1);
    expect((await getOrganization(context.store.models, 'rseq-monteregie'))?.name).toBe('RSEQ Montérégie');
  });

  it('when the model indexes are listed, then the unique keys exist on the server', async () => {
    const indexes = await context.store.models.Post.collection.indexes();

    const unique = indexes.find((index) => index.unique === true);
    expect(unique?.key).toEqual({ sourceId: 1, externalId: 1 });
  });

  it('when posts and flags are keyed, then their ids follow from their natural keys, and documents stored before with other ids are still found by key, never doubled', async () => {
    const models = context.store.models;
    const captureId = String(new mongoose.Types.ObjectId());
    const fresh = await upsertCapturedPost(models, { org: 'portage', sourceId: 'keyed', externalId: 'new-1', text: 'Bonjour', captureId });
    expect(fresh.postId).toBe(String(postIdFor('keyed', 'new-1')));
    // A post and a flag stored with random ids, as before ids were derived.
    const legacyPostId = new mongoose.Types.ObjectId();
    await models.Post.collection.insertOne({ _id: legacyPostId, org: 'portage', sourceId: 'keyed', externalId: 'old-1', text: 'Avant', contentHash: hashPostContent({ text: 'Avant' }), versions: [], status: 'classified' });
    const legacyFlagId = new mongoose.Types.ObjectId();
    await models.Flag.collection.insertOne({ _id: legacyFlagId, org: 'portage', itemType: 'post', itemId: legacyPostId, category: 'spam', severity: 'low', priority: 1, score: 0.5, findings: [], status: 'resolved', version: 3 });

    const same = await upsertCapturedPost(models, { org: 'portage', sourceId: 'keyed', externalId: 'old-1', text: 'Avant', captureId });
    const edited = await upsertCapturedPost(models, { org: 'portage', sourceId: 'keyed', externalId: 'old-1', text: 'Après', captureId });
    await upsertFlagsForItem(models, { org: 'portage', itemType: 'post', itemId: String(legacyPostId) }, [{ category: 'spam', severity: 'medium', score: 0.8, ruleId: 'r', ruleVersion: 'v' }]);

    expect(same).toMatchObject({ postId: String(legacyPostId), changed: false });
    expect(edited).toMatchObject({ postId: String(legacyPostId), changed: true });
    expect(await models.Post.countDocuments({ sourceId: 'keyed', externalId: 'old-1' })).toBe(1);
    const flags = await models.Flag.find({ itemId: legacyPostId }).lean();
    expect(flags.map((flag) => [String(flag._id), flag.severity, flag.status])).toEqual([[String(legacyFlagId), 'medium', 'resolved']]);
    expect(String(flagIdFor('post', fresh.postId, 'spam'))).toMatch(/^[a-f0-9]{24}$/);
  });
  it('when a crawl stores its posts at once, then new ones are inserted, stored ones are unchanged or versioned, a post seen twice is stored once, and suppressed authors are found in one query', async () => {
    const models = context.store.models;
    const captureId = String(new mongoose.Types.ObjectId());
    const post = (externalId: string, text: string, author = 'membre') => ({ org: 'portage', sourceId: 'batch', externalId, text, author, captureId });
    await upsertCapturedPosts(models, [post('kept', 'Pareil'), post('edited', 'Avant')]);

    const results = await upsertCapturedPosts(models, [post('kept', 'Pareil'), post('edited', 'Après'), post('new', 'Nouveau'), post('new', 'Nouveau')]);

    expect(results.map((result) => result.changed)).toEqual([false, true, true, false]);
    expect(results[2]!.postId).toBe(String(postIdFor('batch', 'new')));
    expect(await models.Post.countDocuments({ sourceId: 'batch' })).toBe(3);
    expect((await getPost(models, 'batch', 'edited'))?.versions?.map((version) => version.contentHash)).toEqual([hashPostContent({ text: 'Avant', author: 'membre' }), hashPostContent({ text: 'Après', author: 'membre' })]);
    await suppressMember(models, 'portage', 'Membre Effacé');
    expect(await suppressedAuthors(models, 'portage', ['membre effacé ', 'autre', undefined])).toEqual(new Set(['membre effacé ']));
    expect(await suppressedAuthors(models, 'autre-org', ['Membre Effacé'])).toEqual(new Set());
  });
  it('when one post of a crawl breaks the schema, then the call fails naming the field, and the valid posts are stored once (a retry finds them)', async () => {
    const models = context.store.models;
    const captureId = String(new mongoose.Types.ObjectId());
    const batch = [
      { org: 'portage', sourceId: 'invalid-batch', externalId: 'fine', text: 'Bonjour', captureId },
      { org: 'portage', sourceId: 'invalid-batch', externalId: 'long-author', text: 'Bonjour', author: 'x'.repeat(600), captureId },
    ];

    await expect(upsertCapturedPosts(models, batch)).rejects.toThrow(/author/);
    await expect(upsertCapturedPosts(models, batch)).rejects.toThrow(/author/);
    expect(await models.Post.countDocuments({ sourceId: 'invalid-batch' })).toBe(1);
  });
  it('when sources are stored and their crawls recorded, then their ids follow from their source ids, and a source stored before with another id is still updated in place, never doubled', async () => {
    const models = context.store.models;
    const config = { org: 'portage', type: 'html' as const, url: 'https://forum.example.org/' };
    await upsertSource(models, { sourceId: 'keyed-source', ...config });
    await recordCrawlProgress(models, 'keyed-source', { startedAt: new Date(), pages: 1, postsRead: 3, postsStored: 2, postsSkipped: 1 });
    expect((await models.Source.findById(sourceDocumentId('keyed-source')).lean())?.status).toMatchObject({ state: 'running', progress: { postsStored: 2 } });
    // A source stored with a random id, as before ids were derived.
    const legacyId = new mongoose.Types.ObjectId();
    await models.Source.collection.insertOne({ _id: legacyId, sourceId: 'old-source', ...config, status: { state: 'idle', itemsSeen: 4 } });

    await upsertSource(models, { sourceId: 'old-source', ...config, url: 'https://forum.example.org/v2/' });
    await recordSourceRun(models, 'old-source', { state: 'failed', itemsSeen: 1, error: { en: 'HTTP 500', fr: 'HTTP 500 (erreur du site)' } });

    expect(await getSourceOrThrow(models, 'old-source')).toMatchObject({ url: 'https://forum.example.org/v2/' });
    expect(await findSourceOrg(models, 'old-source')).toBe('portage');
    const stored = await models.Source.find({ sourceId: 'old-source' }).lean();
    expect(stored.map((source) => [String(source._id), source.status?.state, source.status?.itemsSeen, source.status?.lastError, source.status?.lastErrorFr])).toEqual([[String(legacyId), 'failed', 5, 'HTTP 500', 'HTTP 500 (erreur du site)']]);
    await expect(getSourceOrThrow(models, 'no-such-source')).rejects.toThrow('source no-such-source not found');
  });

  it('when a batch of flags holds an invalid one beside one already stored, then the call fails naming the field and the stored flag keeps its findings', async () => {
    const models = context.store.models;
    const stored = String(new mongoose.Types.ObjectId());
    const other = String(new mongoose.Types.ObjectId());
    const finding = (score: number) => ({ category: 'spam', severity: 'low' as const, score, ruleId: 'r', ruleVersion: 'v' });
    await upsertFlagsForItems(models, [{ item: { org: 'invalid-flags', itemType: 'post', itemId: stored }, findings: [finding(0.5)] }]);

    const batch = upsertFlagsForItems(models, [
      { item: { org: 'invalid-flags', itemType: 'post', itemId: stored }, findings: [finding(0.9)] },
      { item: { org: 'invalid-flags', itemType: 'post', itemId: other }, findings: [finding(5)] },
    ]);

    await expect(batch).rejects.toThrow(/score/);
    const flags = await models.Flag.find({ org: 'invalid-flags' }).lean();
    expect(flags.map((flag) => [String(flag.itemId), flag.score])).toEqual([[stored, 0.5]]);
  });

  it('when several documents are updated in one call, then each changes once, and a document the store refuses fails the call without half-writing the embedded store', async () => {
    const models = context.store.models;
    const item = () => String(new mongoose.Types.ObjectId());
    const flag = (category: string, severity: 'low' | 'urgent') => ({ org: 'multi-update', itemType: 'post' as const, itemId: item(), category, severity, findings: [] });
    await insertFlags(models, [flag('spam', 'low'), flag('threat', 'low'), flag('safeguarding', 'urgent')]);
    const priorities = async () => (await models.Flag.find({ org: 'multi-update' }).sort({ category: 1 }).lean()).map((row) => [row.category, row.priority]);

    const updated = await models.Flag.collection.updateMany({ org: 'multi-update', priority: 0 }, { $inc: { priority: 1 } });
    expect([updated.matchedCount, updated.modifiedCount]).toEqual([2, 2]);
    expect(await priorities()).toEqual([['safeguarding', 3], ['spam', 1], ['threat', 1]]);

    // The safeguarding flag would go past the highest priority (3), which the store's validator refuses.
    await expect(models.Flag.collection.updateMany({ org: 'multi-update' }, { $inc: { priority: 1 } })).rejects.toThrow(/validation/i);

    // The embedded store writes a multi-document update in one transaction (embedded/go/patches/03-…):
    // all or none. MongoDB keeps what it wrote before the refused document; the refused one is unchanged on both.
    const after = await priorities();
    expect(after[0]).toEqual(['safeguarding', 3]);
    if (inject('mongodbIsEmbedded')) expect(after).toEqual([['safeguarding', 3], ['spam', 1], ['threat', 1]]);
  });

  it('when documents are looked up by _id or by a list of ids, then the store answers from its _id index, not by reading the collection', async () => {
    // The embedded FerretDB is built with patches for this (embedded/go/patches): before them, every
    // read, update and delete by _id, or by a list of ids, read the whole table.
    const ids = [postIdFor('forum-demo', 'thread-1#42'), postIdFor('forum-demo', 'thread-1#43')];
    for (const filter of [{ _id: ids[0] }, { _id: mongoose.trusted({ $in: ids }) }]) {
      const plan = JSON.stringify(await context.store.models.Post.find(filter).explain());

      if (inject('mongodbIsEmbedded')) {
        expect(plan).toMatch(/SEARCH posts_\w+ USING INDEX posts_\w+__id_/);
        expect(plan).not.toMatch(/detail=SCAN/);
      } else {
        expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
      }
    }
  });
});

describe('concurrent writes to one document', () => {
  it('when 40 increments and 40 conditional claims of one document arrive at once, then every increment counts and one claim wins', async () => {
    const counters = context.store.models.Post.db.collection('store_test_counters');
    await counters.insertOne({ _id: 'one' as never, n: 0, claimedBy: null });

    await Promise.all(Array.from({ length: 40 }, () => counters.updateOne({ _id: 'one' as never }, { $inc: { n: 1 } })));
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) => counters.findOneAndUpdate({ _id: 'one' as never, claimedBy: null }, { $set: { claimedBy: `reviewer ${i}` } })),
    );

    expect((await counters.findOne({ _id: 'one' as never }))?.n).toBe(40);
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
  });
});

describe('posts in the same words', () => {
  it('when one update command holds more statements than the store has connections (150 updateOne in a bulkWrite), then it completes', async () => {
    // The embedded store held each statement's reader to the end of the command and hung at 100
    // (embedded/go/patches/06).
    const ids = await insertPosts(context.store.models, Array.from({ length: 150 }, (_, i) => ({ org: 'portage', sourceId: 'bulk', externalId: `b${i}`, text: 'x' })));

    const result = await context.store.models.Post.bulkWrite(ids.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { lang: 'fr' } } } })), { ordered: false });

    expect(result.modifiedCount).toBe(150);
  });

  it('when posts are listed under their copy keys, then a new key is created, a known one grows, a post is listed once, and a full key takes no more', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((letter) => letter.repeat(32)) as [string, string, string];
    const ids = await insertPosts(context.store.models, ['p1', 'p2', 'p3', 'p4'].map((externalId) => ({ org: 'portage', sourceId: 'copies', externalId, text: 'texte', author: `auteur ${externalId}` })));
    const [first, second, third, fourth] = ids as [string, string, string, string];

    const created = await recordCopyKeys(context.store.models, 'portage', [{ postId: first, key: a }, { postId: second, key: a }, { postId: third, key: b }], new Map());
    const again = await recordCopyKeys(context.store.models, 'portage', [{ postId: first, key: a }], await findPostsByCopyKey(context.store.models, 'portage', [a]));
    // Read before another job created the list: the insert finds it there and adds instead.
    const late = await recordCopyKeys(context.store.models, 'portage', [{ postId: fourth, key: b }], new Map());
    const full = await recordCopyKeys(context.store.models, 'portage', [{ postId: fourth, key: c }], new Map([[c, Array.from({ length: POSTS_PER_COPY_KEY }, () => first)]]));

    expect([created, again, late, full].map((keys) => [...keys].sort())).toEqual([[a, b], [], [], []]);

    const listed = await findPostsByCopyKey(context.store.models, 'portage', [a, b, c, a]);
    expect(Object.fromEntries(listed)).toEqual({ [a]: [first, second], [b]: [third, fourth] });
    expect(await findPostsByCopyKey(context.store.models, 'immerse', [a])).toEqual(new Map());
    expect((await getPostBriefs(context.store.models, [first, '6a0000000000000000000000'])).map((row) => [row.author, row.text])).toEqual([['auteur p1', 'texte']]);
  });

  it('when two jobs add posts to one list at the same moment, new or known, then neither post is lost', async () => {
    // The embedded store read a document, then wrote what it computed: the second of two
    // concurrent $addToSet wrote over the first (embedded/go/patches/07).
    const ids = await insertPosts(context.store.models, Array.from({ length: 81 }, (_, i) => ({ org: 'portage', sourceId: 'concurrent', externalId: `c${i}`, text: 't' })));
    const lost: string[] = [];
    for (let round = 0; round < 40; round++) {
      const key = (0xc0 + round).toString(16).padStart(32, 'c');
      if (round % 2 === 1) await recordCopyKeys(context.store.models, 'portage', [{ postId: ids[80]!, key }], new Map());
      const before = await findPostsByCopyKey(context.store.models, 'portage', [key]);
      const pair = [ids[round * 2]!, ids[round * 2 + 1]!];
      await Promise.all(pair.map((postId) => recordCopyKeys(context.store.models, 'portage', [{ postId, key }], before)));

      const listed = (await findPostsByCopyKey(context.store.models, 'portage', [key])).get(key) ?? [];
      if (!pair.every((postId) => listed.includes(postId))) lost.push(`round ${round}: ${listed.join(', ')}`);
    }

    expect(lost).toEqual([]);
  });

  it('when posts leave their lists (erasure), then the lists keep the others and an emptied list goes; a malformed key is refused, naming the post, and nothing is written', async () => {
    const [one, two] = await insertPosts(context.store.models, ['e1', 'e2'].map((externalId) => ({ org: 'portage', sourceId: 'erase', externalId, text: 'texte' })));
    const key = 'd'.repeat(32);
    await recordCopyKeys(context.store.models, 'portage', [{ postId: one!, key }, { postId: two!, key }], new Map());

    await removeFromCopyLists(context.store.models, 'portage', [{ postId: one!, key }]);

    expect(await findPostsByCopyKey(context.store.models, 'portage', [key])).toEqual(new Map([[key, [two]]]));
    await removeFromCopyLists(context.store.models, 'portage', [{ postId: two!, key }]);
    expect(await context.store.models.PostCopies.countDocuments({ _id: `portage:${key}` })).toBe(0);
    await expect(recordCopyKeys(context.store.models, 'portage', [{ postId: one!, key: 'not a key' }], new Map())).rejects.toThrow(`the copy key of post ${one} must be 32 hexadecimal characters`);
    expect(await context.store.models.PostCopies.countDocuments({ _id: 'portage:not a key' })).toBe(0);
  });
});
