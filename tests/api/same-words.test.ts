import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleSetRegistry } from '../../classifier/rule-set/registry.js';
import { listFlagsForItem } from '../../db/flag-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { inProcessClassifier } from '../../jobs/post-classifier/post-classifier.js';
import { createClassifyPostsProcessor } from '../../jobs/processors/classify-posts.js';
import { apiDepsOf, aSignedInUser, type Session, startApi } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewer: Session;

beforeAll(async () => {
  context = await createTestContext('same-words');
  api = await startApi(apiDepsOf(context));
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
  reviewer = await aSignedInUser(context, api.base, [{ org: 'portage', role: 'reviewer' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

interface Detail {
  category: string;
  masked: boolean;
  sameWords?: { postId: string; author?: string; url?: string; at: string }[];
}

const ruleSets = createRuleSetRegistry();
const classify = (job: { postIds: string[] }, meta: { id: string; attemptsMade: number }) =>
  createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) })(job, meta);
const store = (externalId: string, text: string, author: string, day: number) =>
  insertPost(context.store.models, {
    org: 'portage', sourceId: 'forum', externalId, text, author, url: `https://forum.example.org/t/${externalId}`, publishedAt: new Date(Date.UTC(2026, 10, day, 12)),
  });
const flagOf = async (postId: string, category: string) =>
  (await listFlagsForItem(context.store.models, 'post', postId)).find((flag) => flag.category === category)!;

describe('flag detail: earlier posts in the same words', () => {
  it("when a flag is on a copy of another member's post, then its detail lists the earlier post, and the console shows it escaped", async () => {
    const essay =
      'Ce que je retiens de mes années en thérapie, c’est que personne ne guérit seul, que les rencontres du mardi m’ont sauvé plus d’une fois et que demander de l’aide est un courage.';
    const original = await store('o1', essay, 'Julie <Roy>', 1);
    const copy = await store('c1', essay, 'Marc Gagnon', 2);
    await classify({ postIds: [String(original._id), String(copy._id)] }, { id: 'same-words', attemptsMade: 0 });
    const flag = await flagOf(String(copy._id), 'spam');

    const detail = await reviewer.json<Detail>('GET', `/api/flags/${String(flag._id)}`);
    const page = await reviewer.page(`/flags/${String(flag._id)}?lang=fr`);

    expect(detail.status).toBe(200);
    expect(detail.body.sameWords).toEqual([
      { postId: String(original._id), author: 'Julie <Roy>', url: 'https://forum.example.org/t/o1', at: '2026-11-01T12:00:00.000Z' },
    ]);
    expect(page.text).toContain('Publications antérieures dans les mêmes mots');
    expect(page.text).toContain('Julie &lt;Roy&gt;');
    expect(page.text).not.toContain('Julie <Roy>');
    expect(await listFlagsForItem(context.store.models, 'post', String(original._id))).toEqual([]);
  });

  it('when the flag is masked (a client named), then no earlier post is listed until the identity is revealed', async () => {
    const text =
      'J’ai vu Marie Tremblay en thérapie chez Portage hier soir, elle avait l’air fatiguée mais contente de revoir les intervenants et les autres résidents de la maison.';
    const first = await store('m1', text, 'Paul Roy', 3);
    const second = await store('m2', text, 'Line Caron', 4);
    await classify({ postIds: [String(first._id), String(second._id)] }, { id: 'masked', attemptsMade: 0 });
    const identification = await flagOf(String(second._id), 'client_identification');
    const plagiarism = await flagOf(String(second._id), 'spam');

    const masked = await reviewer.json<Detail>('GET', `/api/flags/${String(identification._id)}`);
    const open = await reviewer.json<Detail>('GET', `/api/flags/${String(plagiarism._id)}`);

    expect(masked.body.masked).toBe(true);
    expect(masked.body.sameWords).toBeUndefined();
    expect(open.body.sameWords?.map((earlier) => earlier.author)).toEqual(['Paul Roy']);
  });
});
