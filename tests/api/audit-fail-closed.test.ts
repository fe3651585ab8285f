import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { withAdminDb } from '../support/admin-store.js';
import { apiDepsOf, signIn, startApi, type Session } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;
let reviewerId: string;

beforeAll(async () => {
  context = await createTestContext('audit-closed');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'org-f', name: 'F' });
  const user = await aUser(context, [{ org: 'org-f', role: 'reviewer' }]);
  reviewerId = user.id;
  reviewer = await signIn(api.base, user.email, user.password);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('audit fails closed', () => {
  it('when the audit log refuses writes, then views and decisions fail with 503 and change nothing', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-f', text: 'Texte sensible à ne pas montrer sans trace' });
    // A real fault on the real server: a unique index on the actor makes this reviewer's next
    // audit entry impossible to write (their login is already in the log).
    // Set and removed by an administrator: the app's role may not drop the audit log's indexes.
    const dbName = context.config.mongo.dbName;
    await withAdminDb(dbName, (db) => db.collection('audit_events').createIndex({ actor: 1 }, { unique: true, name: 'fault_one_entry_per_actor' }));
    try {
      const view = await reviewer.request('GET', `/api/flags/${flagId}`);
      const decision = await reviewer.request('POST', `/api/flags/${flagId}/decision`, { kind: 'dismiss', rationale: 'Rien à signaler ici', version: 0 });
      const viewBody = await view.text();

      expect(view.status).toBe(503);
      expect(viewBody).not.toContain('Texte sensible');
      expect(decision.status).toBe(503);
      const flag = await context.store.models.Flag.findById(flagId).lean();
      expect(flag).toMatchObject({ status: 'open', version: 0 });
      expect(flag!.decision?.kind).toBeUndefined();
    } finally {
      await withAdminDb(dbName, (db) => db.collection('audit_events').dropIndex('fault_one_entry_per_actor'));
    }
    expect((await reviewer.request('GET', `/api/flags/${flagId}`)).status).toBe(200);
    expect(await context.store.models.AuditEvent.countDocuments({ actor: `user:${reviewerId}`, action: 'flag.view' })).toBe(1);
  });
});
