import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretToken, tokenHash } from '../../api/auth/tokens.js';
import { submitReport } from '../../api/review/report-service.js';
import { ROUTES } from '../../api/routes/index.js';
import mongoose from 'mongoose';
import { insertCapture } from '../../db/capture-repository.js';
import { decideFlag } from '../../db/flag-review-repository.js';
import { insertGroup } from '../../db/group-repository.js';
import { recordSanction } from '../../db/subject-repository.js';
import { ensureNotice } from '../../db/notice-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertApiToken } from '../../db/session-repository.js';
import { upsertSource } from '../../db/source-repository.js';
import type { Role } from '../../db/user-repository.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { inferSchema, type JsonSchema } from '../support/json-shape.js';

const SCHEMAS_FILE = new URL('./response-schemas.json', import.meta.url);
const RECORDING = process.env.MONITOR_RECORD_RESPONSE_SCHEMAS === '1';

// Test 5 of RELIABILITY.md: every JSON answer of every GET route, for every role that may call it,
// is searched for fields and values that must never leave the server, and checked against the
// response schema recorded for that route and role (response-schemas.json). A new GET route is
// searched too, and fails until its schemas are recorded: after reviewing what it returns, run
//   MONITOR_RECORD_RESPONSE_SCHEMAS=1 npx vitest run tests/api/response-exposure.test.ts

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
/** Where a route's `:id` is not a flag's. */
let paramsByRoute: Record<string, Record<string, string>>;
const CREATOR_EMAIL = 'createur-groupe@example.org';

beforeAll(async () => {
  context = await createTestContext('response-exposure');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'A' });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: OTHER_ORG_CANARY });
  // A's queue: a client named in a post (masked in lists), and a member report with the reporter's contact.
  const { flagId, postId } = await aFlaggedPost(context, {
    org: 'portage', category: 'client_identification', author: 'membre_a', text: `J'ai vu ${CLIENT_NAME} en thérapie chez A.`,
    spans: [{ start: 7, end: 7 + CLIENT_NAME.length, text: CLIENT_NAME }],
  });
  await submitReport(apiDepsOf(context), {
    org: 'portage', category: 'cyberbullying', memberName: 'membre_a', place: 'Forum des familles',
    description: 'Des insultes répétées envers une autre participante du groupe.', reporterContact: REPORTER_CONTACT,
  }, {});
  await upsertSource(context.store.models, { sourceId: 'forum-a', org: 'portage', type: 'html', url: 'https://forum.example.org/a' });
  // B's data, which no caller of A may see.
  await aFlaggedPost(context, { org: 'org-b', author: OTHER_ORG_CANARY, text: `${OTHER_ORG_CANARY} was here` });
  await upsertSource(context.store.models, { sourceId: 'forum-b', org: 'org-b', type: 'html', url: `https://forum.example.org/${OTHER_ORG_CANARY}` });
  // Something in most lists: a capture and a notice on the flag, a decided flag (rule precision), a
  // sanction, a registered group. Left empty: spans in details (masked), group findings, versions.
  const captureId = await insertCapture(context.store.models, { org: 'portage', sourceId: 'forum-a' }, {
    url: 'https://forum.example.org/a/1', fetchedAt: new Date('2026-11-01T10:00:00Z'), status: 200,
    headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<p>page</p>'), contentType: 'text/html',
  });
  await context.store.models.Post.updateOne({ _id: postId }, { $push: { versions: { contentHash: 'h', captureId: new mongoose.Types.ObjectId(captureId), seenAt: new Date() } } });
  await ensureNotice(context.store.models, { org: 'portage', flagId, kind: 'safeguarding_alert', channel: 'email', to: 'equipe@example.org', subject: 'Alerte', text: 'Un cas à voir' });
  const decided = await aFlaggedPost(context, { org: 'portage', ruleId: 'portage.insult', text: 'Un autre message signalé.' });
  const reviewer = await aUser(context, [{ org: 'portage', role: 'reviewer' }]);
  await decideFlag(context.store.models, { orgs: ['portage'], restrictedOrgs: [] }, {
    flagId: decided.flagId, userId: reviewer.id, kind: 'dismiss', rationale: 'Critique légitime du service.', expectedVersion: 0,
  });
  await recordSanction(context.store.models, { org: 'portage', memberKey: 'membre_a', kind: 'warning', by: reviewer.id, rationale: 'Premier avertissement.', flagId });
  const group = await insertGroup(context.store.models, {
    org: 'portage', platform: 'facebook', url: 'https://facebook.example.org/groups/anciens', name: 'Anciens de Portage NON OFFICIEL',
    description: 'Groupe non officiel des anciens.', links: ['https://portage.ca'], registered: true, creatorEmail: CREATOR_EMAIL,
  });
  for (const role of ROLES) {
    const user = await aUser(context, [{ org: 'portage', role }], role === 'group_creator' ? CREATOR_EMAIL : undefined);
    const token = newSecretToken('mon_');
    await insertApiToken(context.store.models, { tokenHash: tokenHash(token), userId: user.id, name: role });
    tokens.set(role, token);
  }
  params = { id: flagId, org: 'portage', memberKey: 'membre_a' };
  paramsByRoute = { '/api/groups/:id': { id: String(group._id) } };
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

