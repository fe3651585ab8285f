import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../../db/audit-repository.js';
import { AUDIT_EVENTS_COLLECTION } from '../../db/models/audit-events.js';
import { withAdminDb } from '../support/admin-store.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { runMonitorToExit } from '../support/monitor-process.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('audit-chain');
});

afterAll(async () => {
  await context.dispose();
});

function auditCollection() {
  return context.store.connection.db!.collection(AUDIT_EVENTS_COLLECTION);
}

function cliEnv(): Record<string, string> {
  return { MONITOR_MONGODB_URI: inject('mongodbUri'), MONITOR_MONGODB_DB: context.config.mongo.dbName, MONITOR_REDIS_URL: inject('redisUrl') };
}

describe('audit hash chain', () => {
  it('when many writers append at once, then seq numbers are contiguous and the chain verifies', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => recordAudit(context.store.models, { actor: `user:${index % 4}`, action: 'flag.view', org: 'org-a', target: `flag:${index}` })),
    );

    const seqs = (await context.store.models.AuditEvent.find({}, { seq: 1 }).sort({ seq: 1 }).lean()).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(await verifyAuditChain(context.store.models)).toEqual({ ok: true, checked: 40 });
  });

  it('when `monitor audit verify` runs on an intact log, then it says so and exits 0', async () => {
    const result = await runMonitorToExit(['audit', 'verify'], cliEnv());

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('audit chain intact: 40 entries verified\n');
  });

  it('when the terminal is French, then `monitor audit verify` and its usage error speak French', async () => {
    const [intact, usage] = await Promise.all([
      runMonitorToExit(['audit', 'verify'], { ...cliEnv(), LANG: 'fr_CA.UTF-8' }),
      runMonitorToExit(['audit', 'verify', 'tout'], { ...cliEnv(), LANG: 'fr_CA.UTF-8' }),
    ]);

    expect(intact.stdout).toBe("chaîne d'audit intacte : 40 entrées vérifiées\n");
    expect(usage.code).toBe(1);
    expect(usage.stderr).toBe('monitor: utilisation : monitor audit verify | monitor audit role\n');
  });

  // RELIABILITY 39: the app's role may only insert into and read the audit log.
  it.each([
    ['updateOne', () => auditCollection().updateOne({ seq: 17 }, { $set: { actor: 'user:someone-else' } })],
    ['updateMany', () => auditCollection().updateMany({}, { $set: { actor: 'user:someone-else' } })],
    ['replaceOne', () => auditCollection().replaceOne({ seq: 17 }, { seq: 17, actor: 'x' })],
    ['an upsert', () => auditCollection().updateOne({ seq: 999 }, { $set: { actor: 'x' } }, { upsert: true })],
    ['deleteOne', () => auditCollection().deleteOne({ seq: 30 })],
    ['deleteMany', () => auditCollection().deleteMany({})],
    ['findOneAndUpdate', () => auditCollection().findOneAndUpdate({ seq: 17 }, { $set: { actor: 'x' } })],
    ['findOneAndDelete', () => auditCollection().findOneAndDelete({ seq: 17 })],
    ['bulkWrite', () => auditCollection().bulkWrite([{ deleteOne: { filter: { seq: 1 } } }])],
    ['drop', () => auditCollection().drop()],
    // The driver's dropIndexes() swallows errors, so the command goes as the driver would send it.
    ['dropIndexes', () => context.store.connection.db!.command({ dropIndexes: AUDIT_EVENTS_COLLECTION, index: '*' })],
    ['rename', () => auditCollection().rename('audit_events_old')],
    ['an aggregation writing with $out', () => context.store.connection.db!.collection('sessions').aggregate([{ $match: {} }, { $out: AUDIT_EVENTS_COLLECTION }]).toArray()],
    ['an aggregation writing with $merge', () => context.store.connection.db!.collection('sessions').aggregate([{ $merge: { into: AUDIT_EVENTS_COLLECTION } }]).toArray()],
    ['mongoose updateOne', () => context.store.models.AuditEvent.updateOne({ seq: 17 }, { $set: { actor: 'x' } })],
    ['mongoose deleteMany', () => context.store.models.AuditEvent.deleteMany({})],
    ['dropDatabase', () => context.store.connection.dropDatabase()],
  ])('when the app tries %s on the audit log, then the store answers Unauthorized (13) and the log is intact', async (_operation, attempt) => {
    await expect(attempt()).rejects.toMatchObject({ code: 13 });

    expect(await verifyAuditChain(context.store.models)).toEqual({ ok: true, checked: 40 });
  });

  it('when `monitor audit role` runs, then it prints the MongoDB role that grants the audit log insert and find only, and the other collections read-write', async () => {
    const result = await runMonitorToExit(['audit', 'role'], cliEnv());

    expect(result.code).toBe(0);
    const command = JSON.parse(result.stdout) as { createRole: string; privileges: { resource: { db: string; collection: string }; actions: string[] }[] };
    expect(command.createRole).toBe('monitorApp');
    const actionsOn = (collection: string) => command.privileges.find((privilege) => privilege.resource.collection === collection)?.actions;
    expect(actionsOn(AUDIT_EVENTS_COLLECTION)).toEqual(expect.arrayContaining(['find', 'insert']));
    expect(actionsOn(AUDIT_EVENTS_COLLECTION)).not.toContain('update');
    expect(actionsOn(AUDIT_EVENTS_COLLECTION)).not.toContain('remove');
    expect(actionsOn('flags')).toEqual(expect.arrayContaining(['find', 'insert', 'update', 'remove']));
    expect(command.privileges.every((privilege) => privilege.resource.db === context.config.mongo.dbName)).toBe(true);
    // The role lists collections one by one, so a model added later must be in the list too.
    const collections = command.privileges.map((privilege) => privilege.resource.collection).filter((name) => name !== '');
    expect(collections.sort()).toEqual(Object.values(context.store.models).map((model) => model.collection.collectionName).sort());
  });

  it('when an administrator edits an entry, then the verifier names that entry, in code and from the CLI', async () => {
    const original = (await context.store.models.AuditEvent.findOne({ seq: 17 }).lean())!.actor;
    await withAdminDb(context.config.mongo.dbName, (db) => db.collection(AUDIT_EVENTS_COLLECTION).updateOne({ seq: 17 }, { $set: { actor: 'user:someone-else' } }));

    expect(await verifyAuditChain(context.store.models)).toEqual({ ok: false, checked: 16, brokenAt: 17, reason: 'entry 17 was modified' });
    const result = await runMonitorToExit(['audit', 'verify'], cliEnv());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('audit chain BROKEN at entry 17: entry 17 was modified');
    // Putting the value back makes the chain whole again: the hash covers content, not storage.
    await withAdminDb(context.config.mongo.dbName, (db) => db.collection(AUDIT_EVENTS_COLLECTION).updateOne({ seq: 17 }, { $set: { actor: original } }));
    expect((await verifyAuditChain(context.store.models)).ok).toBe(true);
  });

  it('when an administrator deletes an entry, then the verifier names the missing one', async () => {
    await withAdminDb(context.config.mongo.dbName, (db) => db.collection(AUDIT_EVENTS_COLLECTION).deleteOne({ seq: 30 }));

    expect(await verifyAuditChain(context.store.models)).toMatchObject({ ok: false, brokenAt: 30, reason: 'entry 30 is missing' });
  });
});
