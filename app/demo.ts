import { upsertOrganization } from '../db/organization-repository.js';
import { appLogger } from '../lib/logger.js';
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

export async function seedDemo(context: AppContext): Promise<void> {
  await upsertOrganization(context.store.models, DEMO_ORGANIZATION);
  appLogger.info({ org: DEMO_ORGANIZATION.slug }, 'demo organization ready');
}
