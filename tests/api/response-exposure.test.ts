import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretToken, tokenHash } from '../../api/auth/tokens.js';
import { submitReport } from '../../api/review/report-service.js';
import { ROUTES } from '../../api/routes/index.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertApiToken } from '../../db/session-repository.js';
import { upsertSource } from '../../db/source-repository.js';
import type { Role } from '../../db/user-repository.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

// Test 5 of RELIABILITY.md, in part: every JSON answer of every GET route, for every role that may
// call it, is searched for fields and values that must never leave the server. A new GET route is
// searched too. (Per-role response schemas are not written yet.)

const ROLES: Role[] = ['reviewer', 'safeguarding_officer', 'admin', 'group_creator'];
const CLIENT_NAME = 'Mireille Tremblay';
const REPORTER_CONTACT = 'reporter-canary@example.org';
const OTHER_ORG_CANARY = 'OrgBeeCanary';
/** Stored fields that no response may carry, whatever the role. */
const FORBIDDEN_KEYS = new Set(['passwordHash', 'tokenHash', 'sessionGeneration', 'reporterContact', 'screenshotPath', '__v']);

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
const tokens = new Map<Role, string>();
let params: Record<string, string>;

beforeAll(async () => {
  context = await createTestContext('response-exposure');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'A' });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: OTHER_ORG_CANARY });
  // A's queue: a client named in a post (masked in lists), and a member report with the reporter's contact.
  const { flagId } = await aFlaggedPost(context, {
    org: 'org-a', category: 'client_identification', author: 'membre_a', text: `J'ai vu ${CLIENT_NAME} en thérapie chez A.`,
    spans: [{ start: 7, end: 7 + CLIENT_NAME.length, text: CLIENT_NAME }],
  });
  await submitReport(apiDepsOf(context), {
    org: 'org-a', category: 'cyberbullying', memberName: 'membre_a', place: 'Forum des familles',
    description: 'Des insultes répétées envers une autre participante du groupe.', reporterContact: REPORTER_CONTACT,
  }, {});
  await upsertSource(context.store.models, { sourceId: 'forum-a', org: 'org-a', type: 'html', url: 'https://forum.example.org/a' });
  // B's data, which no caller of A may see.
  await aFlaggedPost(context, { org: 'org-b', author: OTHER_ORG_CANARY, text: `${OTHER_ORG_CANARY} was here` });
  await upsertSource(context.store.models, { sourceId: 'forum-b', org: 'org-b', type: 'html', url: `https://forum.example.org/${OTHER_ORG_CANARY}` });
  for (const role of ROLES) {
    const user = await aUser(context, [{ org: 'org-a', role }]);
    const token = newSecretToken('mon_');
    await insertApiToken(context.store.models, { tokenHash: tokenHash(token), userId: user.id, name: role });
    tokens.set(role, token);
  }
  params = { id: flagId, org: 'org-a', memberKey: 'membre_a' };
}, 120_000);

afterAll(async () => {
  await api.close();
  await context.dispose();
});

/** Every key path in `value` whose key is forbidden, and every string holding a forbidden text. */
function exposures(value: unknown, texts: readonly string[], path = '$'): string[] {
  if (typeof value === 'string') return texts.filter((text) => value.includes(text)).map((text) => `${path}: "${text}"`);
  if (Array.isArray(value)) return value.flatMap((item, index) => exposures(item, texts, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [
      ...(FORBIDDEN_KEYS.has(key) ? [`${path}.${key}: forbidden field`] : []),
      ...exposures(inner, texts, `${path}.${key}`),
    ]);
  }
  return [];
}

describe('what responses expose', () => {
  it("when every JSON GET route is called as every role allowed to, then no answer carries secrets, the reporter's contact, another organization's data, or (in lists) a masked client's name", async () => {
    const found: string[] = [];
    let scanned = 0;
    const getRoutes = ROUTES.filter((route) => route.method === 'get' && !route.page && route.path !== '/api/openapi.json');
    for (const route of getRoutes) {
      const path = route.path.replace(/:(\w+)/g, (_whole, name: string) => params[name] ?? name);
      for (const role of ROLES) {
        if (route.access.kind === 'role' && !route.access.roles.includes(role)) continue;
        const response = await fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } });
        if (response.status !== 200 || !response.headers.get('content-type')?.includes('application/json')) {
          await response.body?.cancel();
          continue;
        }
        scanned += 1;
        const body: unknown = await response.json();
        // The reporter's contact and other organizations never show; a masked client's name not in lists.
        const texts = [REPORTER_CONTACT, OTHER_ORG_CANARY, 'org-b', ...(route.path === '/api/flags' ? [CLIENT_NAME] : [])];
        found.push(...exposures(body, texts).map((where) => `GET ${route.path} as ${role}: ${where}`));
      }
    }

    expect(found).toEqual([]);
    // Lists, details, session, subjects, export, sources, rules, groups, audit: enough answers were read.
    expect(scanned).toBeGreaterThanOrEqual(20);
  });
});
