import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContext } from '../../app/context.js';
import { getPost, insertPost } from '../../db/post-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { ConflictError } from '../../lib/errors.js';
import { testConfig } from '../support/context.js';
import { isAlive } from '../support/processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'monitor-restart-'));
const loaded = testConfig({
  MONITOR_STORE_DIR: join(dataDir, 'store'),
  MONITOR_REDIS_DIR: join(dataDir, 'redis'),
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded servers across a restart of the monitor', () => {
  it('when the monitor restarts, then stored posts, unique keys and queued jobs are all still there', async () => {
    const first = await buildContext(loaded);
    expect(first.servers).toHaveLength(2);
    const post = await insertPost(first.store.models, {
      org: 'portage',
      sourceId: 'restart-source',
      externalId: 'p-1',
      text: 'Publication conservée après redémarrage',
    });
    const jobId = jobIdFor('classify', String(post._id));
    await first.queues.classify.add('classify', { postIds: [String(post._id)] }, { jobId });
    await first.close();
    for (const server of first.servers) expect(isAlive(server.pid)).toBe(false);

    const second = await buildContext(loaded);
    try {
      const stored = await getPost(second.store.models, 'restart-source', 'p-1');
      expect(stored?.text).toBe('Publication conservée après redémarrage');
      await expect(
        insertPost(second.store.models, { org: 'portage', sourceId: 'restart-source', externalId: 'p-1', text: 'x' }),
      ).rejects.toThrow(ConflictError);

      const job = await second.queues.classify.getJob(jobId);
      expect(job?.data).toEqual({ postIds: [String(post._id)] });
      expect(await job?.getState()).toBe('waiting');
    } finally {
      await second.close();
    }

    expect(readdirSync(join(dataDir, 'store')).some((file) => file.endsWith('.sqlite'))).toBe(true);
    expect(readdirSync(join(dataDir, 'redis')).some((file) => file.startsWith('appendonly'))).toBe(true);
  });
});
