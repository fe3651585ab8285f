import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePassword, hashPassword } from '../api/auth/passwords.js';
import { upsertOrganization } from '../db/organization-repository.js';
import { createUser, findUserByEmail, setPasswordHash } from '../db/user-repository.js';
import { ensurePost } from '../db/post-repository.js';
import { enqueueClassification } from '../jobs/enqueue-classify.js';
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
  safeguardingContacts: [
    // Placeholders for the demo: an administrator records the real regional numbers.
    { name: 'Directeur de la protection de la jeunesse (DPJ) de la région', notes: 'Numéro régional à inscrire par un administrateur' },
    { name: 'Police (urgence)', phone: '911' },
  ],
};

export const DEMO_SOURCE_ID = 'demo-forum';
export const DEMO_ADMIN_EMAIL = 'demo-admin@portage.example';
const DEMO_POSTS = join(PROJECT_ROOT, 'fixtures/demo/posts.jsonl');

/**
 * Seeds the demo organization and a small forum of posts written for the demo, and queues them
 * for classification, so a first run shows flags in the queue. Idempotent: posts are stored once
 * and job ids are deterministic.
 */
export async function seedDemo(context: AppContext): Promise<{ email: string; password: string }> {
  const { models } = context.store;
  await upsertOrganization(models, DEMO_ORGANIZATION);
  const lines = readFileSync(DEMO_POSTS, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const stored = [];
  for (const line of lines) {
    const demo = JSON.parse(line) as { externalId: string; author: string; text: string };
    const post = await ensurePost(models, { org: DEMO_ORGANIZATION.slug, sourceId: DEMO_SOURCE_ID, ...demo });
    stored.push({ postId: String(post._id), contentHash: post.contentHash });
  }
  await enqueueClassification(context.queues.classify, stored);
  appLogger.info({ org: DEMO_ORGANIZATION.slug, posts: lines.length }, 'demo organization and posts ready');
  return seedDemoAdmin(context);
}

/**
 * The demo's administrator gets a fresh random password at every start (never a default one),
 * which the monitor prints; setting it ends the sessions of the previous run.
 */
async function seedDemoAdmin(context: AppContext): Promise<{ email: string; password: string }> {
  const { models } = context.store;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  if (await findUserByEmail(models, DEMO_ADMIN_EMAIL)) {
    await setPasswordHash(models, DEMO_ADMIN_EMAIL, passwordHash);
  } else {
    await createUser(models, {
      email: DEMO_ADMIN_EMAIL,
      displayName: 'Admin (démo)',
      passwordHash,
      memberships: [{ org: DEMO_ORGANIZATION.slug, role: 'admin' }],
    });
  }
  return { email: DEMO_ADMIN_EMAIL, password };
}
