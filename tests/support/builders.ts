import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { hashPassword } from '../../api/auth/passwords.js';
import { upsertFlagsForItem, type StoredFinding } from '../../db/flag-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { createUser, type Membership } from '../../db/user-repository.js';
import type { TestContext } from './context.js';

// One hash for every test user: argon2id is slow on purpose.
let sharedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct-horse-battery-staple';

export async function aUser(context: TestContext, memberships: Membership[], email?: string): Promise<{ email: string; password: string; id: string }> {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const address = email ?? `user-${randomBytes(4).toString('hex')}@example.org`;
  const user = await createUser(context.store.models, { email: address, passwordHash: await sharedHash, memberships });
  return { email: address, password: TEST_PASSWORD, id: String(user._id) };
}

/** Organizations "org-a" and "org-b", for the tests of what one organization's staff may see of the other's. */
export async function createTwoOrganizations(context: TestContext): Promise<void> {
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'Organisation A' });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: 'Organisation B' });
}

export interface FlaggedPostOptions {
  org: string;
  category?: string;
  severity?: StoredFinding['severity'];
  text?: string;
  author?: string;
  ruleId?: string;
  lang?: string;
  sourceId?: string;
  spans?: { start: number; end: number; text: string }[];
  explanation?: { fr: string; en: string };
}

/** A stored post and the flag a classifier finding made of it; returns both ids. */
export async function aFlaggedPost(context: TestContext, options: FlaggedPostOptions): Promise<{ postId: string; flagId: string }> {
  const text = options.text ?? 'Texte de test qui contrevient à la politique.';
  const post = await insertPost(context.store.models, {
    org: options.org,
    sourceId: options.sourceId ?? 'test-source',
    externalId: randomBytes(6).toString('hex'),
    text,
    author: options.author ?? 'membre_test',
  });
  const postId = String(post._id);
  const finding = {
    category: options.category ?? 'cyberbullying',
    severity: options.severity ?? 'medium',
    score: 0.9,
    ruleId: options.ruleId ?? 'test.rule',
    ruleVersion: 'v-test',
    spans: options.spans ?? [],
    explanation: options.explanation ?? { fr: 'Explication de test', en: 'Test explanation' },
  };
  await upsertFlagsForItem(
    context.store.models,
    { org: options.org, itemType: 'post', itemId: postId, lang: options.lang ?? 'fr', sourceId: options.sourceId ?? 'test-source' },
    [finding as StoredFinding],
  );
  const flag = await context.store.models.Flag.findOne({ itemId: new mongoose.Types.ObjectId(postId) }).lean();
  return { postId, flagId: String(flag!._id) };
}
