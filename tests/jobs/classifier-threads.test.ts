import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../classifier/classify.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import { getPostByIdOrThrow, insertPost } from '../../db/post-repository.js';
import { activateRuleSetVersion, saveRuleSetVersion } from '../../db/rule-set-repository.js';
import { createActiveRuleSets } from '../../jobs/active-rule-sets.js';
import { createClassifierThreads } from '../../jobs/post-classifier/classifier-threads.js';
import { createClassifyPostsProcessor } from '../../jobs/processors/classify-posts.js';
import { jobIdFor } from '../../jobs/queues.js';
import { startWorkerPool } from '../../jobs/worker.js';
import { ClassifyBudgetExceededError, RuleSetError } from '../../lib/errors.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { ADVERSARIAL_TEXT, packWithSlowRule } from '../support/slow-rule.js';
import { eventLoopP99During } from '../support/event-loop.js';
import { eventually } from '../support/processes.js';
import { noteReliability } from '../support/reliability.js';

const BUDGET = { ruleBudgetMs: 200, analysisBudgetMs: 2_000 };

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('classifier-threads');
});
afterAll(async () => {
  await context.dispose();
});

/** Test 24 of RELIABILITY.md: stores the pack with the slow rule as portage's active version, straight into the store. */
async function plantSlowRuleSet(): Promise<void> {
  const version = createHash('sha256').update(`planted ${Date.now()} ${Math.random()}`).digest('hex').slice(0, 16);
  await saveRuleSetVersion(context.store.models, {
    org: 'portage',
    version,
    files: packWithSlowRule(),
    author: 'test',
    rationale: 'a slow rule planted past the upload checks',
  });
  await activateRuleSetVersion(context.store.models, 'portage', version);
}

