import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ApiDeps } from '../../api/app.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { findFreePort } from '../../embedded/free-port.js';
import { apiDepsOf, signIn, type Session } from '../support/api-client.js';
import { aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let deadRedis: Redis;
let server: Server;
let downServer: Server;
let base: string;
let downBase: string;
let reviewer: Session;

async function listen(deps: ApiDeps): Promise<[Server, string]> {
  const listening = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolveListen) => listening.once('listening', resolveListen));
  return [listening, `http://127.0.0.1:${(listening.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  context = await createTestContext('api-health');
  const deps = apiDepsOf(context);
  [server, base] = await listen(deps);
  // A real client aimed at a port where no Redis listens: what the API sees when Redis is gone.
  const closedPort = await findFreePort();
  deadRedis = new Redis(`redis://127.0.0.1:${closedPort}`, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  deadRedis.on('error', () => {});
  [downServer, downBase] = await listen({ ...deps, redis: deadRedis, redisPing: async () => void (await deadRedis.ping()) });
  await upsertOrganization(context.store.models, { slug: 'xss-org', name: '<img src=x onerror=alert(1)>' });
  const user = await aUser(context, [{ org: 'xss-org', role: 'reviewer' }]);
  reviewer = await signIn(base, user.email, user.password);
});

afterAll(async () => {
  server.close();
  downServer.close();
  deadRedis.disconnect();
  await context.dispose();
});

describe('GET /health', () => {
  it('when the store and Redis answer, then it is 200 with both ok', async () => {
    const response = await fetch(`${base}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ store: 'ok', redis: 'ok' });
  });

  it('when Redis is unreachable, then it is 503 naming redis as down', async () => {
    const response = await fetch(`${downBase}/health`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ store: 'ok', redis: 'down' });
  });
});

describe('console home', () => {
  it('when nobody is signed in, then the queue redirects to the sign-in page, which speaks French or English', async () => {
    const response = await fetch(`${base}/`, { redirect: 'manual' });
    const french = await (await fetch(`${base}/login`)).text();
    const english = await (await fetch(`${base}/login?lang=en`)).text();

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2F');
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('Connexion');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Sign in');
  });

  it('when a reviewer opens it without a language, then it speaks French; with ?lang=en, English', async () => {
    const french = await (await reviewer.request('GET', '/')).text();
    const english = await (await reviewer.request('GET', '/?lang=en')).text();

    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('Signalements à traiter');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Flags to review');
    // Labels end as each language writes them: "Base de documents : …", "Document store: …".
    expect(french).toMatch(/Base de documents : <span/);
    expect(english).toMatch(/Document store: <span/);
  });

  it('when an organization name holds markup, then it is shown as text', async () => {
    const page = await (await reviewer.request('GET', '/')).text();

    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
  });

  it('when the downstream Redis is down, then the console still renders and shows it down', async () => {
    const page = await (await fetch(`${downBase}/?lang=en`, { headers: { cookie: reviewer.cookie } })).text();

    expect(page).toMatch(/Job queue \(Redis\): <span class="down">down<\/span>/);
  });
});

describe('HTTP hygiene', () => {
  it('when any response is sent, then security headers are set and nothing is cacheable', async () => {
    const response = await fetch(`${base}/health`);

    expect(response.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('when the monitor runs outside tests, then HSTS of at least one year is sent; under tests it is not', async () => {
    const [production, productionBase] = await listen({ ...apiDepsOf(context), config: { ...context.config, env: 'production' } });
    try {
      const strict = (await fetch(`${productionBase}/health`)).headers.get('strict-transport-security');
      expect(strict).toBe('max-age=31536000; includeSubDomains');
      expect((await fetch(`${base}/health`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      production.close();
    }
  });

  it('when a route does not exist, then a JSON 404 names it', async () => {
    const response = await fetch(`${base}/api/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /api/nothing-here' } });
  });

  it('when a body is not valid JSON, then it is 400 with a clear message and no stack', async () => {
    const response = await fetch(`${base}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe('request body is not valid JSON');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js/);
  });

  it('when a body is larger than the limit, then it is 413', async () => {
    const response = await fetch(`${base}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(300_000) }),
    });

    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('request body too large');
  });

  it('when TRACE is used, then it is 405', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolveStatus, reject) => {
      const req = request(`${base}/`, { method: 'TRACE' }, (res) => {
        res.resume();
        resolveStatus(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });

    expect(status).toBe(405);
  });
});
