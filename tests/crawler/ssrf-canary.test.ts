import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserTabs } from '../../crawler/browser-tabs.js';
import { launchCrawlingChromium } from '../../crawler/chromium.js';
import { fetchGuarded } from '../../crawler/http-fetch.js';
import { renderPage } from '../../crawler/render-page.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { SourceRejectedError } from '../../lib/errors.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { startCanary, startFixtureServer } from '../support/fixture-server.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { noteReliability } from '../support/reliability.js';

// A canary listens on port 80 of every local address (`::`, dual stack): any URL below that
// reached this machine would connect to it. Each family goes through the real code path (the
// crawler's fetch, the registration API, Chromium) and the canary must count 0 connections.

let canary: Awaited<ReturnType<typeof startCanary>>;
let fixtures: Awaited<ReturnType<typeof startFixtureServer>>;
let browser: Browser;
let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;

const REDIRECT_TARGETS = [
  'http://127.0.0.1/',
  'http://localhost/',
  'http://[::1]/',
  'http://0x7f000001/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://127.1/',
  'http://0.0.0.0/',
  'http://[::ffff:127.0.0.1]/',
  '//127.0.0.1/',
];

beforeAll(async () => {
  canary = await startCanary({ port: 80, host: '::' });
  const routes: Parameters<typeof startFixtureServer>[0] = {
    '/hop': (_req, res, base) => {
      res.writeHead(302, { location: `${base}/hop2` });
      res.end();
    },
    '/hop2': (_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.1/second-hop' });
      res.end();
    },
    '/side-channels': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head>
<link rel="stylesheet" href="http://127.0.0.1/style.css"><link rel="prefetch" href="http://localhost/prefetch">
<link rel="dns-prefetch" href="//[::1]/"><link rel="preconnect" href="http://0x7f000001/">
<style>@import url("http://2130706433/import.css"); body { background: url("http://127.1/bg.png"); }</style>
<script src="http://[::ffff:127.0.0.1]/script.js"></script></head><body>
<h1>Groupe</h1><img src="http://127.0.0.1/pixel.png"><iframe src="http://localhost/frame"></iframe>
<object data="http://127.0.0.1/object"></object><video src="http://127.0.0.1/video.mp4"></video>
<form id="f" method="post" action="http://127.0.0.1/form"><input name="a" value="b"></form>
<script>
  fetch('http://127.0.0.1/fetch').catch(() => {});
  const xhr = new XMLHttpRequest(); xhr.open('GET', 'http://localhost/xhr'); xhr.send();
  try { new WebSocket('ws://127.0.0.1/socket'); } catch {}
  try { new WebSocket('ws://localhost:80/socket2'); } catch {}
  try { new EventSource('http://127.0.0.1/events'); } catch {}
  navigator.sendBeacon('http://127.0.0.1/beacon', 'x');
  new Image().src = 'http://0177.0.0.1/image';
  import('http://127.0.0.1/module.js').catch(() => {});
  document.getElementById('f').submit();
</script></body></html>`);
    },
    '/meta-refresh': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><meta http-equiv="refresh" content="0;url=http://127.0.0.1/refreshed"></head><body>x</body></html>');
    },
    '/js-redirect': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body><script>location.href = "http://[::1]/moved";</script></body></html>');
    },
  };
  REDIRECT_TARGETS.forEach((target, at) => {
    routes[`/redirect-${at}`] = (_req, res) => {
      res.writeHead([301, 302, 303, 307, 308][at % 5]!, { location: target });
      res.end();
    };
  });
  fixtures = await startFixtureServer(routes);
  context = await createTestContext('ssrf-canary', { MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: fixtures.host });
  browser = await launchCrawlingChromium(context.config.crawler.chromiumPath, { allowedTestHosts: [fixtures.host] });
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
});

afterAll(async () => {
  await api?.close();
  await browser?.close();
  await context?.dispose();
  await fixtures?.close();
  await canary?.close();
});

const guard = () => ({ allowedTestHosts: [fixtures.host] });
const fetchOptions = () => ({ guard: guard(), userAgent: 'monitor-test', connectTimeoutMs: 1_000, headersTimeoutMs: 2_000 });

/** Fetches through the crawler's guarded client; returns the error message (it must fail). */
async function refusal(url: string, options = fetchOptions()): Promise<string> {
  try {
    await fetchGuarded(url, options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${url} was fetched`);
}

const DIRECT = [
  // Schemes
  'file:///etc/passwd', 'gopher://127.0.0.1/_x', 'dict://127.0.0.1:11211/stat', 'ftp://127.0.0.1/', 'ws://127.0.0.1/', 'wss://127.0.0.1/',
  'ldap://127.0.0.1/', 'jar:http://127.0.0.1/!/', 'data:text/plain,x', 'javascript:fetch("http://127.0.0.1/")',
  // Loopback spelled every way
  'http://127.0.0.1/', 'http://127.0.0.2/', 'http://127.255.255.254/', 'http://0x7f000001/', 'http://2130706433/', 'http://017700000001/',
  'http://0177.0.0.1/', 'http://0x7f.0.0.1/', 'http://127.1/', 'http://127.0.1/', 'http://0/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[::]/',
  'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[0:0:0:0:0:ffff:127.0.0.1]/', 'http://localhost/', 'http://LOCALHOST/',
  'http://localhost./', 'http://127。0。0。1/', 'http://１２７.０.０.１/', 'https://127.0.0.1/', 'http://127.0.0.1:80/', 'http://[::1]:80/',
  // Private, link-local, shared, reserved, multicast, NAT64
  'http://10.0.0.1/', 'http://172.16.0.1/', 'http://192.168.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/',
  'http://198.18.0.1/', 'http://224.0.0.1/', 'http://255.255.255.255/', 'http://[fc00::1]/', 'http://[fe80::1]/', 'http://[64:ff9b::7f00:1]/',
  // Confusions
  'http://public.example@127.0.0.1/', 'http://127.0.0.1#@public.example/', 'http://127.0.0.1:6379/', 'http://127.0.0.1\\@public.example/',
];

describe('SSRF canary', () => {
  it(`when ${DIRECT.length} hostile URLs are fetched by the crawler, then each is refused with a reason and the canary sees no connection`, async ({ task }) => {
    const reasons = await Promise.all(DIRECT.map((url) => refusal(url)));

    expect(reasons.every((reason) => reason.length > 0)).toBe(true);
    expect(canary.connections()).toBe(0);
    noteReliability(task, { kind: 'bad-inputs', family: 'SSRF', tried: DIRECT.length, canaryHits: canary.connections() });
  });

  it(`when an allowed page redirects to ${REDIRECT_TARGETS.length} local targets or in two hops, then each hop is re-checked and refused`, async ({ task }) => {
    const urls = [...REDIRECT_TARGETS.map((_, at) => `${fixtures.base}/redirect-${at}`), `${fixtures.base}/hop`];
    const reasons = await Promise.all(urls.map((url) => refusal(url)));

    expect(reasons.every((reason) => reason.startsWith('blocked: redirect to'))).toBe(true);
    expect(canary.connections()).toBe(0);
    noteReliability(task, { kind: 'bad-inputs', family: 'SSRF', tried: urls.length, canaryHits: canary.connections() });
  });

  it('when DNS answers change between lookups or mix public and local addresses, then the checked address is the one connected to', async ({ task }) => {
    let lookups = 0;
    const rebinding = async (name: string) => {
      if (name === 'rebind.example') return (lookups += 1) === 1 ? ['93.184.215.14'] : ['127.0.0.1'];
      if (name === 'mixed.example') return ['93.184.215.14', '127.0.0.1'];
      if (name === 'local.example') return ['127.0.0.1'];
      if (name === 'mapped.example') return ['::ffff:127.0.0.1'];
      throw new Error(`ENOTFOUND ${name}`);
    };
    const options = { ...fetchOptions(), guard: { ...guard(), resolve: rebinding } };

    const reasons = await Promise.all(
      ['http://rebind.example/', 'http://mixed.example/', 'http://local.example/', 'http://mapped.example/'].map((url) => refusal(url, options)),
    );

    // The rebinding name passed the check with a documentation address, which is what was dialled (and failed).
    expect(reasons[0]).not.toContain('blocked');
    expect(reasons.slice(1).every((reason) => reason.startsWith('blocked:'))).toBe(true);
    expect(canary.connections()).toBe(0);
    noteReliability(task, { kind: 'bad-inputs', family: 'SSRF', tried: 4, canaryHits: canary.connections() });
  });

  it('when a group is registered with local URLs, then the API answers 400 naming the reason and nothing is stored', async ({ task }) => {
    const urls = ['http://127.0.0.1/groupe', 'http://localhost/groupe', 'http://[::1]/groupe', 'http://2130706433/groupe', 'http://169.254.169.254/', 'file:///etc/passwd', 'http://10.0.0.1/groupe', 'http://0/groupe'];
    const statuses: number[] = [];
    for (const url of urls) {
      const response = await fetch(`${api.base}/api/groups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ org: 'portage', platform: 'facebook', url, name: 'Groupe NON OFFICIEL', creatorEmail: 'createur@example.org', accessConsent: true }),
      });
      const body = (await response.json()) as { error: { message: string } };
      statuses.push(response.status);
      expect(body.error.message).toMatch(/url/i);
    }

    expect(statuses).toEqual(urls.map(() => 400));
    expect(await context.store.models.Group.countDocuments({})).toBe(0);
    expect(canary.connections()).toBe(0);
    noteReliability(task, { kind: 'bad-inputs', family: 'SSRF', tried: urls.length, canaryHits: canary.connections() });
  });

  it('when a rendered page reaches for local addresses (subresources, scripts, sockets, beacons, forms, refresh), then Chromium connects to none', async ({ task }) => {
    const pages = ['/side-channels', '/meta-refresh', '/js-redirect'];
    const tabs = createBrowserTabs(async () => browser, { guard: guard(), userAgent: 'monitor-test' });
    try {
      for (const path of pages) {
        await renderPage(tabs, `${fixtures.base}${path}`, { settleMs: 1_500 }).catch((error: Error) => {
          expect(error).not.toBeInstanceOf(TypeError);
        });
      }
    } finally {
      await tabs.close();
    }

    expect(canary.connections()).toBe(0);
    noteReliability(task, { kind: 'bad-inputs', family: 'SSRF', tried: 25, canaryHits: canary.connections() });
  });

  it('when the guard refuses, then the error is a permanent rejection, so the job is not retried', async () => {
    await expect(fetchGuarded('http://127.0.0.1/', fetchOptions())).rejects.toBeInstanceOf(SourceRejectedError);
  });
});
