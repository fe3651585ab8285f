import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupInspector } from '../../app/group-inspector.js';
import { buildProcessors } from '../../app/processors.js';
import { syncDiscoverySchedules } from '../../app/scheduler.js';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { insertGroup } from '../../db/group-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { createActiveRuleSets } from '../../jobs/active-rule-sets.js';
import { discoverGroups } from '../../jobs/groups/discover-groups.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startFixtureServer } from '../support/fixture-server.js';

let context: TestContext;
let site: Awaited<ReturnType<typeof startFixtureServer>>;
let inspector: ReturnType<typeof createGroupInspector>;
const searches: string[] = [];

beforeAll(async () => {
  const listing = readFileSync(join(PROJECT_ROOT, 'fixtures/api/reddit-subreddits.json'));
  site = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/subreddits/search.json': (req, res) => {
      searches.push(new URL(req.url!, 'http://x').searchParams.get('q') ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(listing);
    },
  });
  context = await createTestContext('discovery', {
    MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: site.host,
    MONITOR_CRAWLER_MIN_DELAY_MS: '0',
    MONITOR_DISCOVERY_REDDIT_URL: site.base,
  });
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage', aliases: ['Portage', 'Programme Portage'] });
  inspector = createGroupInspector(context);
});

afterAll(async () => {
  await inspector.close();
  await site.close();
  await context.dispose();
});

function deps() {
  return {
    models: context.store.models,
    fetcher: createPageFetcher({ guard: { allowedTestHosts: [site.host] }, userAgent: 'ComplianceMonitor/test' }),
    ruleSets: createActiveRuleSets(context.store.models),
    inspect: (id: string) => inspector.inspect(id),
  };
}

describe('group discovery', () => {
  it('when a community search turns up a community about the organization, then it is recorded and flagged as unregistered; homonyms are left alone', async () => {
    const result = await discoverGroups(deps(), 'portage', { redditBase: site.base });

    expect(searches).toEqual(['Portage', 'Programme Portage']);
    expect(result.candidates).toBe(3);
    expect(result.recorded.map((group) => group.url)).toEqual([`${site.base}/r/PortageAnciens/`]);
    const flags = await context.store.models.Flag.find({ itemType: 'group' }).lean();
    expect(flags.map((flag) => flag.category)).toContain('unregistered_group');
    expect(await context.store.models.Group.countDocuments()).toBe(1);
  });

  it('when discovery runs again, then nothing is duplicated', async () => {
    await discoverGroups(deps(), 'portage', { redditBase: site.base });

    expect(await context.store.models.Group.countDocuments()).toBe(1);
    expect(await context.store.models.Flag.countDocuments({ category: 'unregistered_group' })).toBe(1);
  });

  it('when its creator then registers it, then the registration takes over the discovered group and the unregistered flag closes as fixed', async () => {
    const url = `${site.base}/r/PortageAnciens/`;
    const group = await insertGroup(context.store.models, {
      org: 'portage', platform: 'reddit', url, name: 'Anciens de Portage – NON OFFICIEL', description: 'portage.ca', registered: true, creatorEmail: 'mod@example.org',
    });

    await inspector.inspect(String(group._id));

    expect(await context.store.models.Group.countDocuments()).toBe(1);
    const flag = await context.store.models.Flag.findOne({ category: 'unregistered_group' }).lean();
    expect(flag).toMatchObject({ status: 'resolved', decision: { kind: 'fixed' } });
  });

  it('when discovery is configured, then each organization gets a daily discovery job, which the worker runs', async () => {
    const scheduled = await syncDiscoverySchedules(context);
    const resources = buildProcessors(context);
    try {
      const result = (await resources.processors.discover!({ org: 'portage' }, { id: 'd1', attemptsMade: 0 })) as { recorded: number };

      expect(scheduled).toBe(1);
      expect((await context.queues.discover.getJobSchedulers()).map((s) => s.key)).toEqual(['discover--portage']);
      expect(result.recorded).toBe(1);
    } finally {
      await resources.close();
    }
  });
});
