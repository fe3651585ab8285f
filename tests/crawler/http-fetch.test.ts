import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGuarded, parseRetryAfter, type FetchOptions } from '../../crawler/http-fetch.js';
import { SourceRejectedError, SourceUnavailableError } from '../../lib/errors.js';
import { gzipBomb, startCanary, startFixtureServer } from '../support/fixture-server.js';

let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
let canary: Awaited<ReturnType<typeof startCanary>>;
let options: FetchOptions;

beforeAll(async () => {
  canary = await startCanary();
  fixture = await startFixtureServer({
    '/page-1252': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=windows-1252');
      res.end(Buffer.from('<p>d\xe9pendance, \xe7a</p>', 'latin1'));
    },
    '/redirect-internal': (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${canary.port}/` });
      res.end();
    },
    '/redirect-flaky-name': (_req, res) => {
      res.writeHead(302, { location: 'http://flaky.test/groupe' });
      res.end();
    },
    '/redirect-chain': (_req, res) => {
      res.writeHead(301, { location: '/redirect-chain-2' });
      res.end();
    },
    '/redirect-chain-2': (_req, res) => {
      res.writeHead(307, { location: '/page-1252' });
      res.end();
    },
    '/loop': (_req, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    },
    '/gone': (_req, res) => {
      res.statusCode = 410;
      res.end();
    },
    '/busy': (_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end();
    },
    '/down': (_req, res) => {
      res.writeHead(503, { 'retry-after': '99999999' });
      res.end();
    },
    '/huge': (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(Buffer.alloc(6 * 1024 * 1024, 0x61));
    },
    '/bomb': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/html' });
      res.end(gzipBomb(50 * 1024 * 1024));
    },
    '/slow': (_req, res) => {
      setTimeout(() => res.end('late'), 3_000);
    },
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain; charset=utf-8' });
      res.end('version 1');
    },
  });
  options = { guard: { allowedTestHosts: [fixture.host] }, userAgent: 'ComplianceMonitor/test', headersTimeoutMs: 1_000 };
});

afterAll(async () => {
  await fixture.close();
  await canary.close();
});

describe('fetchGuarded', () => {
  it('when a windows-1252 page is fetched, then it is decoded and the evidence bytes are kept', async () => {
    const result = await fetchGuarded(`${fixture.base}/page-1252`, options);

    expect(result.notModified).toBe(false);
    if (result.notModified) return;
    expect(result.text).toBe('<p>dépendance, ça</p>');
    expect(result.encoding).toBe('windows-1252');
    expect(result.body.length).toBe(21);
  });

  it('when a page redirects to an internal address, then the hop is blocked and nothing connects there', async () => {
    const attempt = fetchGuarded(`${fixture.base}/redirect-internal`, options);

    await expect(attempt).rejects.toThrow(SourceRejectedError);
    await expect(fetchGuarded(`${fixture.base}/redirect-internal`, options)).rejects.toThrow(
      new RegExp(`^blocked: redirect to http://127\\.0\\.0\\.1:${canary.port}/: port not allowed: ${canary.port}`),
    );
    const refused = (await fetchGuarded(`${fixture.base}/redirect-internal`, options).catch((error: unknown) => error)) as SourceRejectedError;
    expect(refused.french).toBe(`refusé : redirection vers http://127.0.0.1:${canary.port}/ : port refusé : ${canary.port} (seul 80 pour http)`);
    expect(canary.connections()).toBe(0);
  });

  it('when a redirect leads to a name the resolver cannot answer for now, then the fetch is transient (retried), not blocked', async () => {
    const resolverDown = async (name: string): Promise<string[]> => {
      throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${name}`), { code: 'EAI_AGAIN' });
    };

    const attempt = fetchGuarded(`${fixture.base}/redirect-flaky-name`, { ...options, guard: { ...options.guard, resolve: resolverDown } });

    await expect(attempt).rejects.toThrow(SourceUnavailableError);
    await expect(attempt).rejects.toThrow('flaky.test: name resolution failed for now (EAI_AGAIN); will try again');
    expect(((await attempt.catch((error: unknown) => error)) as SourceUnavailableError).french).toBe('flaky.test : le nom n’a pas pu être résolu pour l’instant (EAI_AGAIN) ; nouvel essai plus tard');
  });

  it('when redirects stay on the allowed host, then they are followed to the final page', async () => {
    const result = await fetchGuarded(`${fixture.base}/redirect-chain`, options);

    expect(result.url).toBe(`${fixture.base}/page-1252`);
  });

  it('when a page redirects forever, then it stops after five hops', async () => {
    const loop = (await fetchGuarded(`${fixture.base}/loop`, options).catch((error: unknown) => error)) as SourceRejectedError;
    expect(loop.message).toMatch(/more than 5 redirects/);
    expect(loop.french).toMatch(/ : plus de 5 redirections$/);
  });

  it('when the page is gone or missing, then the error is permanent', async () => {
    const gone = (await fetchGuarded(`${fixture.base}/gone`, options).catch((error: unknown) => error)) as SourceRejectedError;
    expect(gone).toBeInstanceOf(SourceRejectedError);
    expect(gone.message).toBe(`${fixture.base}/gone: 410 Gone`);
    expect(gone.french).toBe(`${fixture.base}/gone : 410 (la page n’existe plus)`);
    await expect(fetchGuarded(`${fixture.base}/nothing`, options)).rejects.toThrow(SourceRejectedError);
  });

  it('when the host says 429 or 503 with Retry-After, then the error is transient and carries the (capped) delay', async () => {
    const busy = await fetchGuarded(`${fixture.base}/busy`, options).catch((error: unknown) => error);
    const down = await fetchGuarded(`${fixture.base}/down`, options).catch((error: unknown) => error);

    expect(busy).toBeInstanceOf(SourceUnavailableError);
    expect((busy as SourceUnavailableError).retryAfterMs).toBe(120_000);
    expect((down as SourceUnavailableError).retryAfterMs).toBe(3_600_000);
  });

  it('when a body or a gzip bomb exceeds the cap, then the fetch is refused without holding it all', async () => {
    await expect(fetchGuarded(`${fixture.base}/huge`, options)).rejects.toThrow(/body larger than 5242880 bytes/);
    await expect(fetchGuarded(`${fixture.base}/bomb`, options)).rejects.toThrow(/body larger than 5242880 bytes \(after decompression\)/);
  });

  it('when the first byte is late, then a transient error names the phase', async () => {
    await expect(fetchGuarded(`${fixture.base}/slow`, options)).rejects.toThrow(/first byte failed/);
  });

  it('when the page has not changed since the last ETag, then the result says not modified', async () => {
    const first = await fetchGuarded(`${fixture.base}/etag`, options);
    const second = await fetchGuarded(`${fixture.base}/etag`, { ...options, etag: first.headers.etag });

    expect(first.notModified).toBe(false);
    expect(second).toMatchObject({ notModified: true, status: 304 });
  });

  it('when the URL itself is internal and not allowlisted, then no request is made', async () => {
    await expect(fetchGuarded(`http://127.0.0.1:${canary.port}/`, options)).rejects.toThrow(/port not allowed/);
    expect(canary.connections()).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  it('when given seconds, a date, nonsense or a past date, then it returns milliseconds, capped, or nothing', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');

    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('99999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBeUndefined();
  });
});
