import { mentionsOrganization } from '../../classifier/groups/mentions.js';
import { parseRedditSubredditSearch, type GroupCandidate } from '../../crawler/parsers/group-search.js';
import type { PageFetcher } from '../../crawler/types.js';
import { upsertDiscoveredGroup } from '../../db/group-repository.js';
import type { Models } from '../../db/models/index.js';
import { getOrganization } from '../../db/organization-repository.js';
import { NotFoundError } from '../../lib/errors.js';
import type { ActiveRuleSets } from '../active-rule-sets.js';
import type { GroupInspection } from './inspect-group.js';

const MAX_TERMS = 10;

export interface DiscoverGroupsDeps {
  models: Models;
  fetcher: PageFetcher;
  ruleSets: ActiveRuleSets;
  inspect(groupId: string): Promise<GroupInspection>;
}

export interface DiscoveryResult {
  searches: number;
  candidates: number;
  /** Groups about the organization, recorded (once) and checked; unregistered ones get a flag. */
  recorded: { id: string; url: string; registered: boolean }[];
  failures: string[];
}

/**
 * Searches Reddit's public community search for the organization's name and aliases, keeps the
 * communities that name it (homonyms like "portage de bébé" excluded), records them and runs the
 * registry checks, so an unregistered one becomes an `unregistered_group` flag.
 */
export async function discoverGroups(deps: DiscoverGroupsDeps, org: string, options: { redditBase: string }): Promise<DiscoveryResult> {
  const organization = await getOrganization(deps.models, org);
  if (!organization) throw new NotFoundError(`no organization ${org}`);
  const ruleSet = await deps.ruleSets.get(org);
  const terms = [...new Set([organization.name, ...(organization.aliases ?? [])].map((term) => term.trim()).filter(Boolean))].slice(0, MAX_TERMS);
  const candidates = new Map<string, GroupCandidate>();
  const failures: string[] = [];
  for (const term of terms) {
    const url = `${options.redditBase}/subreddits/search.json?q=${encodeURIComponent(term)}&limit=25`;
    try {
      const page = await deps.fetcher.fetchPage(url);
      if (!page) continue;
      for (const candidate of parseRedditSubredditSearch(JSON.parse(page.text), options.redditBase)) candidates.set(candidate.url, candidate);
    } catch (error) {
      failures.push(`${url}: ${(error as Error).message}`);
    }
  }
  const recorded: DiscoveryResult['recorded'] = [];
  for (const candidate of candidates.values()) {
    if (!mentionsOrganization(candidate.name, ruleSet) && !mentionsOrganization(candidate.description, ruleSet)) continue;
    const group = await upsertDiscoveredGroup(deps.models, { org, ...candidate });
    await deps.inspect(group.id);
    recorded.push({ id: group.id, url: candidate.url, registered: group.registered });
  }
  return { searches: terms.length, candidates: candidates.size, recorded, failures };
}
