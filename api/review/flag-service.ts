import { recordAudit } from '../../db/audit-repository.js';
import { getCaptureSummary, readCaptureScreenshot } from '../../db/capture-repository.js';
import {
  claimFlag,
  decideFlag,
  flagExists,
  getFlagInScope,
  releaseFlag,
  setLegalHold,
  type DecisionKind,
  type FlagFilters,
  type FlagRow,
  type FlagView,
} from '../../db/flag-review-repository.js';
import { getGroupOrThrow } from '../../db/group-repository.js';
import { listNoticesForFlag } from '../../db/notice-repository.js';
import { getOrganization, type SafeguardingContact } from '../../db/organization-repository.js';
import { getPostsByIds, postedAt, type PostRow } from '../../db/post-repository.js';
import { getReportById, type ReportRow } from '../../db/report-repository.js';
import { findSubject, recordSanction, suggestNextSanction, type SanctionKind } from '../../db/subject-repository.js';
import { InvalidInputError, NotFoundError } from '../../lib/errors.js';
import { findEarlierInSameWords } from '../../jobs/post-classifier/earlier-copies.js';
import { SAFEGUARDING_ROLES, auditActor, flagScopeFor, recordDenied, requireOrgRole } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { withRecordLock } from './record-lock.js';
import { noticeFor } from './notices.js';
import { QueueReadModel, type QueueSlice } from './queue-read-model.js';
import type { Store } from '../../db/connection.js';
import type { Models } from '../../db/models/index.js';
import { onePer } from '../../lib/one-per.js';
import { isMasked, MASK, maskExplanation, maskSpans, spansOf, type Span } from './masking.js';

export type { Span } from './masking.js';

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

export interface FlagDetail extends FlagSummary {
  text: string;
  url?: string;
  removed: boolean;
  spans: Span[];
  findings: {
    ruleId: string;
    ruleVersion: string;
    severity: string;
    score: number;
    explanation: unknown;
    spans: Span[];
  }[];
  captures: {
    id: string;
    seenAt: string;
    url?: string;
    fetchedAt?: string;
    bodySha256?: string;
    screenshot: boolean;
    /** A screenshot exists but the flag is masked: shown once the identity is revealed. */
    screenshotMasked?: true;
    /** The screenshot was deleted (possible child-safety case); its hash stays as the record. */
    screenshotWithheld?: { sha256: string };
  }[];
  decision?: Omit<NonNullable<FlagRow['decision']>, 'by'> & { by: string };
  /** Kept past the retention period while set. */
  legalHold?: { reason: string; by: string; at: string };
  report?: ReportDetail;
  /** Safeguarding cases: who to contact (youth protection, police), as the organization recorded them. */
  authorities?: SafeguardingContact[];
  /** Alerts sent about this flag (safeguarding): who, how, and whether they went out. */
  notices: { channel: string; to: string; status: string; sentAt?: string }[];
  fixDeadline?: string;
  /**
   * Earlier posts of the organization in the same words, earliest first (at most five): the
   * evidence behind a repeat or a copy. Not on a masked flag.
   */
  sameWords?: { postId: string; author?: string; url?: string; at: string }[];
  /** `recorded`: the member has a sanctions record (a page of their own); false before any decision about them. */
  subject?: { memberKey: string; level: string; suggestedNext: string; recorded: boolean };
}

/** A member report as reviewers see it; the reporter's contact is never shown in the queue. */
export interface ReportDetail {
  reference: string;
  place: string;
  occurredAt?: string;
  witnesses?: string;
  impact?: string;
  links: string[];
  linkedPostIds: string[];
  anonymous: boolean;
}

function describeReport(report: ReportRow, masked: boolean): ReportDetail {
  return {
    reference: report.reference,
    place: report.place,
    ...(report.occurredAt ? { occurredAt: new Date(report.occurredAt).toISOString() } : {}),
    ...(report.witnesses && !masked ? { witnesses: report.witnesses } : {}),
    ...(report.impact ? { impact: report.impact } : {}),
    links: report.links ?? [],
    linkedPostIds: report.linkedPostIds.map(String),
    anonymous: !report.reporterContact,
  };
}

/** Where an action came from, for the audit log. */
export interface RequestOrigin {
  ip?: string;
}

