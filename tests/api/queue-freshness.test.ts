import mongoose from 'mongoose';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, type AppContext } from '../../app/context.js';
import { byPriority, matchesFilters, viewOf } from '../../api/review/queue-read-model.js';
import { flagIdFor, upsertFlagsForItems } from '../../db/flag-repository.js';
import { isFlagInScope } from '../../db/flag-review-repository.js';
import { insertPost } from '../../db/post-repository.js';
import type { FlagRow } from '../../db/flag-review-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { setUserDisabled } from '../../db/user-repository.js';
import { apiDepsOf, signIn, startApi, type Session } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, testConfig, type TestContext } from '../support/context.js';

// The queue and sign-ins are served from memory (api/review/queue-read-model.ts,
// api/auth/sign-in-cache.ts); these tests prove they follow every write, from this process and
// from others, without polling the store.

let context: TestContext;
/** A second process's view of the same database: its own connection, change feed and relay. */
let other: AppContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;

interface Page {
  items: { id: string; severity: string; excerpt: string; status: string }[];
  counts: Record<string, number>;
}

beforeAll(async () => {
  context = await createTestContext('queue-fresh');
  other = await buildContext(testConfig({ MONITOR_MONGODB_DB: context.config.mongo.dbName, MONITOR_QUEUE_PREFIX: context.config.jobs.queuePrefix }), {
    mongodbUri: inject('mongodbUri'),
    mongodbIsEmbedded: inject('mongodbIsEmbedded'),
    redisUrl: inject('redisUrl'),
  });
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-q', name: 'Organisation Q' });
  const user = await aUser(context, [{ org: 'org-q', role: 'reviewer' }]);
  reviewer = await signIn(api.base, user.email, user.password);
});

afterAll(async () => {
  await api.close();
  await other.close();
  await context.dispose();
});

const openIds = async () => (await reviewer.json<Page>('GET', '/api/flags?pageSize=100')).body.items.map((item) => item.id);

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('queue freshness', () => {
  it('when this process writes a flag, then the very next page shows it', async () => {
    await openIds(); // The queue is loaded before the write.
    const { flagId } = await aFlaggedPost(context, { org: 'org-q' });
    expect(await openIds()).toContain(flagId);
  });

  it('when a job writes a batch of flags where one was already stored, then the queue shows the new one and the update', async () => {
    const { flagId: storedId, postId: storedPost } = await aFlaggedPost(context, { org: 'org-q', severity: 'low' });
    const fresh = await insertPost(context.store.models, { org: 'org-q', sourceId: 'test-source', externalId: 'batch-new', text: 'Nouvelle publication signalée.' });
    const finding = (severity: 'low' | 'high') => ({ category: 'cyberbullying', severity, score: 0.9, ruleId: 'test.rule', ruleVersion: 'v-test', spans: [], explanation: { fr: 'Explication', en: 'Explanation' } });
    await openIds(); // The queue is loaded before the write.

    // The stored flag makes the batch's insert fail with a duplicate key; the new one is written all the same.
    const written = await upsertFlagsForItems(context.store.models, [
      { item: { org: 'org-q', itemType: 'post', itemId: storedPost, sourceId: 'test-source', lang: 'fr' }, findings: [finding('high')] },
      { item: { org: 'org-q', itemType: 'post', itemId: String(fresh._id), sourceId: 'test-source', lang: 'fr' }, findings: [finding('high')] },
    ]);

    const page = (await reviewer.json<Page>('GET', '/api/flags?pageSize=100')).body;
    expect(written).toBe(2);
    expect(page.items.find((item) => item.id === storedId)?.severity).toBe('high');
    expect(page.items.map((item) => item.id)).toContain(String(flagIdFor('post', String(fresh._id), 'cyberbullying')));
    expect(await context.store.models.Flag.countDocuments({ org: 'org-q', itemId: new mongoose.Types.ObjectId(storedPost) })).toBe(1);
  });

  it('when another process writes a flag, then the queue shows it within moments', async () => {
    await openIds();
    const { flagId } = await aFlaggedPost({ ...context, store: other.store } as TestContext, { org: 'org-q', text: 'Écrit par un autre processus.' });
    const ids = await eventually(openIds, (seen) => seen.includes(flagId));
    expect(ids).toContain(flagId);
  });

  it('when another process updates flags by a filter that names no ids, then the queue reloads and shows the change', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-q', severity: 'low' });
    await openIds();
    await other.store.models.Flag.updateMany({ org: 'org-q', severity: 'low' }, { $set: { severity: 'high', priority: 3 } });
    const page = await eventually(
      async () => (await reviewer.json<Page>('GET', '/api/flags?pageSize=100')).body,
      (seen) => seen.items.find((item) => item.id === flagId)?.severity === 'high',
    );
    expect(page.items.find((item) => item.id === flagId)?.severity).toBe('high');
  });

  it('when the post behind a flag is edited, then the excerpt follows', async () => {
    const { flagId, postId } = await aFlaggedPost(context, { org: 'org-q', text: 'Première version du texte.' });
    const excerptOf = async () => (await reviewer.json<Page>('GET', '/api/flags?pageSize=100')).body.items.find((item) => item.id === flagId)?.excerpt;
    expect(await excerptOf()).toBe('Première version du texte.');

    await context.store.models.Post.updateOne({ _id: postId }, { $set: { text: 'Seconde version, modifiée.' } });

    expect(await excerptOf()).toBe('Seconde version, modifiée.');
  });

  it('when a write bypasses the models and the relay then reports lost messages, then the queue reloads from the store', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-q' });
    await openIds();
    await context.store.connection.collection('flags').updateOne({ _id: new mongoose.Types.ObjectId(flagId) }, { $set: { status: 'escalated' } });
    expect(await openIds()).toContain(flagId); // Unannounced: still the old view.

    context.store.changes.announce({ collection: '*', remote: true });

    expect(await openIds()).not.toContain(flagId);
  });
});

