import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCrawlSchedules } from '../../app/scheduler.js';
import { parseScheduleMs } from '../../crawler/schedule.js';
import { upsertSource } from '../../db/source-repository.js';
import { InvalidInputError } from '../../lib/errors.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('crawl-schedules');
});
afterAll(async () => {
  await context.dispose();
});

describe('crawl schedules', () => {
  it('when sources exist, then one scheduler each repeats its crawl, and syncing twice changes nothing', async () => {
    await upsertSource(context.store.models, { sourceId: 'feed-a', org: 'portage', type: 'rss', url: 'https://a.example/feed' });
    await upsertSource(context.store.models, { sourceId: 'feed-b', org: 'portage', type: 'rss', url: 'https://b.example/feed' });
    await context.store.models.Source.updateOne({ sourceId: 'feed-b' }, { $set: { schedule: 'every 2 hours' } });

    expect(await syncCrawlSchedules(context)).toBe(2);
    expect(await syncCrawlSchedules(context)).toBe(2);

    const schedulers = await context.queues.crawl.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
      ['crawl-schedule--feed-a', 1_800_000],
      ['crawl-schedule--feed-b', 7_200_000],
    ]);
  });

  it('when a source is disabled, then its scheduler is removed', async () => {
    await context.store.models.Source.updateOne({ sourceId: 'feed-a' }, { $set: { enabled: false } });

    await syncCrawlSchedules(context);

    expect((await context.queues.crawl.getJobSchedulers()).map((s) => s.key)).toEqual(['crawl-schedule--feed-b']);
  });

  it.each([
    ['every 30 minutes', 1_800_000],
    ['every 1 day', 86_400_000],
  ])('when the schedule is %j, then it is %d ms', (text, ms) => {
    expect(parseScheduleMs(text)).toBe(ms);
  });

  it.each(['every 1 minute', 'hourly', 'every -5 hours'])('when the schedule is %j, then it is refused', (text) => {
    expect(() => parseScheduleMs(text)).toThrow(InvalidInputError);
  });
});