/** What a flag is about, reduced to what the queue shows: a post, or a member's report. */
interface FlaggedItem {
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
async function loadItems(models: Models, flags: readonly FlagRow[]): Promise<Map<string, FlaggedItem>> {
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

function summarize(flag: FlagRow, post: FlaggedItem | undefined, principal: Principal, reveal: boolean): FlagSummary {
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

/** Earlier posts in the same words shown beside a flag. */
const SAME_WORDS_SHOWN = 5;

/** The earlier posts in the same words as a flagged post, the first SAME_WORDS_SHOWN; none: nothing. */
async function sameWordsBefore(models: Models, org: string, postId: string, post: FlaggedItem): Promise<Pick<FlagDetail, 'sameWords'>> {
  const earlier = (await findEarlierInSameWords(models, { id: postId, org, text: post.text, at: post.at! })).slice(0, SAME_WORDS_SHOWN);
  if (earlier.length === 0) return {};
  return { sameWords: earlier.map((row) => ({ postId: row.id, ...(row.author ? { author: row.author } : {}), ...(row.url ? { url: row.url } : {}), at: row.at.toISOString() })) };
}

/** One read model per store connection, shared by every app built on it. */
const queueOf = onePer((store: Store) => new QueueReadModel<FlaggedItem>(store.models, store.changes, (flags) => loadItems(store.models, flags)));

/**
 * Places (`hold`) or lifts a legal hold on a flag: administrators and safeguarding officers of its
 * organization only, with a reason; audited before it takes effect.
 */
export async function changeLegalHold(
  deps: ApiDeps,
  principal: Principal,
  flagId: string,
  change: { hold: boolean; reason: string },
  origin: RequestOrigin,
): Promise<{ id: string; legalHold: boolean }> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await requireOrgRole(deps.store.models, principal, SAFEGUARDING_ROLES, { org: flag.org, target: `flag:${flagId}`, ip: origin.ip }, `no flag ${flagId}`);
  await recordAudit(deps.store.models, {
    actor: auditActor(principal),
    action: change.hold ? 'flag.legal_hold' : 'flag.legal_hold_lifted',
    org: flag.org,
    target: `flag:${flagId}`,
    ip: origin.ip,
    data: { reason: change.reason },
  });
  await setLegalHold(deps.store.models, flagId, change.hold ? { reason: change.reason, by: principal.userId, at: new Date() } : undefined);
  return { id: flagId, legalHold: change.hold };
}

export interface QueuePage {
  items: FlagSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<FlagView, number>;
}

export async function listQueue(
  deps: ApiDeps,
  principal: Principal,
  filters: FlagFilters,
  page: { page: number; pageSize: number },
): Promise<QueuePage> {
  const queue = queueOf(deps.store);
  return buildQueuePage(queue, await queue.slice(flagScopeFor(principal), filters), principal, filters.view, page);
}

async function buildQueuePage(
  queue: QueueReadModel<FlaggedItem>,
  slice: QueueSlice,
  principal: Principal,
  view: FlagView,
  page: { page: number; pageSize: number },
): Promise<QueuePage> {
  const rows = slice.rows.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  const items = await queue.itemsFor(rows);
  return {
    items: rows.map((flag) => summarize(flag, items.get(String(flag.itemId)), principal, false)),
    total: slice.counts[view],
    page: page.page,
    pageSize: page.pageSize,
    counts: slice.counts,
  };
}

const PAGE_CACHE_ENTRIES = 500;
const pageCacheOf = onePer((_store: Store) => new Map<string, { stamp: string; validUntil: number; json: Buffer }>());

/**
 * One page of the queue as UTF-8 JSON. Pages are kept per caller and query until a flag or item
 * changes or a claim on them expires, so a reviewer refreshing the queue costs no serialization.
 */
export async function listQueueJson(
  deps: ApiDeps,
  principal: Principal,
  filters: FlagFilters,
  page: { page: number; pageSize: number },
): Promise<Buffer> {
  const queue = queueOf(deps.store);
  const scope = flagScopeFor(principal);
  const slice = await queue.slice(scope, filters);
  const cache = pageCacheOf(deps.store);
  const key = JSON.stringify([principal.userId, scope, filters, page]);
  const cached = cache.get(key);
  if (cached && cached.stamp === slice.stamp && cached.validUntil > Date.now()) return cached.json;

  const json = Buffer.from(JSON.stringify(await buildQueuePage(queue, slice, principal, filters.view, page)));
  if (cache.size >= PAGE_CACHE_ENTRIES) cache.clear();
  cache.set(key, { stamp: slice.stamp, validUntil: slice.validUntil, json });
  return json;
}

/**
 * The flag when the caller may see it. A hidden or missing id is NotFoundError either way; when
 * the flag exists in an organization the caller cannot see, the attempt is audited first.
 */
async function loadVisibleFlag(deps: ApiDeps, principal: Principal, flagId: string, origin: RequestOrigin): Promise<FlagRow> {
  try {
    return await getFlagInScope(deps.store.models, flagScopeFor(principal), flagId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      const hidden = await flagExists(deps.store.models, flagId);
      if (hidden) await recordDenied(deps.store.models, principal, { org: hidden.org, target: `flag:${flagId}`, ip: origin.ip });
    }
    throw error;
  }
}

/** The flag's detail; the view is audited before anything is returned (a failed audit write fails the view). */
export async function viewFlag(
  deps: ApiDeps,
  principal: Principal,
  flagId: string,
  origin: RequestOrigin,
  reveal?: { reason: string },
): Promise<FlagDetail> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await recordAudit(deps.store.models, {
    actor: auditActor(principal),
    action: reveal ? 'flag.reveal' : 'flag.view',
    org: flag.org,
    target: `flag:${flagId}`,
    ip: origin.ip,
    ...(reveal ? { data: { reason: reveal.reason } } : {}),
  });
  const post = (await loadItems(deps.store.models, [flag])).get(String(flag.itemId));
  const report = flag.itemType === 'report' ? await getReportById(deps.store.models, String(flag.itemId)) : undefined;
  const summary = summarize(flag, post, principal, reveal !== undefined);
  const spans = spansOf(flag);
  const subject = post?.author ? await findSubject(deps.store.models, flag.org, post.author) : undefined;
  const level = subject?.level ?? 'none';
  return {
    ...summary,
    text: post ? (summary.masked ? maskSpans(post.text, spans) : post.text) : '',
    ...(post?.url ? { url: post.url } : {}),
    removed: post?.removedAt !== undefined,
    // Spans carry the matched words: none on a masked flag.
    spans: summary.masked ? [] : spans,
    findings: flag.findings.map((finding) => ({
      ruleId: String(finding.ruleId),
      ruleVersion: String(finding.ruleVersion),
      severity: String(finding.severity),
      score: Number(finding.score),
      explanation: summary.masked ? maskExplanation(finding.explanation, spans) : finding.explanation,
      spans: summary.masked ? [] : ((finding.spans as Span[] | undefined) ?? []),
    })),
    captures: await Promise.all(
      (post?.versions ?? [])
        .filter((version) => version.captureId !== undefined)
        .map(async (version) => {
          const capture = await getCaptureSummary(deps.store.models, String(version.captureId));
          return {
            id: String(version.captureId),
            seenAt: new Date(version.seenAt).toISOString(),
            ...(capture ? { url: capture.url, fetchedAt: capture.fetchedAt.toISOString(), bodySha256: capture.bodySha256 } : {}),
            // A screenshot shows the page as it was, masked words included: not until revealed.
            screenshot: capture?.screenshotSha256 !== undefined && !capture.screenshotWithheld && !summary.masked,
            ...(summary.masked && capture?.screenshotSha256 !== undefined && !capture.screenshotWithheld ? { screenshotMasked: true } : {}),
            ...(capture?.screenshotWithheld && capture.screenshotSha256 ? { screenshotWithheld: { sha256: capture.screenshotSha256 } } : {}),
          };
        }),
    ),
    ...(flag.decision?.kind ? { decision: { ...flag.decision, by: String(flag.decision.by) } } : {}),
    ...(flag.legalHold?.at ? { legalHold: { reason: flag.legalHold.reason, by: String(flag.legalHold.by), at: flag.legalHold.at.toISOString() } } : {}),
    ...(report ? { report: describeReport(report, summary.masked) } : {}),
    ...(flag.category === 'safeguarding' ? { authorities: (await getOrganization(deps.store.models, flag.org))?.safeguardingContacts ?? [] } : {}),
    ...(post?.fixDeadline ? { fixDeadline: post.fixDeadline.toISOString() } : {}),
    ...(flag.itemType === 'post' && post && !summary.masked ? await sameWordsBefore(deps.store.models, flag.org, String(flag.itemId), post) : {}),
    notices: [
      ...(await listNoticesForFlag(deps.store.models, flagId)),
      ...(flag.itemType === 'group' ? await listNoticesForFlag(deps.store.models, String(flag.itemId)) : []),
    ].map((notice) => ({
      channel: notice.channel,
      to: notice.to,
      status: notice.status,
      ...(notice.sentAt ? { sentAt: notice.sentAt.toISOString() } : {}),
    })),
    ...(post?.author && !summary.masked
      ? { subject: { memberKey: post.author, level, suggestedNext: suggestNextSanction(level), recorded: subject !== undefined } }
      : {}),
  };
}

export async function claim(deps: ApiDeps, principal: Principal, flagId: string, origin: RequestOrigin): Promise<FlagSummary> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'flag.claim', org: flag.org, target: `flag:${flagId}`, ip: origin.ip });
  const claimed = await withRecordLock(deps, `flag:${flagId}`, () =>
    claimFlag(deps.store.models, flagScopeFor(principal), { flagId, userId: principal.userId, lockMs: deps.config.review.claimMs }),
  );
  return summarize(claimed, undefined, principal, false);
}

