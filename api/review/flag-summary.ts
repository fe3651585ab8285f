import type { FlagRow, FlagView } from '../../db/flag-review-repository.js';
import { getGroupOrThrow } from '../../db/group-repository.js';
import type { Models } from '../../db/models/index.js';
import { getPostsByIds, postedAt, type PostRow } from '../../db/post-repository.js';
import { getReportById, type ReportRow } from '../../db/report-repository.js';
import type { Principal } from '../auth/principal.js';
import { isMasked, MASK, maskSpans, spansOf } from './masking.js';

// What the queue, a flag's page and the answers to a reviewer's actions show of a flag and of the
// item behind it (a post, a member's report or a group), masked when the category hides identities.

const EXCERPT_CHARS = 280;

export interface FlagSummary {
  id: string;
  org: string;
  itemType: FlagRow['itemType'];
  itemId: string;
  category: string;
  severity: FlagRow['severity'];
  status: FlagView;
  score: number;
  lang?: string;
  sourceId?: string;
  ruleIds: string[];
  excerpt: string;
  author?: string;
  masked: boolean;
  claim?: { mine: boolean; until: string };
  version: number;
  createdAt: string;
}

/** What a flag is about, reduced to what the queue shows: a post, or a member's report. */
export interface FlaggedItem {
  text: string;
  /** Groups: the date the creator was asked to fix things by. */
  fixDeadline?: Date;
  author?: string;
  url?: string;
  removedAt?: Date;
  versions?: PostRow['versions'];
  /** Posts: when they were published, or stored when the source gives no date. */
  at?: Date;
}

function itemOfPost(post: PostRow): FlaggedItem {
  return {
    text: post.text,
    ...(post.author ? { author: post.author } : {}),
    ...(post.url ? { url: post.url } : {}),
    ...(post.removedAt ? { removedAt: post.removedAt } : {}),
    ...(post.versions ? { versions: post.versions } : {}),
    at: postedAt(post),
  };
}

function itemOfReport(report: ReportRow): FlaggedItem {
  const member = report.memberId ?? report.memberName;
  return { text: report.description, ...(member ? { author: member } : {}) };
}

/** Loads the posts and reports behind flags, one `_id` lookup each. */
export async function loadItems(models: Models, flags: readonly FlagRow[]): Promise<Map<string, FlaggedItem>> {
  const posts = await getPostsByIds(models, [...new Set(flags.filter((f) => f.itemType === 'post').map((f) => String(f.itemId)))]);
  const items = new Map<string, FlaggedItem>([...posts].map(([id, post]) => [id, itemOfPost(post)]));
  const reportIds = new Set(flags.filter((f) => f.itemType === 'report').map((f) => String(f.itemId)));
  const reports = await Promise.all([...reportIds].map((id) => getReportById(models, id)));
  for (const report of reports) if (report) items.set(String(report._id), itemOfReport(report));
  for (const groupId of new Set(flags.filter((f) => f.itemType === 'group').map((f) => String(f.itemId)))) {
    const group = await getGroupOrThrow(models, groupId).catch(() => undefined);
    if (group) items.set(String(group._id), { text: `${group.name}\n\n${group.description}`, url: group.url, ...(group.fixDeadline ? { fixDeadline: group.fixDeadline } : {}) });
  }
  return items;
}

export function summarize(flag: FlagRow, post: FlaggedItem | undefined, principal: Principal, reveal: boolean): FlagSummary {
  const masked = isMasked(flag.category) && !reveal;
  const text = post ? (masked ? maskSpans(post.text, spansOf(flag)) : post.text) : '';
  const claimUntil = flag.claim?.until && flag.claim.until > new Date() ? flag.claim.until : undefined;
  return {
    id: String(flag._id),
    org: flag.org,
    itemType: flag.itemType,
    itemId: String(flag.itemId),
    category: flag.category,
    severity: flag.severity,
    status: flag.status === 'claimed' && !claimUntil ? 'open' : flag.status,
    score: flag.score,
    ...(flag.lang ? { lang: flag.lang } : {}),
    ...(flag.sourceId ? { sourceId: flag.sourceId } : {}),
    ruleIds: [...new Set(flag.findings.map((finding) => String(finding.ruleId)))],
    excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
    ...(post?.author ? { author: masked ? MASK.repeat(6) : post.author } : {}),
    masked,
    ...(claimUntil ? { claim: { mine: String(flag.claim?.by) === principal.userId, until: claimUntil.toISOString() } } : {}),
    version: flag.version,
    createdAt: flag.createdAt.toISOString(),
  };
}