describe('classification in worker threads, each step held to a budget', () => {
  it('when posts are classified in threads, then the verdicts equal those of classify() on this thread', async () => {
    const threads = createClassifierThreads({ ruleSets: createActiveRuleSets(context.store.models), threads: 2, ...BUDGET });
    const posts = [
      { org: 'portage', text: "T'es vraiment un c0nn@rd, je vais te casser la gueule à la sortie." },
      { org: 'portage', text: 'Les repas étaient fades mais le personnel est gentil.' },
      { org: 'gostudent', text: 'Send me your snapchat, our secret, don’t tell your parents' },
      { org: 'immerse', text: 'お前はバカだ。死ね。' },
    ];
    try {
      const verdicts = await Promise.all(posts.map((post) => threads.classify(post.org, { text: post.text })));

      posts.forEach((post, index) => {
        const ruleSet = loadRuleSetForOrg(post.org);
        expect(verdicts[index]).toEqual({ verdict: classify({ text: post.text }, ruleSet), ruleSetVersion: ruleSet.version });
      });
      expect(verdicts.flatMap(({ verdict }) => verdict.findings).length).toBeGreaterThan(2);
    } finally {
      await threads.close();
    }
  });

  it('when an organization has no rule pack, then the thread\'s RuleSetError arrives here with its problem in English and French', async () => {
    const threads = createClassifierThreads({ ruleSets: createActiveRuleSets(context.store.models), threads: 1, ...BUDGET });
    try {
      const failure = await threads.classify('no-such-org', { text: 'bonjour' }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(RuleSetError);
      expect((failure as RuleSetError).bilingualIssues).toEqual([
        {
          en: 'no rule pack for organization "no-such-org" (expected rules/packs/no-such-org.yaml)',
          fr: "aucun paquet de règles pour l'organisation « no-such-org » (attendu : rules/packs/no-such-org.yaml)",
        },
      ]);
    } finally {
      await threads.close();
    }
  });

  it('when a rule runs past its budget, then its thread is stopped, the rule is named, this thread kept running and the next post is classified', async (test) => {
    await plantSlowRuleSet();
    const threads = createClassifierThreads({ ruleSets: createActiveRuleSets(context.store.models), threads: 1, ...BUDGET });
    try {
      // Starts the thread and builds the planted set, which its own (longer) budget covers.
      await threads.classify('portage', { text: 'Bonjour' });
      const started = Date.now();
      const { result: failure, p99Ms, maxMs } = await eventLoopP99During(() => threads.classify('portage', { text: ADVERSARIAL_TEXT }).catch((error: unknown) => error));
      const tookMs = Date.now() - started;

      expect(failure).toBeInstanceOf(ClassifyBudgetExceededError);
      expect((failure as Error).message).toBe('rule slow-rule exceeded 200 ms');
      // The rule alone runs for seconds; the budget stopped it long before.
      expect(tookMs).toBeLessThan(3_000);
      // Classification ran off this event loop: it stayed free meanwhile.
      expect(p99Ms).toBeLessThan(100);
      expect(maxMs).toBeLessThan(1_000);
      noteReliability(test.task, { kind: 'measure', name: 'worker event-loop p99 while a rule overruns its budget', value: p99Ms, unit: 'ms', limit: 100 });

      const next = await threads.classify('portage', { text: 'Je vais te casser la gueule.' });
      expect(next.verdict.findings.map((finding) => finding.category)).toContain('threat');
      noteReliability(test.task, { kind: 'bad-inputs', family: 'ReDoS', tried: 1 });
    } finally {
      await threads.close();
      await context.store.models.RuleSetVersion.deleteMany({ org: 'portage' });
    }
  });

  it('when huge or odd texts are classified (10 MB, a 1M-character token, 100k combining marks, NUL and lone surrogates), then each is cut to the maximum and this event loop stays free', async (test) => {
    // Test 26 of RELIABILITY.md, measured where it matters: the process that hosts the threads.
    const threads = createClassifierThreads({ ruleSets: createActiveRuleSets(context.store.models), threads: 1, ...BUDGET });
    const texts = [
      `T'es un connard. ${'Message ordinaire du forum. '.repeat(400_000)}`,
      'x'.repeat(1_000_000),
      `connard ${'e\u0301'.repeat(100_000)}`,
      `Bonjour\u0000 \ud800 connard \udfff fin`,
    ];
    try {
      await threads.classify('portage', { text: 'Bonjour' });
      const { result: verdicts, p99Ms, maxMs } = await eventLoopP99During(async () => {
        const results = [];
        for (const text of texts) results.push((await threads.classify('portage', { text })).verdict);
        return results;
      });

      expect(verdicts.map((verdict) => verdict.truncated)).toEqual([true, true, true, false]);
      expect(verdicts[0]!.findings.map((finding) => finding.category)).toContain('cyberbullying');
      expect(verdicts[3]!.findings.map((finding) => finding.category)).toContain('cyberbullying');
      expect(p99Ms).toBeLessThan(100);
      expect(maxMs).toBeLessThan(1_000);
      noteReliability(test.task, { kind: 'bad-inputs', family: 'huge or odd text', tried: texts.length });
      noteReliability(test.task, { kind: 'measure', name: 'worker event-loop p99 while huge texts are classified', value: p99Ms, unit: 'ms', limit: 100 });
    } finally {
      await threads.close();
    }
  });

  it('when a classify job runs out of time, then it fails once without retries, the post says why, and other jobs go on', async () => {
    await plantSlowRuleSet();
    const ruleSets = createActiveRuleSets(context.store.models);
    const classifier = createClassifierThreads({ ruleSets, threads: 1, ...BUDGET });
    const pool = await startWorkerPool({
      redisUrl: context.redisUrl,
      prefix: context.config.jobs.queuePrefix,
      concurrency: 2,
      processors: { classify: createClassifyPostsProcessor({ models: context.store.models, classifier }) },
    });
    try {
      const slow = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'slow', text: ADVERSARIAL_TEXT });
      const fine = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'fine', text: 'Je vais te casser la gueule.' });
      const slowJob = await context.queues.classify.add('classify', { postIds: [String(slow._id)] }, { jobId: jobIdFor('classify', String(slow._id)) });
      const fineJob = await context.queues.classify.add('classify', { postIds: [String(fine._id)] }, { jobId: jobIdFor('classify', String(fine._id)) });

      await eventually(() => slowJob.getState(), (state) => state === 'failed');
      await eventually(() => fineJob.getState(), (state) => state === 'completed');

      const failed = await context.queues.classify.getJob(slowJob.id!);
      expect(failed?.failedReason).toBe('ClassifyBudgetExceededError: rule slow-rule exceeded 200 ms');
      expect(failed?.attemptsMade).toBe(1);
      const stored = await getPostByIdOrThrow(context.store.models, String(slow._id));
      expect(stored.status).toBe('unclassifiable');
      expect(stored.classificationError).toBe('rule slow-rule exceeded 200 ms');
      expect((await getPostByIdOrThrow(context.store.models, String(fine._id))).status).toBe('classified');
    } finally {
      await pool.close(5_000);
      await classifier.close();
      await context.store.models.RuleSetVersion.deleteMany({ org: 'portage' });
    }
  });
});
