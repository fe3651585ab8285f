import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';
import type { SourceConfig, SourceType } from '../../crawler/types.js';
import { SourceRejectedError, SourceUnavailableError } from '../../lib/errors.js';
import { noteReliability } from '../support/reliability.js';
import { startFixtureServer } from '../support/fixture-server.js';

// Pages and feeds written to hurt a crawler. Each must end in posts (bounded, as text) or in a
// SourceRejectedError / SourceUnavailableError naming the problem: never a crash, a hang or an
// unbounded allocation.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const HTML = { item: 'article', text: '.body', author: '.author', idAttribute: 'data-id' };
const html = (body: string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
};
const bytes = (body: Buffer, contentType: string, extra: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': contentType, ...extra });
  res.end(body);
};
const json = (body: string): Handler => bytes(Buffer.from(body), 'application/json');
const post = (id: string, text: string) => `<article data-id="${id}"><span class="author">a</span><p class="body">${text}</p></article>`;
const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;

const CASES: { label: string; type: SourceType; handler: Handler }[] = [
  { label: 'gzip bomb (100 MB of zeros)', type: 'html', handler: bytes(gzipSync(Buffer.alloc(100 * 1024 * 1024)), 'text/html', { 'content-encoding': 'gzip' }) },
  { label: 'body larger than the cap', type: 'html', handler: html(`<html>${post('1', 'x'.repeat(6 * 1024 * 1024))}</html>`) },
  { label: 'content-length larger than the body', type: 'html', handler: (_req, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' }); res.end('<html>short'); } },
  { label: 'connection dropped mid-body', type: 'html', handler: (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<html><article'); res.socket?.destroy(); } },
  { label: 'headers never sent (hang)', type: 'html', handler: () => {} },
  { label: 'body stalls after the headers', type: 'html', handler: (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<html>'); } },
  { label: 'redirect loop', type: 'html', handler: (req, res) => { res.writeHead(302, { location: `${req.url}x` }); res.end(); } },
  { label: 'redirect without Location', type: 'html', handler: (_req, res) => { res.writeHead(302); res.end(); } },
  { label: '10,000 nested divs', type: 'html', handler: html(`<html>${'<div>'.repeat(10_000)}${post('1', 'profond')}${'</div>'.repeat(10_000)}</html>`) },
  { label: 'unclosed tags everywhere', type: 'html', handler: html(`<html><article data-id="1"><p class="body">ouvert<b><i><article data-id="2"><p class="body">encore`) },
  { label: 'invalid UTF-8 bytes', type: 'html', handler: bytes(Buffer.concat([Buffer.from(`<html>${post('1', 'avant ')}`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('</html>')]), 'text/html; charset=utf-8') },
  { label: 'UTF-16 with BOM', type: 'html', handler: bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<html>${post('1', 'été')}</html>`, 'utf16le')]), 'text/html') },
  { label: 'charset header lies (says latin1, sends UTF-8)', type: 'html', handler: bytes(Buffer.from(`<html>${post('1', 'déjà vu')}</html>`), 'text/html; charset=iso-8859-1') },
  { label: 'unknown charset name', type: 'html', handler: bytes(Buffer.from(`<html>${post('1', 'x')}</html>`), 'text/html; charset=x-klingon') },
  { label: 'meta charset of UTF-7', type: 'html', handler: html(`<html><head><meta charset="utf-7"></head>${post('1', '+ADw-script+AD4-alert(1)+ADw-/script+AD4-')}</html>`) },
  { label: 'NUL bytes in text', type: 'html', handler: html(`<html>${post('1', 'a\u0000b\u0000c')}</html>`) },
  { label: 'script and style in post text', type: 'html', handler: html(`<html>${post('1', '<script>alert(1)</script><style>*{}</style>texte')}</html>`) },
  { label: '100,000 posts on one page', type: 'html', handler: html(`<html>${Array.from({ length: 100_000 }, (_, i) => post(String(i), 'p')).join('')}</html>`) },
  { label: 'a 1 MB attribute', type: 'html', handler: html(`<html><article data-id="${'9'.repeat(1_000_000)}"><p class="body">x</p></article></html>`) },
  { label: 'duplicate post ids', type: 'html', handler: html(`<html>${post('1', 'un')}${post('1', 'deux')}</html>`) },
  { label: 'entities outside Unicode', type: 'html', handler: html(`<html>${post('1', '&#x110000;&#0;&#xD800;&#99999999;')}</html>`) },
  { label: 'zero-width and bidi controls', type: 'html', handler: html(`<html>${post('1', 'c\u200bo\u200dn\u202en\u2066ard')}</html>`) },
  { label: 'HTTP 200 with an empty body', type: 'html', handler: html('') },
  { label: 'HTTP 500 with Retry-After', type: 'html', handler: (_req, res) => { res.writeHead(503, { 'retry-after': '120' }); res.end(); } },
  { label: 'HTTP 418', type: 'html', handler: (_req, res) => { res.writeHead(418); res.end(); } },
  { label: 'XML entity expansion (billion laughs) in RSS', type: 'rss', handler: bytes(Buffer.from(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><rss version="2.0"><channel><item><guid>1</guid><description>&lol4;</description></item></channel></rss>`), 'application/rss+xml') },
  { label: 'external entity (XXE) in RSS', type: 'rss', handler: bytes(Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><guid>1</guid><description>&xxe;</description></item></channel></rss>`), 'application/rss+xml') },
  { label: 'RSS that is not XML', type: 'rss', handler: bytes(Buffer.from('{"not": "xml"}'), 'application/rss+xml') },
  { label: 'RSS item without id or link', type: 'rss', handler: bytes(Buffer.from(rss('<item><description>anonyme</description></item>')), 'application/rss+xml') },
  { label: 'JSON nested 100,000 deep', type: 'mastodon', handler: json(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
  { label: 'JSON with __proto__ keys', type: 'mastodon', handler: json('[{"id":"1","__proto__":{"polluted":true},"content":"<p>x</p>","account":{"acct":"a"},"url":"https://m.example/1","created_at":"2026-01-01T00:00:00Z"}]') },
  { label: 'JSON of the wrong shape', type: 'reddit', handler: json('{"data":{"children":[{"kind":"t3","data":{"id":5,"title":null}}]}}') },
  { label: 'JSON truncated', type: 'bluesky', handler: json('{"posts":[{"uri":"at://x"') },
];

let fixture: Awaited<ReturnType<typeof startFixtureServer>>;

beforeAll(async () => {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
  };
  CASES.forEach((entry, at) => {
    routes[`/case-${at}`] = entry.handler;
  });
  fixture = await startFixtureServer(routes);
});

afterAll(() => fixture.close());

const fetcher = () =>
  createPageFetcher({
    guard: { allowedTestHosts: [fixture.host] },
    userAgent: 'ComplianceMonitor/test',
    fetch: { headersTimeoutMs: 1_000, bodyTimeoutMs: 1_000, connectTimeoutMs: 1_000 },
  });

describe('hostile pages and encodings', () => {
  it(`when ${CASES.length} hostile pages and feeds are crawled, then each ends in bounded posts or a named source error`, async ({ task }) => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const outcomes = await Promise.all(
      CASES.map(async (entry, at) => {
        const source: SourceConfig = { sourceId: `hostile-${at}`, org: 'portage', type: entry.type, url: `${fixture.base}/case-${at}`, ...(entry.type === 'html' ? { selectors: HTML } : {}) };
        try {
          const output = await getAdapterOrThrow(entry.type).crawl(source, fetcher());
          const bounded = output.posts.length <= 10_000 && output.posts.every((post) => typeof post.text === 'string' && post.text.length <= 1_000_000 && !post.text.includes('root:x:0'));
          return bounded ? 'posts' : `${entry.label}: unbounded (${output.posts.length} posts)`;
        } catch (error) {
          if (error instanceof SourceRejectedError || error instanceof SourceUnavailableError) return error.message.length > 0 ? 'refused' : `${entry.label}: empty message`;
          return `${entry.label}: ${(error as Error).name}: ${(error as Error).message.slice(0, 160)}`;
        }
      }),
    );

    const unexpected = outcomes.filter((outcome) => outcome !== 'posts' && outcome !== 'refused');
    expect(unexpected).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    noteReliability(task, { kind: 'bad-inputs', family: 'hostile pages', tried: CASES.length });
  }, 60_000);
});
