import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPost } from '../../db/post-repository.js';
import { requeueUnclassifiedPosts } from '../../jobs/reconcile.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('reconcile');
});
afterAll(async () => {
  await context.dispose();
});

describe('reconciler', () => {
  it('when a post was stored but its classify job was lost, then it is queued again once, however often the reconciler runs', async () => {
    const post = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'lost-1', text: 'Texte jamais classé' });
    const later = new Date(Date.now() + 10 * 60_000);

    const first = await requeueUnclassifiedPosts(context.store.models, context.queues, { olderThanMs: 60_000, now: later });
    const second = await requeueUnclassifiedPosts(context.store.models, context.queues, { olderThanMs: 60_000, now: later });
    const waiting = await context.queues.classify.getJobs(['waiting', 'prioritized', 'delayed']);

    expect(first).toBe(1);
    expect(second).toBe(1);
    expect(waiting.map((job) => job.data.postIds)).toEqual([[String(post._id)]]);
  });

  it('when a post is fresh (its job may still be on the way), then it is left alone', async () => {
    await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'fresh-1', text: 'Texte tout juste arrivé' });

    const queued = await requeueUnclassifiedPosts(context.store.models, context.queues, { olderThanMs: 60 * 60_000 });

    expect(queued).toBe(0);
  });
});