/** Every JSON answer of every GET route, called as every role allowed to, keyed "GET <path> as <role>". */
async function readAllAnswers(): Promise<Map<string, { route: string; body: unknown }>> {
  const answers = new Map<string, { route: string; body: unknown }>();
  const getRoutes = ROUTES.filter((route) => route.method === 'get' && !route.page && route.path !== '/api/openapi.json');
  for (const route of getRoutes) {
    const path = route.path.replace(/:(\w+)/g, (_whole, name: string) => paramsByRoute[route.path]?.[name] ?? params[name] ?? name);
    for (const role of ROLES) {
      if (route.access.kind === 'role' && !route.access.roles.includes(role)) continue;
      const response = await fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } });
      if (response.status !== 200 || !response.headers.get('content-type')?.includes('application/json')) {
        await response.body?.cancel();
        continue;
      }
      answers.set(`GET ${route.path} as ${role}`, { route: route.path, body: await response.json() });
    }
  }
  return answers;
}

describe('what responses expose', () => {
  let answers: Map<string, { route: string; body: unknown }>;
  beforeAll(async () => {
    answers = await readAllAnswers();
  });

  it("when every JSON GET route is called as every role allowed to, then no answer carries secrets, the reporter's contact, another organization's data, or (in lists and flag details) a masked client's name", () => {
    const found: string[] = [];
    for (const [key, { route, body }] of answers) {
      // The reporter's contact and other organizations never show; a masked client's name not in lists or a flag's page.
      const texts = [REPORTER_CONTACT, OTHER_ORG_CANARY, 'org-b', ...(route === '/api/flags' || route === '/api/flags/:id' ? [CLIENT_NAME] : [])];
      found.push(...exposures(body, texts).map((where) => `${key}: ${where}`));
    }

    expect(found).toEqual([]);
    // Lists, details, session, subjects, export, sources, rules, groups, audit: enough answers were read.
    expect(answers.size).toBeGreaterThanOrEqual(20);
  });

  it('when every answer is checked against the schema recorded for its route and role, then none has a field, a type or a route the schemas do not know', () => {
    if (RECORDING) {
      const recorded = Object.fromEntries([...answers].sort(([a], [b]) => a.localeCompare(b)).map(([key, { body }]) => [key, inferSchema(body)]));
      writeFileSync(SCHEMAS_FILE, `${JSON.stringify(recorded, null, 1)}\n`);
    }
    const schemas = JSON.parse(readFileSync(SCHEMAS_FILE, 'utf8')) as Record<string, JsonSchema>;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const drift: string[] = [];
    for (const [key, { body }] of answers) {
      const schema = schemas[key];
      if (!schema) {
        drift.push(`${key}: no response schema recorded`);
        continue;
      }
      const validate = ajv.compile(schema);
      if (!validate(body)) drift.push(...(validate.errors ?? []).map((error) => `${key}: ${error.instancePath || '/'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` '${String(error.params.additionalProperty)}'` : ''}`));
    }
    drift.push(...Object.keys(schemas).filter((key) => !answers.has(key)).map((key) => `${key}: recorded but no longer answered`));

    expect(drift).toEqual([]);
  });

  it('when an answer gains a field, then its recorded schema refuses it (the check can fail)', () => {
    const schemas = JSON.parse(readFileSync(SCHEMAS_FILE, 'utf8')) as Record<string, JsonSchema>;
    const { body } = answers.get('GET /api/flags as reviewer')!;
    const leaky = structuredClone(body) as { items: Record<string, unknown>[] };
    leaky.items[0]!.passwordHash = 'x';
    const validate = new Ajv2020({ strict: false }).compile(schemas['GET /api/flags as reviewer']!);

    expect(validate(body)).toBe(true);
    expect(validate(leaky)).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({ additionalProperty: 'passwordHash' });
  });
});
