import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { upsertOrganization } from '../db/organization-repository.js';
import { ensurePost } from '../db/post-repository.js';
import { jobIdFor } from '../jobs/queues.js';
import { appLogger } from '../lib/logger.js';
import { PROJECT_ROOT } from '../lib/paths.js';
import type { AppContext } from './context.js';

/** The organization a first-time user sees; seeding it twice changes nothing. */
export const DEMO_ORGANIZATION = {
  slug: 'portage',
  name: 'Portage (démo)',
  aliases: ['Portage', 'Programme Portage', 'Portage Québec', 'Portage Ontario'],
  officialWebsite: 'https://portage.ca',
  languages: ['fr', 'en'],
  demo: true,
};

export const DEMO_SOURCE_ID = 'demo-forum';
const DEMO_POSTS = join(PROJECT_ROOT, 'fixtures/demo/posts.jsonl');

/**
 * Seeds the demo organization and a small forum of posts written for the demo, and queues them
 * for classification, so a first run shows flags in the queue. Idempotent: posts are stored once
 * and job ids are deterministic.
 */
export async function seedDemo(context: AppContext): Promise<void> {
  const { models } = context.store;
  await upsertOrganization(models, DEMO_ORGANIZATION);
  const lines = readFileSync(DEMO_POSTS, 'utf8').split('\n').filter((line) => line.trim() !== '');
  for (const line of lines) {
    const demo = JSON.parse(line) as { externalId: string; author: string; text: string };
    const post = await ensurePost(models, { org: DEMO_ORGANIZATION.slug, sourceId: DEMO_SOURCE_ID, ...demo });
    const postId = String(post._id);
    await context.queues.classify.add('classify', { postId }, { jobId: jobIdFor('classify', postId) });
  }
  appLogger.info({ org: DEMO_ORGANIZATION.slug, posts: lines.length }, 'demo organization and posts ready');
}
