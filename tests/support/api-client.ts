import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ApiDeps } from '../../api/app.js';
import { createHttpServer, type HttpLimits } from '../../app/http-server.js';
import { buildApiDeps } from '../../app/api-deps.js';
import type { Membership } from '../../db/user-repository.js';
import { aUser } from './builders.js';
import type { TestContext } from './context.js';

export function apiDepsOf(context: TestContext): ReturnType<typeof buildApiDeps> {
  return buildApiDeps(context);
}

/** The real app on a loopback port; close() stops it. */
export async function startApi(deps: ApiDeps, limits?: HttpLimits): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createHttpServer(createApp(deps), limits).listen(0, '127.0.0.1');
  await new Promise((resolveListen) => server.once('listening', resolveListen));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}

/** A signed-in caller: sends its session cookie, and its CSRF token on unsafe requests. */
export interface Session {
  cookie: string;
  csrfToken: string;
  /** JSON request; `body` is sent as JSON. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Posts an HTML form as the console does (the CSRF token in a hidden field), asking for a page. */
  form(path: string, fields: Record<string, string>): Promise<Response>;
  /** Opens a console page as a browser would (asking for HTML): its status and text. */
  page(path: string): Promise<{ status: number; text: string }>;
}

export function sessionFrom(base: string, cookie: string, csrfToken: string): Session {
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    cookie,
    csrfToken,
    request,
    async json<T>(method: string, path: string, body?: unknown) {
      const response = await request(method, path, body);
      return { status: response.status, body: (await response.json()) as T };
    },
    form: (path, fields) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfToken, ...fields }),
      }),
    async page(path) {
      const response = await request('GET', path, undefined, { accept: 'text/html' });
      return { status: response.status, text: await response.text() };
    },
  };
}

/** Signs in through POST /api/session; throws with the answer when it fails. */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return sessionFrom(base, cookie, csrfToken);
}

/** A new user with these memberships, signed in to the API at `base`. */
export async function aSignedInUser(context: TestContext, base: string, memberships: Membership[]): Promise<Session> {
  const user = await aUser(context, memberships);
  return signIn(base, user.email, user.password);
}
