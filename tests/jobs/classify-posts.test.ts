import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleSetRegistry } from '../../classifier/rule-set/registry.js';
import { copyKeyOf } from '../../classifier/text/copy-key.js';
import { listFlagsForItem } from '../../db/flag-repository.js';
import { findPostsByCopyKey } from '../../db/post-copy-repository.js';
import { getPostByIdOrThrow, insertPost } from '../../db/post-repository.js';
import { inProcessClassifier } from '../../jobs/post-classifier/post-classifier.js';
import { createClassifyPostsProcessor } from '../../jobs/processors/classify-posts.js';
import { enqueueClassification, enqueueReclassification } from '../../jobs/enqueue-classify.js';
import { jobIdFor } from '../../jobs/queues.js';
import { startWorkerPool } from '../../jobs/worker.js';
import { InvalidInputError, NotFoundError, RuleSetError } from '../../lib/errors.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventually } from '../support/processes.js';

let context: TestContext;
const ruleSets = createRuleSetRegistry();

beforeAll(async () => {
  context = await createTestContext('classify-posts');
});
afterAll(async () => {
  await context.dispose();
});

const storePost = (externalId: string, text: string, org = 'portage') =>
  insertPost(context.store.models, { org, sourceId: 'forum', externalId, text });

describe('classify job', () => {
  it('when a queued post breaks the policy, then the worker turns its findings into one flag per category', async () => {
    const post = await storePost('p1', "T'es vraiment un c0nn@rd, je vais te casser la gueule à la sortie.");
    const postId = String(post._id);
    const pool = await startWorkerPool({
      redisUrl: context.redisUrl,
      prefix: context.config.jobs.queuePrefix,
      concurrency: 2,
      processors: { classify: createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) }) },
    });
    const job = await context.queues.classify.add('classify', { postIds: [postId] }, { jobId: jobIdFor('classify', postId) });

    await eventually(() => job.getState(), (state) => state === 'completed');
    await pool.close(5_000);

    const flags = await listFlagsForItem(context.store.models, 'post', postId);
    expect(flags.map((flag) => flag.category)).toEqual(['cyberbullying', 'threat']);
    expect(flags.every((flag) => flag.status === 'open' && flag.org === 'portage')).toBe(true);
    expect(flags.find((flag) => flag.category === 'threat')?.severity).toBe('high');
    const stored = await getPostByIdOrThrow(context.store.models, postId);
    expect(stored.status).toBe('classified');
    expect((stored as unknown as { classifiedWith: string }).classifiedWith).toBe(ruleSets.get('portage').version);
    expect(JSON.stringify(job.data)).not.toContain('c0nn@rd');
  });

  it('when the same post is processed twice, then there are no duplicate flags', async () => {
    const post = await storePost('p2', 'Les immigrés sont de la vermine.');
    const process = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) });

    await process({ postIds: [String(post._id)] }, { id: 'a', attemptsMade: 0 });
    await process({ postIds: [String(post._id)] }, { id: 'b', attemptsMade: 1 });

    const flags = await listFlagsForItem(context.store.models, 'post', String(post._id));
    expect(flags).toHaveLength(1);
    expect(flags[0]!.category).toBe('discrimination');
  });

  it('when a post is harmless, then no flag is created and it is still marked classified', async () => {
    const post = await storePost('p3', 'Belle soirée au gymnase, merci aux bénévoles.');
    const process = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) });

    await expect(process({ postIds: [String(post._id)] }, { id: 'c', attemptsMade: 0 })).resolves.toEqual({ posts: 1, findings: 0, flags: 0 });
    expect(await listFlagsForItem(context.store.models, 'post', String(post._id))).toEqual([]);
    expect((await getPostByIdOrThrow(context.store.models, String(post._id))).status).toBe('classified');
  });

  it("when the source shows the post's author as anonymous, then it is flagged as anonymous content; a named author is not", async () => {
    const process = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) });
    const text = 'Quelqu’un sait si les visites sont permises dimanche?';
    const anonymous = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'p-anon', text, author: 'Membre anonyme' });
    const named = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'p-named', text, author: 'Julie Roy' });

    await process({ postIds: [String(anonymous._id), String(named._id)] }, { id: 'anon', attemptsMade: 0 });

    const flags = await listFlagsForItem(context.store.models, 'post', String(anonymous._id));
    expect(flags.map((flag) => [flag.category, flag.findings?.[0]?.ruleId])).toEqual([['spam', 'anonymous-content']]);
    expect(await listFlagsForItem(context.store.models, 'post', String(named._id))).toEqual([]);
  });

  it('when the post id is malformed or the organization has no pack, then the error is permanent and named', async () => {
    const process = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) });
    const orphan = await storePost('p4', 'texte', 'no-such-org');

    await expect(process({ postIds: ['not-an-id'] }, { id: 'd', attemptsMade: 0 })).rejects.toThrow(InvalidInputError);
    await expect(process({ postIds: [String(orphan._id)] }, { id: 'e', attemptsMade: 0 })).rejects.toThrow(RuleSetError);
  });

  it('when a batch mixes posts that break the policy, harmless ones, a post that is gone and one without a rule pack, then the good ones are classified once and the job fails with the permanent error', async () => {
    const process = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) });
    const insult = await storePost('b1', 'Espèce de c0nn@rd, personne ne veut de toi ici.');
    const harmless = await storePost('b2', 'Merci pour le souper communautaire de jeudi.');
    const orphan = await storePost('b3', 'texte', 'no-such-org');
    const gone = '6a0000000000000000000000';
    const batch = { postIds: [String(insult._id), gone, String(harmless._id), String(orphan._id)] };

    await expect(process(batch, { id: 'f', attemptsMade: 0 })).rejects.toThrow(`post ${gone} not found`);
    await expect(process(batch, { id: 'g', attemptsMade: 1 })).rejects.toThrow(NotFoundError);

    expect((await listFlagsForItem(context.store.models, 'post', String(insult._id))).map((flag) => flag.category)).toEqual(['cyberbullying']);
    expect((await getPostByIdOrThrow(context.store.models, String(insult._id))).status).toBe('classified');
    expect((await getPostByIdOrThrow(context.store.models, String(harmless._id))).status).toBe('classified');
    expect((await getPostByIdOrThrow(context.store.models, String(orphan._id))).status).toBe('pending');
  });

  it('when a crawl queues 120 posts, then they go in jobs of 50, 50 and 20, and queueing the same versions again adds none', async () => {
    const posts = Array.from({ length: 120 }, (_, i) => ({ postId: (0x6b000000 + i).toString(16).padEnd(24, '0'), contentHash: 'a'.repeat(64) }));

    await enqueueClassification(context.queues.classify, posts);
    await enqueueClassification(context.queues.classify, posts);
    await enqueueClassification(context.queues.classify, posts.slice(0, 1));

    const jobs = await context.queues.classify.getJobs(['waiting', 'prioritized', 'delayed']);
    const batches = jobs.map((job) => job.data.postIds.length).sort((a, b) => b - a);
    expect(batches).toEqual([50, 50, 20, 1]);
    expect(jobs.flatMap((job) => job.data.postIds).sort()).toEqual([...posts.map((post) => post.postId), posts[0]!.postId].sort());
    await context.queues.classify.drain();
  });

  it('when posts are queued again because of another job, then they go in jobs of 50, and the same cause queues them once', async () => {
    const postIds = Array.from({ length: 60 }, (_, i) => (0x6c000000 + i).toString(16).padEnd(24, '0'));

    await enqueueReclassification(context.queues.classify, postIds, 'job-1');
    await enqueueReclassification(context.queues.classify, postIds, 'job-1');
    await enqueueReclassification(context.queues.classify, postIds.slice(0, 1), 'job-2');

    const jobs = await context.queues.classify.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((job) => job.data.postIds.length).sort((a, b) => b - a)).toEqual([50, 10, 1]);
    expect(jobs.every((job) => job.id?.startsWith('classify--again--'))).toBe(true);
    await context.queues.classify.drain();
  });
});

