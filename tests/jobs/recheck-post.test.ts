import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { verifyCapture } from '../../db/capture-repository.js';
import { getPostByIdOrThrow, insertPost } from '../../db/post-repository.js';
import { createRecheckPostProcessor } from '../../jobs/processors/recheck-post.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startFixtureServer } from '../support/fixture-server.js';

let context: TestContext;
let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
let status = 200;
const REMOVED_AT = new Date('2026-11-21T12:00:00Z');

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/post/1': (_req, res) => {
      res.statusCode = status;
      res.end(status === 200 ? '<p>Le message est encore là.</p>' : '');
    },
  });
  context = await createTestContext('recheck');
});
afterAll(async () => {
  await context.dispose();
  await fixture.close();
});

describe('recheck job', () => {
  it('when a flagged post is still there, then a new capture is kept; once it is gone (410), it is marked removed and its evidence still verifies', async () => {
    const post = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'r1', url: `${fixture.base}/post/1`, text: 'texte' });
    const postId = String(post._id);
    const recheck = createRecheckPostProcessor({
      models: context.store.models,
      fetcherFor: () => createPageFetcher({ guard: { allowedTestHosts: [fixture.host] }, userAgent: 'ComplianceMonitor/test' }),
      now: () => REMOVED_AT,
    });

    await expect(recheck({ postId }, { id: 'a', attemptsMade: 0 })).resolves.toEqual({ outcome: 'present' });
    status = 410;
    await expect(recheck({ postId }, { id: 'b', attemptsMade: 0 })).resolves.toEqual({ outcome: 'removed' });
    await expect(recheck({ postId }, { id: 'c', attemptsMade: 0 })).resolves.toEqual({ outcome: 'removed' });

    const stored = await getPostByIdOrThrow(context.store.models, postId);
    expect(stored.removedAt?.toISOString()).toBe(REMOVED_AT.toISOString());
    const captures = await context.store.models.Capture.find({ sourceId: 'forum' }).lean();
    expect(captures).toHaveLength(1);
    expect(await verifyCapture(context.store.models, String(captures[0]!._id))).toBe(true);
  });

  it('when the source answers 503, then the recheck fails as transient and the post is not marked removed', async () => {
    status = 503;
    const post = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'r2', url: `${fixture.base}/post/1`, text: 'texte' });
    const recheck = createRecheckPostProcessor({
      models: context.store.models,
      fetcherFor: () => createPageFetcher({ guard: { allowedTestHosts: [fixture.host] }, userAgent: 'ComplianceMonitor/test' }),
      now: () => REMOVED_AT,
    });

    await expect(recheck({ postId: String(post._id) }, { id: 'd', attemptsMade: 0 })).rejects.toThrow(/503/);
    expect((await getPostByIdOrThrow(context.store.models, String(post._id))).removedAt).toBeFalsy();
  });
});
