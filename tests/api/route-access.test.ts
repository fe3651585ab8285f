import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { newSecretToken, tokenHash } from '../../api/auth/tokens.js';
import { ROUTES } from '../../api/routes/index.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertApiToken } from '../../db/session-repository.js';
import type { Role } from '../../db/user-repository.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { noteReliability } from '../support/reliability.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let flagId: string;
const tokens = new Map<Role, string>();
const ROLES: Role[] = ['reviewer', 'safeguarding_officer', 'admin', 'group_creator'];

beforeAll(async () => {
  context = await createTestContext('api-access');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'A' });
  ({ flagId } = await aFlaggedPost(context, { org: 'org-a' }));
  for (const role of ROLES) {
    const user = await aUser(context, [{ org: 'org-a', role }]);
    const token = newSecretToken('mon_');
    await insertApiToken(context.store.models, { tokenHash: tokenHash(token), userId: user.id, name: role });
    tokens.set(role, token);
  }
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

interface Mounted {
  method: string;
  path: string;
}

/** Every route Express actually serves, read from its router stack. */
function mountedRoutes(): Mounted[] {
  const app = createApp(apiDepsOf(context));
  const found: Mounted[] = [];
  const walk = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push({ method, path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
    }
  };
  walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
  return found;
}

function call(method: string, path: string, token?: string): Promise<Response> {
  const url = `${api.base}${path.replace(':id', flagId)}`;
  return fetch(url, {
    method: method.toUpperCase(),
    redirect: 'manual',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'get' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'get' ? {} : { body: '{}' }),
  });
}

describe('route × role matrix', () => {
  it('when the app is built, then every route it serves is in the declared access table (deny by default)', () => {
    const declared = new Set(ROUTES.map((route) => `${route.method} ${route.path}`));
    const undeclared = mountedRoutes().filter((route) => !declared.has(`${route.method} ${route.path}`));

    expect(undeclared).toEqual([]);
    expect(mountedRoutes()).toHaveLength(ROUTES.length);
  });

  it('when each route is called anonymously and as each role, then access matches the table exactly', async ({ task }) => {
    const mismatches: string[] = [];
    for (const route of ROUTES) {
      const callers: [string, string | undefined, boolean][] = [
        ['anonymous', undefined, route.access.kind === 'public'],
        ...ROLES.map((role): [string, string | undefined, boolean] => [
          role,
          tokens.get(role),
          route.access.kind !== 'role' || route.access.roles.includes(role),
        ]),
      ];
      for (const [who, token, allowed] of callers) {
        const response = await call(route.method, route.path, token);
        const location = response.headers.get('location') ?? '';
        const denied = response.status === 401 || response.status === 403 || (response.status === 303 && location.startsWith('/login'));
        // Signing out through the console with a token answers 303 to /login: that is the route working.
        const signOut = route.path === '/logout' && token !== undefined;
        if (denied !== !allowed && !signOut) mismatches.push(`${route.method.toUpperCase()} ${route.path} as ${who}: ${response.status} ${location}`);
      }
    }

    expect(mismatches).toEqual([]);
    noteReliability(task, { kind: 'access', routesCovered: ROUTES.length, routesTotal: mountedRoutes().length });
  });
});
