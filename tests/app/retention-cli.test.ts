import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { aFlaggedPost } from '../support/builders.js';
import { runMonitorToExit } from '../support/monitor-process.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('retention-cli');
});

afterAll(async () => {
  await context.dispose();
});

const retention = (args: string[], env: Record<string, string> = {}) =>
  runMonitorToExit(['retention', ...args], { MONITOR_MONGODB_URI: inject('mongodbUri'), MONITOR_MONGODB_DB: context.config.mongo.dbName, ...env });

describe('monitor retention', () => {
  it('when run with --dry-run, then it prints what would go and deletes nothing', async () => {
    const { postId } = await aFlaggedPost(context, { org: 'org-c' });
    const old = new Date(Date.now() - 40 * 86_400_000);
    await context.store.connection.collection('posts').updateOne({ _id: (await context.store.models.Post.findById(postId))!._id }, { $set: { updatedAt: old } });
    await context.store.connection.collection('flags').updateMany({}, { $set: { status: 'resolved', updatedAt: old } });

    const result = await retention(['purge', '--dry-run'], { MONITOR_RETENTION_DAYS: '30' });

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('would delete (closed more than 30 days ago, no legal hold): 1 posts, 0 reports, 0 captures, 0 screenshots, 1 flags\n');
    expect(await context.store.models.Post.countDocuments({})).toBe(1);

    const french = await retention(['purge', '--dry-run'], { MONITOR_RETENTION_DAYS: '30', LANG: 'fr_CA.UTF-8' });
    expect(french.stdout).toBe(
      'seraient supprimés (fermés depuis plus de 30 jours, sans conservation légale) : 1 publications, 0 signalements du public, 0 captures, ' +
        "0 captures d'écran, 1 signalements de la file\n",
    );
    expect(await context.store.models.Post.countDocuments({})).toBe(1);
  });

  it('when an option is unknown or the retention is not a number of days, then one line names it, exit code is 1 and nothing is deleted', async () => {
    const { postId } = await aFlaggedPost(context, { org: 'org-d' });
    const old = new Date(Date.now() - 400 * 86_400_000);
    await context.store.connection.collection('posts').updateMany({}, { $set: { updatedAt: old } });
    await context.store.connection.collection('flags').updateMany({}, { $set: { status: 'resolved', updatedAt: old } });
    const stored = async () => [await context.store.models.Post.countDocuments({}), await context.store.models.Flag.countDocuments({})];
    const before = await stored();

    const [unknown, stray, badDays] = await Promise.all([
      retention(['purge', '--force']),
      retention(['purge', 'now'], { LC_ALL: 'fr_FR.UTF-8' }),
      retention(['purge'], { MONITOR_RETENTION_DAYS: 'forever' }),
    ]);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('monitor: unknown option --force; usage: monitor retention purge [--dry-run]\n');
    expect(stray.code).toBe(1);
    expect(stray.stderr).toBe('monitor: argument inattendu now ; utilisation : monitor retention purge [--dry-run]\n');
    expect(badDays.code).toBe(1);
    expect(badDays.stderr).toContain('MONITOR_RETENTION_DAYS');
    expect(await stored()).toEqual(before);
    expect(await context.store.models.Post.findById(postId)).not.toBeNull();
  });
});
