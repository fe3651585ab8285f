import { createHash } from 'node:crypto';
import { checkGroup } from '../../classifier/groups/check-group.js';
import { loadLogoReferences } from '../../classifier/groups/logos.js';
import { perceptualHash } from '../../classifier/images/perceptual-hash.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';
import { parseGroupPage, type GroupPageMetadata } from '../../crawler/parsers/group-page.js';
import type { FetchedPage, PageFetcher } from '../../crawler/types.js';
import { recordAudit } from '../../db/audit-repository.js';
import { insertCapture } from '../../db/capture-repository.js';
import { upsertFlagsForItem, type StoredFinding } from '../../db/flag-repository.js';
import { closeFixedGroupFlags, getGroupOrThrow, recordGroupCheck, type StoredGroupFinding } from '../../db/group-repository.js';
import type { Models } from '../../db/models/index.js';
import { ensureNotice } from '../../db/notice-repository.js';
import { getOrganization } from '../../db/organization-repository.js';
import type { ActiveRuleSets } from '../active-rule-sets.js';
import { FIX_DAYS, groupNoticeText } from '../notices/group-notice.js';
import { jobIdFor, type Queues } from '../queues.js';

export interface InspectGroupDeps {
  models: Models;
  queues: Queues;
  fetcher: PageFetcher;
  /** Renders a JavaScript page in the browser; used when the static HTML holds no group metadata. */
  renderPage?(url: string): Promise<FetchedPage & { text: string }>;
  /** Image bytes through the SSRF guard and size cap. */
  fetchImage(url: string): Promise<Uint8Array>;
  ruleSets: ActiveRuleSets;
  evidenceDir: string;
  publicUrl: string;
  now(): Date;
}

export interface GroupInspection {
  findings: StoredGroupFinding[];
  pageError?: string;
  closedFlagIds: string[];
}

const logoCache = new WeakMap<CompiledRuleSet, ReturnType<typeof loadLogoReferences>>();

/**
 * Reads the group's public page (kept as a capture), runs the registry checks on what it shows
 * (or on the registration's fields when the page cannot be read), turns findings into flags,
 * closes the flags of what was fixed (audited), and notifies a registered creator of what is left
 * to fix. Running it twice with the same page changes nothing more.
 */
export async function inspectGroup(deps: InspectGroupDeps, groupId: string, options: { creatorLink?: string } = {}): Promise<GroupInspection> {
  const group = await getGroupOrThrow(deps.models, groupId);
  const now = deps.now();
  let page: GroupPageMetadata | undefined;
  let captureId: string | undefined;
  let pageError: string | undefined;
  try {
    // fetchPage checks the guard and robots.txt first, and takes the host's turn.
    let fetched = await deps.fetcher.fetchPage(group.url);
    page = fetched ? parseGroupPage(fetched.text, fetched.url) : undefined;
    // Public group pages are often built by scripts: an empty static page gets a real render.
    if (page && !page.name && !page.description && deps.renderPage) {
      fetched = await deps.renderPage(group.url);
      page = parseGroupPage(fetched.text, fetched.url);
    }
    if (fetched) captureId = await insertCapture(deps.models, { org: group.org, sourceId: `group:${groupId}` }, fetched, { evidenceDir: deps.evidenceDir });
  } catch (error) {
    pageError = (error as Error).message.slice(0, 500);
  }
  const images: { source: string; hash: string }[] = [];
  for (const url of page?.imageUrls ?? []) {
    try {
      images.push({ source: url, hash: await perceptualHash(await deps.fetchImage(url)) });
    } catch {
      // An image that cannot be fetched or decoded cannot be compared; the others still are.
    }
  }
  const ruleSet = await deps.ruleSets.get(group.org);
  const organization = await getOrganization(deps.models, group.org);
  if (!logoCache.has(ruleSet)) logoCache.set(ruleSet, loadLogoReferences(ruleSet));
  const findings: StoredGroupFinding[] = checkGroup(
    {
      name: page?.name || group.name,
      description: page?.description || group.description,
      url: group.url,
      platform: group.platform,
      registered: group.registered,
      links: [...(page?.links ?? []), ...(page ? [] : (group.links ?? []))],
      images,
    },
    ruleSet,
    {
      logos: await logoCache.get(ruleSet)!,
      logoConsent: group.logoConsent?.grantedAt !== undefined,
      extraOfficialAccounts: organization?.officialAccounts ?? [],
    },
  );

  await upsertFlagsForItem(
    deps.models,
    { org: group.org, itemType: 'group', itemId: groupId, sourceId: 'registry' },
    findings.map((f): StoredFinding & Record<string, unknown> => ({ ...f, score: 1, ruleVersion: ruleSet.version })),
  );
  const closedFlagIds = await closeFixedGroupFlags(deps.models, groupId, findings.map((f) => f.category), now);
  for (const flagId of closedFlagIds) {
    await recordAudit(deps.models, { actor: 'system', action: 'flag.closed_fixed', org: group.org, target: `flag:${flagId}`, data: { groupId } });
  }
  const fixDeadline = findings.length > 0 ? (group.fixDeadline ?? new Date(now.getTime() + FIX_DAYS * 86_400_000)) : undefined;
  await recordGroupCheck(deps.models, groupId, {
    at: now,
    findings,
    ...(captureId ? { captureId } : {}),
    ...(pageError ? { pageError } : {}),
    ...(page ? { page: { name: page.name || group.name, description: page.description, links: page.links, imageUrls: page.imageUrls } } : {}),
    ...(fixDeadline ? { fixDeadline } : {}),
  });
  if (group.registered && group.creatorEmail && findings.length > 0 && fixDeadline) {
    const { subject, text } = groupNoticeText({
      orgName: organization?.name ?? group.org,
      groupName: page?.name || group.name,
      findings,
      deadline: fixDeadline,
      link: options.creatorLink ?? `${deps.publicUrl}/groups/${groupId}`,
    });
    // One notice per distinct set of problems: the same findings found again are not re-sent.
    const dedupeKey = createHash('sha256').update(findings.map((f) => `${f.category}:${f.ruleId}`).sort().join('|')).digest('hex').slice(0, 32);
    const noticeId = await ensureNotice(deps.models, { org: group.org, flagId: groupId, kind: 'group_notice', channel: 'email', to: group.creatorEmail, subject, text, dedupeKey });
    await deps.queues.notify.add('notify', { noticeId }, { jobId: jobIdFor('notify', noticeId) });
  }
  return { findings, ...(pageError ? { pageError } : {}), closedFlagIds };
}
