import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcessors } from '../../app/processors.js';
import { verifyCapture } from '../../db/capture-repository.js';
import { upsertSource } from '../../db/source-repository.js';
import { suppressMember } from '../../db/suppression-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { startWorkerPool, type WorkerPool } from '../../jobs/worker.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startFixtureServer } from '../support/fixture-server.js';
import { eventually } from '../support/processes.js';

const forumPage = readFileSync(join(PROJECT_ROOT, 'fixtures/pages/forum-thread.html'), 'utf8');
let pageHtml = forumPage;
let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
let context: TestContext;
let pool: WorkerPool;
let resources: ReturnType<typeof buildProcessors>;

const SELECTORS = { item: 'article.post', text: '.body', author: '.author', link: 'a.permalink', idAttribute: 'data-post-id', date: 'time' };

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nDisallow: /private/\n'),
    '/forum/fil-42': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(pageHtml);
    },
    '/private/page': (_req, res) => res.end('<article class="post"><div class="body">secret</div></article>'),
    '/forum/slow': (_req, res) => {
      setTimeout(() => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(forumPage);
      }, 1_500);
    },
  });
  context = await createTestContext('crawl-pipeline', { MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: fixture.host, MONITOR_CRAWLER_MIN_DELAY_MS: '50' });
  resources = buildProcessors(context);
  pool = await startWorkerPool({
    redisUrl: context.redisUrl,
    prefix: context.config.jobs.queuePrefix,
    concurrency: 2,
    processors: resources.processors,
  });
  await upsertSource(context.store.models, { sourceId: 'forum-familles', org: 'portage', type: 'html', url: `${fixture.base}/forum/fil-42`, selectors: SELECTORS });
  await upsertSource(context.store.models, { sourceId: 'private', org: 'portage', type: 'html', url: `${fixture.base}/private/page`, selectors: SELECTORS });
});

afterAll(async () => {
  await pool.close(5_000);
  await resources.close();
  await context.dispose();
  await fixture.close();
});

async function crawl(sourceId: string, windowStart: string) {
  const job = await context.queues.crawl.add('crawl', { sourceId, windowStart }, { jobId: jobIdFor('crawl', sourceId, windowStart) });
  const state = await eventually(() => job.getState(), (value) => value === 'completed' || value === 'failed', 30_000);
  return { job: (await context.queues.crawl.getJob(job.id!))!, state };
}

const waitForIdleClassify = () =>
  eventually(async () => (await context.queues.classify.getJobCounts('waiting', 'active', 'delayed')), (counts) => counts.waiting + counts.active + counts.delayed === 0, 30_000);

describe('crawl → store → classify → flag', () => {
  it('when a forum page is crawled, then posts and evidence are stored and a flag appears for the breach', async () => {
    const { state } = await crawl('forum-familles', '2026-11-21T10:00');
    await waitForIdleClassify();

    expect(state).toBe('completed');
    const posts = await context.store.models.Post.find({ sourceId: 'forum-familles' }).sort({ externalId: 1 }).lean();
    expect(posts.map((post) => post.externalId)).toEqual(['p-101', 'p-102']);
    const [capture] = await context.store.models.Capture.find({ sourceId: 'forum-familles' }).lean();
    expect(capture).toMatchObject({ httpStatus: 200, url: `${fixture.base}/forum/fil-42` });
    expect(await verifyCapture(context.store.models, String(capture!._id))).toBe(true);
    const flags = await eventually(() => context.store.models.Flag.find({ org: 'portage' }).lean(), (found) => found.length > 0, 30_000);
    // p-102 names a client, and its author is shown as "anonyme" (Portage's "anonymous content").
    expect(flags.map((flag) => [flag.category, String(flag.itemId)]).sort()).toEqual([
      ['client_identification', String(posts[1]!._id)],
      ['spam', String(posts[1]!._id)],
    ]);
    expect(flags.find((flag) => flag.category === 'spam')?.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['anonymous-content']);
    const source = await context.store.models.Source.findOne({ sourceId: 'forum-familles' }).lean();
    expect(source?.status).toMatchObject({ state: 'idle', itemsSeen: 2, progress: { pages: 1, postsRead: 2, postsStored: 2, postsSkipped: 0 } });
  });

  it('when the same page is crawled again, then nothing is stored twice; an edited post gets a new version', async () => {
    pageHtml = forumPage.replace('les intervenants sont formidables', 'les intervenants sont vraiment formidables');

    await crawl('forum-familles', '2026-11-21T10:30');
    await waitForIdleClassify();

    const posts = await context.store.models.Post.find({ sourceId: 'forum-familles' }).sort({ externalId: 1 }).lean();
    expect(posts).toHaveLength(2);
    expect(posts[0]!.versions).toHaveLength(2);
    expect(posts[0]!.text).toContain('vraiment formidables');
    expect(posts[1]!.versions).toHaveLength(1);
    expect(await context.store.models.Capture.countDocuments({ sourceId: 'forum-familles' })).toBe(2);
    expect(await context.store.models.Flag.countDocuments({ org: 'portage' })).toBe(2);
  });

  it('when robots.txt disallows the page, then the job fails once, fetches nothing and the source says why, in English and in French', async () => {
    const { job, state } = await crawl('private', '2026-11-21T10:00');

    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe(`SourceRejectedError: ${fixture.base}/private/page: disallowed by robots.txt`);
    expect(fixture.hits).not.toContain('/private/page');
    const source = await context.store.models.Source.findOne({ sourceId: 'private' }).lean();
    expect(source?.status?.state).toBe('rejected');
    expect(source?.status?.lastError).toBe(`${fixture.base}/private/page: disallowed by robots.txt`);
    expect(source?.status?.lastErrorFr).toBe(`${fixture.base}/private/page : interdit par le robots.txt du site`);
  });

  it("when a member's data was erased, then crawling their page again stores everyone's posts but theirs", async () => {
    pageHtml = forumPage;
    await upsertSource(context.store.models, { sourceId: 'forum-after-erasure', org: 'portage', type: 'html', url: `${fixture.base}/forum/fil-42`, selectors: SELECTORS });
    await suppressMember(context.store.models, 'portage', 'Julie_M');

    const { state, job } = await crawl('forum-after-erasure', '2026-11-21T11:00');

    expect(state).toBe('completed');
    expect(job.returnvalue).toMatchObject({ suppressed: 1 });
    const posts = await context.store.models.Post.find({ sourceId: 'forum-after-erasure' }).lean();
    expect(posts.map((post) => post.author)).toEqual(['anonyme']);
  });
  it('when a crawl is under way, then its source shows it running with its progress', async () => {
    await upsertSource(context.store.models, { sourceId: 'forum-slow', org: 'portage', type: 'html', url: `${fixture.base}/forum/slow`, selectors: SELECTORS });
    const job = await context.queues.crawl.add('crawl', { sourceId: 'forum-slow', windowStart: 'now' }, { jobId: jobIdFor('crawl', 'forum-slow', 'now') });

    const running = await eventually(() => context.store.models.Source.findOne({ sourceId: 'forum-slow' }).lean(), (source) => source?.status?.state === 'running', 10_000);
    await eventually(() => job.getState(), (state) => state === 'completed', 30_000);

    expect(running?.status?.progress?.startedAt).toBeInstanceOf(Date);
    expect((await context.store.models.Source.findOne({ sourceId: 'forum-slow' }).lean())?.status).toMatchObject({ state: 'idle', progress: { pages: 1, postsRead: 2, postsStored: 1, postsSkipped: 1 } }); // Julie_M was erased above
  });
});
