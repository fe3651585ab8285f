import { recordAudit } from '../../db/audit-repository.js';
import { getCaptureSummary, readCaptureScreenshot } from '../../db/capture-repository.js';
import type { FlagRow } from '../../db/flag-review-repository.js';
import type { Models } from '../../db/models/index.js';
import { listNoticesForFlag } from '../../db/notice-repository.js';
import { getOrganization, type SafeguardingContact } from '../../db/organization-repository.js';
import { getReportById, type ReportRow } from '../../db/report-repository.js';
import { findSubject, suggestNextSanction } from '../../db/subject-repository.js';
import { NotFoundError } from '../../lib/errors.js';
import { findEarlierInSameWords } from '../../jobs/post-classifier/earlier-copies.js';
import { auditActor, flagScopeFor } from '../auth/access.js';
import type { Principal, RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { loadVisibleFlag } from './flag-service.js';
import { loadItems, summarize, type FlaggedItem, type FlagSummary } from './flag-summary.js';
import { maskExplanation, maskSpans, spansOf, type Span } from './masking.js';

// A flag's page: the item in full, its evidence, captures, notices and the member's record, and
// the captures' screenshots. Every view is audited before anything is returned.

export type { Span } from './masking.js';

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

/** Earlier posts in the same words shown beside a flag. */
const SAME_WORDS_SHOWN = 5;

/** The earlier posts in the same words as a flagged post, the first SAME_WORDS_SHOWN; none: nothing. */
async function sameWordsBefore(models: Models, org: string, postId: string, post: FlaggedItem): Promise<Pick<FlagDetail, 'sameWords'>> {
  const earlier = (await findEarlierInSameWords(models, { id: postId, org, text: post.text, at: post.at! })).slice(0, SAME_WORDS_SHOWN);
  if (earlier.length === 0) return {};
  return { sameWords: earlier.map((row) => ({ postId: row.id, ...(row.author ? { author: row.author } : {}), ...(row.url ? { url: row.url } : {}), at: row.at.toISOString() })) };
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
