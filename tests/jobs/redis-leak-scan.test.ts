import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProcessors } from '../../app/processors.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { startWorkerPool } from '../../jobs/worker.js';
import { submitReport } from '../../api/review/report-service.js';
import { apiDepsOf } from '../support/api-client.js';
import { aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventually } from '../support/processes.js';
import { redisValuesUnder } from '../support/redis-values.js';

let context: TestContext;
const CANARY = 'CanaryZq7Personne';

beforeAll(async () => {
  context = await createTestContext('leak-scan');
  await upsertOrganization(context.store.models, { slug: 'gostudent', name: 'GoStudent' });
});
afterAll(async () => {
  await context.dispose();
});


describe('personal data stays out of Redis', () => {
  it('when posts, reports and safeguarding alerts carrying a canary name go through the jobs, then the canary appears nowhere in Redis', async () => {
    await aUser(context, [{ org: 'gostudent', role: 'safeguarding_officer' }], `${CANARY.toLowerCase()}@example.org`);
    const post = await insertPost(context.store.models, {
      org: 'gostudent', sourceId: 'chat', externalId: 'leak-1', author: CANARY, text: `${CANARY}, send me nudes, you're only 14 but mature`,
    });
    await submitReport(apiDepsOf(context), {
      org: 'gostudent', category: 'safeguarding', memberName: CANARY, place: `Séance avec ${CANARY}`,
      description: `${CANARY} demande à une élève de lui écrire ailleurs que sur la plateforme.`, reporterContact: `${CANARY}@example.org`,
    }, {});
    const resources = buildProcessors(context);
    const pool = await startWorkerPool({ redisUrl: context.redisUrl, prefix: context.config.jobs.queuePrefix, concurrency: 2, processors: resources.processors });
    try {
      const job = await context.queues.classify.add('classify', { postIds: [String(post._id)] }, { jobId: jobIdFor('classify', String(post._id)) });
      await eventually(() => job.getState(), (state) => state === 'completed', 30_000);
      await eventually(() => context.queues.notify.getJobCounts('completed', 'failed'), (counts) => counts.completed + counts.failed >= 2, 30_000);
    } finally {
      await pool.close(5_000);
      await resources.close();
    }

    const values = await redisValuesUnder(context.redis, context.config.jobs.queuePrefix);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((value) => value.toLowerCase().includes(CANARY.toLowerCase()))).toEqual([]);
  });
});