describe('classify job: earlier posts in the same words', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
  const store = (externalId: string, text: string, author: string | undefined, publishedAt: Date, sourceId = 'forum') =>
    insertPost(context.store.models, { org: 'portage', sourceId, externalId, text, publishedAt, ...(author ? { author } : {}) });
  const ruleIdsOf = async (post: { _id: { toString(): string } }) =>
    (await listFlagsForItem(context.store.models, 'post', String(post._id))).flatMap((flag) => flag.findings?.map((finding: { ruleId: string }) => finding.ruleId) ?? []);
  // What the job would queue again, run here in order as a worker would.
  const queuedAgain: string[][] = [];
  const process = (postIds: string[], id: string) =>
    createClassifyPostsProcessor({
      models: context.store.models,
      classifier: inProcessClassifier(ruleSets),
      reclassify: async (ids) => void queuedAgain.push([...ids]),
    })({ postIds }, { id, attemptsMade: 0 });
  const run = (posts: { _id: { toString(): string } }[], id: string) => process(posts.map((post) => String(post._id)), id);
  const runQueuedAgain = async () => {
    for (let job = queuedAgain.shift(); job; job = queuedAgain.shift()) await process(job, 'again');
  };

  it('when an author posts the same message a third time in a week, in two groups, then only the third is repetitive content', async () => {
    const text = 'Abonnez-vous à ma page de recettes santé, une nouvelle recette chaque matin pour bien commencer la journée.';
    const first = await store('rep-1', text, 'Marc Gagnon', day(1), 'group-a');
    const second = await store('rep-2', `${text.toUpperCase()} 🍎`, 'Marc Gagnon', day(2), 'group-b');
    await run([first, second], 'rep-a');
    const third = await store('rep-3', text, 'marc gagnon', day(3), 'group-a');
    await run([third], 'rep-b');

    expect(await ruleIdsOf(first)).toEqual([]);
    expect(await ruleIdsOf(second)).toEqual([]);
    expect(await ruleIdsOf(third)).toEqual(['repeated-posts']);
    const listed = await findPostsByCopyKey(context.store.models, 'portage', [copyKeyOf(text)!]);
    expect(listed.get(copyKeyOf(text)!)).toEqual([first, second, third].map((post) => String(post._id)));
  });

  it('when the earlier copies are more than a week old, or another author posted them, then it is not flooding', async () => {
    const text = 'Rencontre du comité des résidents jeudi soir à la salle commune, apportez vos idées pour la fête.';
    const old = [await store('week-1', text, 'Line Caron', day(1)), await store('week-2', text, 'Line Caron', day(2))];
    await run(old, 'week-a');
    const later = await store('week-3', text, 'Line Caron', day(20));
    const other = await store('week-4', text, 'Paul Roy', day(3));
    await run([later, other], 'week-b');

    expect(await ruleIdsOf(later)).toEqual([]);
    expect(await ruleIdsOf(other)).toEqual([]);
  });

  it("when someone reposts another member's long text as their own, then the copy is possible plagiarism and the original is not", async () => {
    const essay =
      'Trois ans après ma sortie, je retiens surtout que la honte ne guérit rien, que parler à quelqu’un chaque semaine change tout et que les rechutes n’effacent pas le chemin parcouru.';
    const copy = await store('plag-2', essay, 'Marc Gagnon', day(5));
    const original = await store('plag-1', essay, 'Julie Roy', day(4));
    // Both in one job, the copy first: dates decide which is the original.
    await run([copy, original], 'plag');

    expect(await ruleIdsOf(original)).toEqual([]);
    expect(await ruleIdsOf(copy)).toEqual(['plagiarism']);
  });

  it('when two jobs classify copies at the same moment, new text or known text, then the later copy still finds the earlier', async () => {
    const essays = [
      'Ce qui m’a aidé le plus pendant la thérapie, ce sont les soirées de jeux avec les autres résidents, où personne ne parlait de consommation pendant deux heures.',
      'Ce qui m’a aidé le plus pendant la thérapie, ce sont les marches du matin autour du lac, seul avec mes pensées, avant que la maison se réveille.',
    ];
    // The second text is already listed, by a later post: its copies go into a known list.
    const known = await store('race-0', essays[1]!, 'Luc Side', day(25));
    await run([known], 'race-known');
    for (const [index, essay] of essays.entries()) {
      const original = await store(`race-${index}-a`, essay, 'Julie Roy', day(14));
      const copy = await store(`race-${index}-b`, essay, 'Marc Gagnon', day(15));
      // Both jobs read the lists before either writes to them.
      await Promise.all([run([original], `race-${index}-a`), run([copy], `race-${index}-b`)]);
      await runQueuedAgain();

      expect(await ruleIdsOf(original), `essay ${index}`).toEqual([]);
      expect(await ruleIdsOf(copy), `essay ${index}`).toEqual(['plagiarism']);
    }
  });

  it('when a copy is crawled before its original, then the copy is classified again once the original is listed, and nothing more', async () => {
    const essay =
      'Le plus dur, ce n’est pas la première semaine, c’est le premier dimanche seul chez soi après la sortie, quand personne n’appelle et que la routine de la maison manque.';
    queuedAgain.length = 0;
    const copy = await store('late-2', essay, 'Marc Gagnon', day(9));
    await run([copy], 'late-a');
    expect(await ruleIdsOf(copy)).toEqual([]);
    expect(queuedAgain).toEqual([]);

    const original = await store('late-1', essay, 'Julie Roy', day(8));
    await run([original], 'late-b');
    expect(queuedAgain).toEqual([[String(copy._id)]]);
    await runQueuedAgain();

    expect(await ruleIdsOf(copy)).toEqual(['plagiarism']);
    expect(await ruleIdsOf(original)).toEqual([]);
    // Classified again, the copy was already listed: it queues no one, and neither does a retry.
    await run([original], 'late-b-retry');
    expect(queuedAgain).toEqual([]);
  });

  it('when the earlier post was edited since, then it no longer counts as the original', async () => {
    const essay =
      'Mon conseil aux nouveaux résidents : écrivez chaque soir trois choses qui ont bien été, même les plus petites, et relisez-les le dimanche avec votre intervenant ou un ami.';
    const earlier = await store('edit-1', essay, 'Julie Roy', day(10));
    await run([earlier], 'edit-a');
    await context.store.models.Post.updateOne({ _id: earlier._id }, { $set: { text: 'Message retiré par son autrice, merci de votre compréhension à tous.' } });
    const later = await store('edit-2', essay, 'Marc Gagnon', day(11));
    await run([later], 'edit-b');

    expect(await ruleIdsOf(later)).toEqual([]);
  });

  it("when a member shares the organization's own post, or the source shows no author, then it is not plagiarism", async () => {
    const announcement =
      'Portage lance cet automne un nouveau programme de soutien pour les familles, avec des rencontres chaque mardi soir et une ligne d’écoute ouverte tous les jours de la semaine.';
    const official = await store('share-1', announcement, 'Portage', day(6), 'facebook');
    await run([official], 'share-a');
    const shared = await store('share-2', announcement, 'Julie Roy', day(7));
    const unsigned = await store('share-3', announcement, undefined, day(8));
    await run([shared, unsigned], 'share-b');

    expect(await ruleIdsOf(shared)).toEqual([]);
    expect(await ruleIdsOf(unsigned)).toEqual([]);
  });
});