export async function release(deps: ApiDeps, principal: Principal, flagId: string, origin: RequestOrigin): Promise<FlagSummary> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'flag.release', org: flag.org, target: `flag:${flagId}`, ip: origin.ip });
  const released = await withRecordLock(deps, `flag:${flagId}`, () =>
    releaseFlag(deps.store.models, flagScopeFor(principal), flagId, principal.userId),
  );
  return summarize(released, undefined, principal, false);
}

export interface DecisionRequest {
  kind: DecisionKind;
  rationale: string;
  version: number;
  consentSought?: boolean;
  outcome?: string;
}

const SANCTION_OF: Partial<Record<DecisionKind, SanctionKind>> = { warn: 'warning', suspend: 'suspension', blacklist: 'blacklist' };

/**
 * Audits the attempt, then makes the one conditional write that decides the flag. A lost race
 * (ConflictError) is audited too, so both attempts appear in the log. Sanctions go on the
 * member's history when the item has an author.
 */
export async function decide(
  deps: ApiDeps,
  principal: Principal,
  flagId: string,
  request: DecisionRequest,
  origin: RequestOrigin,
): Promise<FlagSummary> {
  const flag = await loadVisibleFlag(deps, principal, flagId, origin);
  if (flag.category === 'safeguarding' && request.kind !== 'escalate' && (request.consentSought === undefined || !request.outcome)) {
    throw new InvalidInputError('a safeguarding decision records whether consent to share was sought (consentSought) and the outcome', {
      issues: ['body.consentSought: required for safeguarding cases', 'body.outcome: required for safeguarding cases'],
    });
  }
  const actor = auditActor(principal);
  await recordAudit(deps.store.models, {
    actor,
    action: 'flag.decide',
    org: flag.org,
    target: `flag:${flagId}`,
    ip: origin.ip,
    data: { kind: request.kind, version: request.version, rationale: request.rationale },
  });
  const organization = await getOrganization(deps.store.models, flag.org);
  const notice = noticeFor(request.kind, organization?.name ?? flag.org);
  let decided: FlagRow;
  try {
    decided = await withRecordLock(deps, `flag:${flagId}`, () => decideFlag(deps.store.models, flagScopeFor(principal), {
      flagId,
      userId: principal.userId,
      kind: request.kind,
      rationale: request.rationale,
      expectedVersion: request.version,
      ...(request.consentSought !== undefined ? { consentSought: request.consentSought } : {}),
      ...(request.outcome !== undefined ? { outcome: request.outcome } : {}),
      ...(notice ? { notice } : {}),
    }));
  } catch (error) {
    await recordAudit(deps.store.models, {
      actor,
      action: 'flag.decide_refused',
      org: flag.org,
      target: `flag:${flagId}`,
      ip: origin.ip,
      data: { reason: (error as Error).message },
    });
    throw error;
  }
  const sanction = SANCTION_OF[request.kind];
  if (sanction) {
    const item = (await loadItems(deps.store.models, [decided])).get(String(decided.itemId));
    if (item?.author) {
      await recordSanction(deps.store.models, {
        org: decided.org,
        memberKey: item.author,
        kind: sanction,
        by: principal.userId,
        rationale: request.rationale,
        flagId,
      });
    }
  }
  return summarize(decided, undefined, principal, false);
}

/**
 * A capture's screenshot for a reviewer of its organization. Hidden and unknown captures are both
 * NotFoundError; each view is audited like a flag's detail.
 */
export async function captureScreenshot(deps: ApiDeps, principal: Principal, captureId: string, origin: RequestOrigin): Promise<Buffer> {
  const shot = await readCaptureScreenshot(deps.store.models, captureId);
  if (!shot || !flagScopeFor(principal).orgs.includes(shot.org)) throw new NotFoundError(`no screenshot for capture ${captureId}`);
  await recordAudit(deps.store.models, { actor: auditActor(principal), action: 'capture.view', org: shot.org, target: `capture:${captureId}`, ip: origin.ip });
  return shot.png;
}
