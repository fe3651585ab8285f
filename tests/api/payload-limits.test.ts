import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_LIMITS } from '../../app/http-server.js';
import { apiDepsOf, aSignedInUser, startApi, type Session } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventLoopP99During } from '../support/event-loop.js';
import { noteReliability } from '../support/reliability.js';

// Test 11 of RELIABILITY.md (the body size cap and TRACE are in health-and-console.test.ts).
// The server runs with the production limits scaled down, so slow clients are cut in seconds.
const LIMITS = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkEveryMs: 100 };

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;

beforeAll(async () => {
  context = await createTestContext('payload-limits');
  api = await startApi(apiDepsOf(context), LIMITS);
  reviewer = await aSignedInUser(context, api.base, [{ org: 'portage', role: 'reviewer' }]);
});
afterAll(async () => {
  await api.close();
  await context.dispose();
});

/** A raw connection that sends `head` and then one more byte every `everyMs`, never finishing. */
function slowClient(head: string, drip: string, everyMs: number): { socket: Socket; closed: Promise<void>; stop(): void } {
  const { port } = new URL(api.base);
  const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
  socket.on('error', () => {});
  socket.resume();
  const timer = setInterval(() => socket.writable && socket.write(drip), everyMs);
  const closed = new Promise<void>((resolveClosed) => socket.once('close', () => resolveClosed()));
  void closed.then(() => clearInterval(timer));
  return { socket, closed, stop: () => (clearInterval(timer), socket.destroy()) };
}

describe('payload limits and slow clients', () => {
  it('when 50 clients send their headers one byte at a time (slowloris), then the server cuts each of them and keeps answering others', async (test) => {
    const clients = Array.from({ length: 50 }, (_, index) =>
      slowClient(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${index}: `, 'a', 200),
    );
    try {
      const { result: cut, p99Ms, maxMs } = await eventLoopP99During(async () => {
        const health = await fetch(`${api.base}/health`);
        expect(health.status).toBe(200);
        return Promise.race([
          Promise.all(clients.map((client) => client.closed)).then(() => true),
          new Promise<boolean>((resolveLate) => setTimeout(() => resolveLate(false), 10_000)),
        ]);
      });

      expect(cut).toBe(true);
      expect((await fetch(`${api.base}/health`)).status).toBe(200);
      expect(p99Ms).toBeLessThan(100);
      expect(maxMs).toBeLessThan(1_000);
      noteReliability(test.task, { kind: 'bad-inputs', family: 'payload limits', tried: 50 });
      noteReliability(test.task, { kind: 'measure', name: 'API event-loop p99 during slowloris', value: p99Ms, unit: 'ms', limit: 100 });
    } finally {
      for (const client of clients) client.stop();
    }
  });

  it('when a client sends its body one byte at a time, then the request is cut at the request timeout', async () => {
    const client = slowClient(
      `POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
      ' ',
      200,
    );
    let answer = '';
    client.socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    try {
      const cut = await Promise.race([client.closed.then(() => true), new Promise<boolean>((resolveLate) => setTimeout(() => resolveLate(false), 10_000))]);

      expect(cut).toBe(true);
      // Node answers 408 when it cuts a request it has started reading.
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      client.stop();
    }
  });

  it('when the production server is built, then it uses 20 s for headers, 30 s per request, checked every second', () => {
    expect(HTTP_LIMITS).toEqual({ headersTimeoutMs: 20_000, requestTimeoutMs: 30_000, checkEveryMs: 1_000 });
  });

  it('when a query carries 10,000 parameters, then it is refused before any route (431: the URL is over the header size)', async (test) => {
    const query = Array.from({ length: 10_000 }, (_, index) => `p${index}=${index}`).join('&');

    const response = await reviewer.request('GET', `/api/flags?${query}`);

    expect(response.status).toBe(431);
    expect((await fetch(`${api.base}/health`)).status).toBe(200);
    noteReliability(test.task, { kind: 'bad-inputs', family: 'payload limits', tried: 1 });
  });

  it('when a query carries 1,500 parameters that fit the URL, then it is 400 naming unknown parameters', async () => {
    const query = Array.from({ length: 1_500 }, (_, index) => `${index}=`).join('&');

    const response = await reviewer.request('GET', `/api/flags?${query}`);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it.each([10_000, 100_000])('when a JSON body is nested %i levels deep, then it is 400 and the server is unharmed', async (depth) => {
    const body = `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;

    const response = await fetch(`${api.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(response.status).toBe(400);
    expect((await fetch(`${api.base}/health`)).status).toBe(200);
  });

  it('when a page of 1,000,000 flags is asked for, then it is refused with the cap named', async () => {
    const response = await reviewer.request('GET', '/api/flags?pageSize=1000000');

    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/pageSize: .*100/);
  });
});
