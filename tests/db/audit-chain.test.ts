import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../../db/audit-repository.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { runMonitorToExit } from '../support/monitor-process.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('audit-chain');
});

afterAll(async () => {
  await context.dispose();
});

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

  it('when an entry is edited in the database, then the verifier names that entry, in code and from the CLI', async () => {
    const original = (await context.store.models.AuditEvent.findOne({ seq: 17 }).lean())!.actor;
    await context.store.models.AuditEvent.updateOne({ seq: 17 }, { $set: { actor: 'user:someone-else' } });

    expect(await verifyAuditChain(context.store.models)).toEqual({ ok: false, checked: 16, brokenAt: 17, reason: 'entry 17 was modified' });
    const result = await runMonitorToExit(['audit', 'verify'], cliEnv());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('audit chain BROKEN at entry 17: entry 17 was modified');
    // Putting the value back makes the chain whole again: the hash covers content, not storage.
    await context.store.models.AuditEvent.updateOne({ seq: 17 }, { $set: { actor: original } });
    expect((await verifyAuditChain(context.store.models)).ok).toBe(true);
  });

  it('when an entry is deleted, then the verifier names the missing one', async () => {
    await context.store.models.AuditEvent.deleteOne({ seq: 30 });

    expect(await verifyAuditChain(context.store.models)).toMatchObject({ ok: false, brokenAt: 30, reason: 'entry 30 is missing' });
  });
});
