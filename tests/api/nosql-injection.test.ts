import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { apiDepsOf, signIn, startApi, type Session } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { noteReliability } from '../support/reliability.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;
let flagId: string;

/** Operator values an attacker puts where a string or number is expected. */
const OPERATOR_VALUES: unknown[] = [
  { $ne: '' }, { $ne: null }, { $gt: '' }, { $gte: 0 }, { $lt: 'z' }, { $regex: '.*' }, { $regex: '^a', $options: 'i' },
  { $where: 'sleep(1000)' }, { $exists: true }, { $in: ['a', 'b'] }, { $nin: [] }, { $or: [{ a: 1 }] }, { $and: [] },
  { $expr: { $eq: [1, 1] } }, { $elemMatch: { $ne: null } }, { $not: { $eq: 1 } }, { $type: 2 }, { $size: 0 },
  { $all: [] }, { $mod: [2, 0] }, { $jsonSchema: {} }, { $text: { $search: 'x' } }, { $function: { body: 'return true' } },
  ['$ne', ''], { 'a.$': 1 }, { __proto__: { admin: true } }, { constructor: { prototype: { admin: true } } },
  { $comment: 'x' }, { $natural: 1 }, { $slice: 1 }, { $eq: 'x' }, { $bitsAllSet: 1 }, { $geoWithin: {} }, { $near: [0, 0] },
  { $set: { status: 'resolved' } }, { $unset: { org: 1 } }, { $inc: { version: 1 } }, { $push: { findings: {} } }, { $rename: { a: 'b' } },
  { $lookup: { from: 'users' } },
];

beforeAll(async () => {
  context = await createTestContext('nosql');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-n', name: 'N' });
  const user = await aUser(context, [{ org: 'org-n', role: 'reviewer' }]);
  reviewer = await signIn(api.base, user.email, user.password);
  ({ flagId } = await aFlaggedPost(context, { org: 'org-n' }));
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('NoSQL operator payloads', () => {
  it(`when ${OPERATOR_VALUES.length} operator values are sent in each of 4 bodies, then every answer is 400 and nothing is written`, async ({ task }) => {
    noteReliability(task, { kind: 'bad-inputs', family: 'NoSQL operators', tried: OPERATOR_VALUES.length * 4 });
    const counts = async () => [
      await context.store.models.Report.countDocuments(),
      await context.store.models.Group.countDocuments(),
      await context.store.models.Session.countDocuments(),
      (await context.store.models.Flag.findById(flagId).lean())!.version,
    ];
    const before = await counts();
    const statuses: number[] = [];
    for (const value of OPERATOR_VALUES) {
      const attempts = await Promise.all([
        fetch(`${api.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: value, password: value }) }),
        fetch(`${api.base}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ org: value, place: value, description: value }) }),
        fetch(`${api.base}/api/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ org: 'org-n', platform: 'facebook', url: value, name: value, creatorEmail: value, accessConsent: true }) }),
        reviewer.request('POST', `/api/flags/${flagId}/decision`, { kind: value, rationale: value, version: value }),
      ]);
      statuses.push(...attempts.map((response) => response.status));
    }

    expect(statuses.length).toBeGreaterThanOrEqual(120);
    expect(statuses.filter((status) => status !== 400 && status !== 429)).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('when operators are smuggled in query strings and ids, then the answer is 400 or 404 and never another record', async ({ task }) => {
    const queries = [
      '/api/flags?org[$ne]=x', '/api/flags?severity[$gt]=', '/api/flags?view[$regex]=.*', '/api/flags?org=%24where', '/api/flags?category=%7B%22%24ne%22%3A1%7D',
      `/api/flags/${encodeURIComponent('{"$ne":null}')}`, '/api/flags/%24ne', '/api/flags/000000000000000000000000', '/api/subjects/org-n/%7B%22%24ne%22%3A1%7D',
      '/api/audit?before[$gt]=0',
    ];
    noteReliability(task, { kind: 'bad-inputs', family: 'NoSQL operators', tried: queries.length });

    const statuses = await Promise.all(queries.map(async (path) => [path, (await reviewer.request('GET', path)).status] as const));

    for (const [path, status] of statuses) expect([400, 403, 404], path).toContain(status);
  });
});
