import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagIdFor } from '../../db/flag-repository.js';
import { jsonSchemaOf } from '../../db/store-validators.js';
import { flagSchema } from '../../db/models/flags.js';
import { postSchema } from '../../db/models/posts.js';
import { hashPostContent } from '../../db/post-repository.js';
import { createTestContext, type TestContext } from '../support/context.js';

// RELIABILITY 37: validation at two layers. mongoose refuses a bad document first; a write that
// goes around the models (the raw driver here) is refused by the collection's $jsonSchema.

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('store-validators');
});
afterAll(async () => {
  await context.dispose();
});

function rawCollection(name: string) {
  return context.store.connection.db!.collection(name);
}

const GOOD_POST = {
  org: 'portage',
  sourceId: 'forum-demo',
  externalId: 'validator-1',
  text: 'Un message correct.',
  contentHash: hashPostContent({ text: 'Un message correct.' }),
  status: 'pending',
  versions: [],
};

const { org: _org, ...POST_WITHOUT_ORG } = GOOD_POST;

const BAD_POSTS: [string, Record<string, unknown>, RegExp][] = [
  ['no org', POST_WITHOUT_ORG, /org is required/],
  ['a null org', { ...GOOD_POST, org: null }, /org must be of type string/],
  [
    'a status outside the enum',
    { ...GOOD_POST, status: 'archived' },
    /status must be one of pending, classified, unclassifiable/,
  ],
  [
    'an oversize author',
    { ...GOOD_POST, author: 'x'.repeat(513) },
    /author must be at most 512 characters long/,
  ],
];

describe('the collection validators (second layer)', () => {
  it('when the schemas are derived from the models, then required fields, enums, lengths, bounds and nested fields carry over', () => {
    const posts = jsonSchemaOf(postSchema);
    expect(posts.required).toEqual(expect.arrayContaining(['org', 'sourceId', 'externalId', 'contentHash']));
    expect(posts.properties!.status).toEqual({
      bsonType: ['string', 'null'],
      enum: ['pending', 'classified', 'unclassifiable', null],
    });
    expect(posts.properties!.externalId).toEqual({ bsonType: ['string'], maxLength: 512 });

    const flags = jsonSchemaOf(flagSchema);
    expect(flags.properties!.priority).toEqual({
      bsonType: ['int', 'long', 'double'],
      minimum: 0,
      maximum: 3,
    });
    expect(flags.properties!.decision!.properties!.rationale).toEqual({
      bsonType: ['string', 'null'],
      maxLength: 5000,
    });
  });

  it.each(BAD_POSTS)(
    'when a post with %s is inserted through mongoose, then mongoose refuses it',
    async (_case, doc) => {
      await expect(context.store.models.Post.create(doc)).rejects.toThrow(/validation failed/i);
    },
  );

  it.each([
    ...BAD_POSTS,
    [
      'a number where a string belongs (mongoose would cast it)',
      { ...GOOD_POST, externalId: 42 },
      /externalId must be of type string/,
    ] as const,
  ])(
    'when a post with %s is inserted through the raw driver, then the store refuses it with DocumentValidationFailure naming the field',
    async (_case, doc, reason) => {
      const insert = rawCollection('posts').insertOne({ ...doc });

      await expect(insert).rejects.toMatchObject({ code: 121, message: expect.stringMatching(reason) });
      expect(await rawCollection('posts').countDocuments({})).toBe(0);
    },
  );

  it('when a raw update would break a stored document, then the store refuses it and the document is unchanged', async () => {
    await rawCollection('posts').insertOne({ ...GOOD_POST });

    await expect(
      rawCollection('posts').updateOne({ externalId: 'validator-1' }, { $set: { status: 'archived' } }),
    ).rejects.toMatchObject({ code: 121 });
    await expect(
      rawCollection('posts').updateOne({ externalId: 'validator-1' }, { $unset: { org: '' } }),
    ).rejects.toMatchObject({ code: 121, message: expect.stringMatching(/org is required/) });
    const stored = await rawCollection('posts').findOne({ externalId: 'validator-1' });
    expect(stored).toMatchObject({ org: 'portage', status: 'pending' });
  });

  it('when a raw flag has a priority out of bounds or a decision rationale too long, then the store refuses it', async () => {
    const flag = {
      _id: flagIdFor('post', GOOD_POST.contentHash, 'spam'),
      org: 'portage',
      itemType: 'post',
      itemId: flagIdFor('post', 'x', 'y'),
      category: 'spam',
      severity: 'low',
      priority: 9,
    };
    await expect(rawCollection('flags').insertOne(flag)).rejects.toMatchObject({
      code: 121,
      message: expect.stringMatching(/priority must be at most 3/),
    });
    await expect(
      rawCollection('flags').insertOne({ ...flag, priority: 0, decision: { rationale: 'r'.repeat(5001) } }),
    ).rejects.toMatchObject({
      code: 121,
      message: expect.stringMatching(/decision\.rationale must be at most 5000 characters long/),
    });
    expect(await rawCollection('flags').countDocuments({})).toBe(0);
  });

  it('when a valid document is written through the models, then both layers accept it', async () => {
    const stored = await context.store.models.Post.create({
      ...GOOD_POST,
      externalId: 'validator-2',
      author: 'Léa',
    });
    await context.store.models.Post.updateOne(
      { _id: stored._id },
      { $set: { status: 'classified', classifiedWith: 'v1' } },
    );

    expect(await context.store.models.Post.findById(stored._id).lean()).toMatchObject({
      status: 'classified',
      author: 'Léa',
    });
  });
});
