import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFlags } from '../../db/flag-repository.js';
import { insertPosts } from '../../db/post-repository.js';
import { apiDepsOf, aSignedInUser, startApi, type Session } from '../support/api-client.js';
import { createTwoOrganizations } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

// Test 1 of RELIABILITY.md (BOLA) at its full size: 1,000 flags split between two organizations.
const FLAGS_PER_ORG = 500;

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let reviewerA: Session;
let adminA: Session;
let idsOfB: string[];

interface Page {
  items: { id: string; org: string }[];
  total: number;
}

async function seed(org: string): Promise<void> {
  const postIds = await insertPosts(
    context.store.models,
    Array.from({ length: FLAGS_PER_ORG }, (_, i) => ({ org, sourceId: 'forum', externalId: `${org}-${i}`, author: `membre${i % 50}`, text: `Publication ${i} de ${org}` })),
  );
  await insertFlags(
    context.store.models,
    postIds.map((postId) => ({
      org, itemType: 'post' as const, itemId: postId, sourceId: 'forum', lang: 'fr', category: 'cyberbullying', severity: 'medium' as const,
      findings: [{ category: 'cyberbullying', severity: 'medium' as const, score: 0.8, ruleId: 'test.rule', ruleVersion: 'v1' }],
    })),
  );
}

/** Runs `task` over `items`, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) results.push(...(await Promise.all(items.slice(start, start + width).map(task))));
  return results;
}

beforeAll(async () => {
  context = await createTestContext('cross-org');
  api = await startApi(apiDepsOf(context));
  await createTwoOrganizations(context);
  await seed('org-a');
  await seed('org-b');
  idsOfB = (await context.store.models.Flag.find({ org: 'org-b' }, { _id: 1 }).lean()).map((flag) => String(flag._id));
  reviewerA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);
  adminA = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
}, 180_000);
afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('cross-organization access with 1,000 flags', () => {
  it("when a reviewer of A asks for each of B's 500 flags by id, then every answer is 404 and every attempt is audited", async () => {
    const deniedBefore = await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' });

    const statuses = await inBatches(idsOfB, 10, async (id) => {
      const response = await reviewerA.request('GET', `/api/flags/${id}`);
      await response.body?.cancel();
      return response.status;
    });

    expect(idsOfB).toHaveLength(FLAGS_PER_ORG);
    expect(statuses.filter((status) => status !== 404)).toEqual([]);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied' })).toBe(deniedBefore + FLAGS_PER_ORG);
  }, 180_000);

  it("when A's reviewer pages through every view and filter, and A's reviewer and administrator ask for B's member records, then none of B's records appear", async () => {
    const seen: Page['items'] = [];
    for (const view of ['open', 'claimed', 'escalated', 'resolved']) {
      for (let page = 1; ; page += 1) {
        const { status, body } = await reviewerA.json<Page>('GET', `/api/flags?view=${view}&pageSize=100&page=${page}`);
        expect(status).toBe(200);
        seen.push(...body.items);
        if (body.items.length < 100) break;
      }
    }
    const filteredToB = await reviewerA.json<Page>('GET', '/api/flags?org=org-b&pageSize=100');
    const memberOfB = await reviewerA.request('GET', '/api/subjects/org-b/membre1');
    // Exports are for administrators: A's administrator asks for B's member.
    const exportOfB = await adminA.request('GET', '/api/subjects/org-b/membre1/export');

    expect(seen).toHaveLength(FLAGS_PER_ORG);
    expect(seen.filter((item) => item.org !== 'org-a')).toEqual([]);
    expect(new Set(seen.map((item) => item.id)).size).toBe(FLAGS_PER_ORG);
    expect(filteredToB.body.items).toEqual([]);
    expect(filteredToB.body.total).toBe(0);
    expect(memberOfB.status).toBe(404);
    expect(exportOfB.status).toBe(404);
  });
});