describe('sign-in freshness', () => {
  it('when another process disables a signed-in user, then their session stops working within moments', async () => {
    const user = await aUser(context, [{ org: 'org-q', role: 'reviewer' }]);
    const session = await signIn(api.base, user.email, user.password);
    expect((await session.request('GET', '/api/flags')).status).toBe(200);

    await setUserDisabled(other.store.models, user.id, true);

    const status = await eventually(async () => (await session.request('GET', '/api/flags')).status, (seen) => seen === 401);
    expect(status).toBe(401);
  });

  it('when a user logs out, then the same cookie is refused on the next request', async () => {
    const user = await aUser(context, [{ org: 'org-q', role: 'reviewer' }]);
    const session = await signIn(api.base, user.email, user.password);
    expect((await session.request('GET', '/api/flags')).status).toBe(200);

    expect((await session.request('DELETE', '/api/session')).status).toBe(204);

    expect((await session.request('GET', '/api/flags')).status).toBe(401);
  });
});

describe('queue semantics (pure)', () => {
  const flag = (fields: Partial<FlagRow>): FlagRow =>
    ({ _id: new mongoose.Types.ObjectId(), org: 'a', category: 'spam', severity: 'low', priority: 1, status: 'open', createdAt: new Date(1_000), ...fields }) as FlagRow;

  it('when a flag is a safeguarding case, then only a scope with the organization restricted sees it', () => {
    const urgent = flag({ category: 'safeguarding' });
    expect(isFlagInScope(urgent, { orgs: ['a'], restrictedOrgs: [] })).toBe(false);
    expect(isFlagInScope(urgent, { orgs: ['a'], restrictedOrgs: ['a'] })).toBe(true);
    expect(isFlagInScope(flag({}), { orgs: ['b'], restrictedOrgs: [] })).toBe(false);
  });

  it('when a claim has expired, then the flag reads as open', () => {
    const now = new Date(10_000);
    expect(viewOf(flag({ status: 'claimed', claim: { until: new Date(20_000) } }), now)).toBe('claimed');
    expect(viewOf(flag({ status: 'claimed', claim: { until: new Date(5_000) } }), now)).toBe('open');
  });

  it('when filters are given, then each must hold; dates are [from, to)', () => {
    const row = flag({ lang: 'fr', sourceId: 's1', createdAt: new Date(5_000) });
    expect(matchesFilters(row, { lang: 'fr', sourceId: 's1', from: new Date(5_000), to: new Date(5_001) })).toBe(true);
    expect(matchesFilters(row, { to: new Date(5_000) })).toBe(false);
    expect(matchesFilters(row, { lang: 'en' })).toBe(false);
  });

  it('when flags are ordered, then the most severe come first, then the oldest', () => {
    const old = flag({ priority: 1, createdAt: new Date(1) });
    const young = flag({ priority: 1, createdAt: new Date(2) });
    const severe = flag({ priority: 4, createdAt: new Date(3) });
    expect([young, old, severe].sort(byPriority)).toEqual([severe, old, young]);
  });
});
