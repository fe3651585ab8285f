import type { ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';
import type { SourceConfig, SourceType } from '../../crawler/types.js';
import { SourceRejectedError } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { startFixtureServer } from '../support/fixture-server.js';

const fixtureFile = (path: string) => readFileSync(join(PROJECT_ROOT, 'fixtures', path));
let fixture: Awaited<ReturnType<typeof startFixtureServer>>;

const serve = (path: string, contentType: string) => (_req: unknown, res: ServerResponse) => {
  res.setHeader('content-type', contentType);
  res.end(fixtureFile(path));
};

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/forum': serve('pages/forum-thread.html', 'text/html; charset=utf-8'),
    '/feed.rss': serve('feeds/alerts.rss', 'application/rss+xml'),
    '/feed.atom': serve('feeds/blog.atom', 'application/atom+xml'),
    '/api/v1/timelines/tag/portage': serve('api/mastodon-tag.json', 'application/json'),
    '/search.json': serve('api/reddit-search.json', 'application/json'),
    '/xrpc/app.bsky.feed.searchPosts': serve('api/bluesky-search.json', 'application/json'),
    '/not-json': (_req, res) => res.end('<html>oops</html>'),
  });
});
afterAll(() => fixture.close());

const CASES: { type: SourceType; path: string; posts: number; selectors?: SourceConfig['selectors'] }[] = [
  { type: 'html', path: '/forum', posts: 2, selectors: { item: 'article.post', text: '.body', author: '.author', idAttribute: 'data-post-id', link: 'a.permalink', date: 'time' } },
  { type: 'rss', path: '/feed.rss', posts: 2 },
  { type: 'rss', path: '/feed.atom', posts: 1 },
  { type: 'mastodon', path: '/api/v1/timelines/tag/portage', posts: 2 },
  { type: 'reddit', path: '/search.json', posts: 2 },
  { type: 'bluesky', path: '/xrpc/app.bsky.feed.searchPosts', posts: 1 },
];

const fetcher = () => createPageFetcher({ guard: { allowedTestHosts: [fixture.host] }, userAgent: 'ComplianceMonitor/test' });
const sourceFor = (type: SourceType, path: string, selectors?: SourceConfig['selectors']): SourceConfig => ({
  sourceId: `conformance-${type}`,
  org: 'portage',
  type,
  url: `${fixture.base}${path}`,
  ...(selectors ? { selectors } : {}),
});

describe.each(CASES)('adapter $type on $path', ({ type, path, posts: expectedPosts, selectors }) => {
  it('when it crawls its fixture, then every post meets the CapturedPost contract', async () => {
    const output = await getAdapterOrThrow(type).crawl(sourceFor(type, path, selectors), fetcher());

    expect(output.pages.length).toBeGreaterThanOrEqual(1);
    expect(output.pages[0]!.status).toBe(200);
    expect(output.posts).toHaveLength(expectedPosts);
    expect(new Set(output.posts.map((post) => post.externalId)).size).toBe(output.posts.length);
    for (const post of output.posts) {
      expect(post.externalId).not.toBe('');
      expect(post.text.trim()).not.toBe('');
      expect(post.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(post.rawHash).toMatch(/^[a-f0-9]{64}$/);
      expect(post.pageIndex).toBeLessThan(output.pages.length);
      if (post.url !== undefined) expect(post.url).toMatch(/^https?:\/\//);
      if (post.publishedAt !== undefined) expect(Number.isNaN(post.publishedAt.getTime())).toBe(false);
      for (const image of post.images) expect(image).toMatch(/^https?:\/\//);
    }
  });

  it('when its limit is one item, then it returns one item and says the crawl is partial when more existed', async () => {
    const output = await getAdapterOrThrow(type).crawl({ ...sourceFor(type, path, selectors), limits: { maxItems: 1 } }, fetcher());

    expect(output.posts).toHaveLength(1);
    expect(output.partial).toBe(expectedPosts > 1);
  });
});

describe('adapter specifics', () => {
  it('when Mastodon reblogs, then the original status is captured with its own author and language', async () => {
    const { posts } = await getAdapterOrThrow('mastodon').crawl(sourceFor('mastodon', '/api/v1/timelines/tag/portage'), fetcher());

    expect(posts[0]).toMatchObject({ author: 'lea', lang: 'fr', images: ['https://files.mastodon.example/media/1.png'] });
    expect(posts[0]!.text).toBe("Soirée d'info chez #portage ce jeudi. Bienvenue à toutes et à tous !");
    expect(posts[1]).toMatchObject({ externalId: 'https://other.example/statuses/77', author: 'sam@other.example', text: 'I know where you live, watch your back.' });
  });

  it('when Reddit lists posts and comments, then both are captured with permalinks and UTC dates', async () => {
    const { posts } = await getAdapterOrThrow('reddit').crawl(sourceFor('reddit', '/search.json'), fetcher());

    expect(posts.map((post) => post.externalId)).toEqual(['t3_1gq2abc', 't1_lx9k2']);
    expect(posts[1]!.url).toBe('https://www.reddit.com/r/montreal/comments/1gq2abc/comment/lx9k2/');
    expect(posts[0]!.publishedAt?.toISOString()).toBe('2024-11-05T09:46:40.000Z');
    expect(posts[0]!.images).toEqual(['https://preview.redd.it/abc.jpg?width=640&format=pjpg']);
  });

  it('when Bluesky answers a search, then the post URL is built from handle and record key', async () => {
    const { posts } = await getAdapterOrThrow('bluesky').crawl(sourceFor('bluesky', '/xrpc/app.bsky.feed.searchPosts'), fetcher());

    expect(posts[0]).toMatchObject({ url: 'https://bsky.app/profile/sportif.bsky.social/post/3kxyzabc123', lang: 'fr', author: 'sportif.bsky.social' });
  });

  it('when a JSON API answers HTML, then the error is transient and names the source', async () => {
    await expect(getAdapterOrThrow('reddit').crawl(sourceFor('reddit', '/not-json'), fetcher())).rejects.toThrow(
      'source conformance-reddit: ' + `${fixture.base}/not-json did not answer JSON`,
    );
  });

  it('when a source type has no adapter yet, then it is refused by name', () => {
    expect(() => getAdapterOrThrow('group-page')).toThrow(
      new SourceRejectedError('source type group-page is not supported by this build yet', { fr: 'le type de source group-page n’est pas encore pris en charge' }),
    );
    expect(() => getAdapterOrThrow('browser')).toThrow(
      new SourceRejectedError('source type browser is not supported by this build yet', { fr: 'le type de source browser n’est pas encore pris en charge' }),
    );
  });
});
