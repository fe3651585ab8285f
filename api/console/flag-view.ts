import { DECISION_KINDS } from '../../db/models/flags.js';
import type { FlagDetail, Span } from '../review/flag-detail.js';
import { html, type Html } from './html.js';
import { formatDateTime, formatScore, formatTime, labelIn, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';
import { memberPath } from './member-view.js';
import { organizationPath } from './organization-view.js';
import { categoryLabel } from './queue-view.js';

export interface FlagPageView {
  locale: Locale;
  user: SignedInView;
  flag: FlagDetail;
  error?: string;
  /** A refused decision's fields, filled in again so nothing has to be retyped. */
  draft?: DecisionDraft;
  /** A refused identity reveal's reason, filled in again. */
  revealReason?: string;
}

export interface DecisionDraft {
  kind?: string | undefined;
  rationale?: string | undefined;
  outcome?: string | undefined;
  consentSought?: boolean;
}

/** The post text with evidence spans in <mark>; every piece is escaped text. */
export function highlight(text: string, spans: readonly Span[]): Html {
  const ordered = spans
    .filter((span) => span.start >= 0 && span.end <= text.length && span.start < span.end)
    .sort((a, b) => a.start - b.start);
  const parts: Html[] = [];
  let cursor = 0;
  for (const span of ordered) {
    if (span.end <= cursor) continue;
    const start = Math.max(span.start, cursor);
    parts.push(html`${text.slice(cursor, start)}<mark>${text.slice(start, span.end)}</mark>`);
    cursor = span.end;
  }
  parts.push(html`${text.slice(cursor)}`);
  return html`${parts}`;
}

export function renderFlag(view: FlagPageView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const label = (key: MessageKey) => labelIn(view.locale, key);
  const { flag, locale } = view;
  const draft = view.draft ?? {};
  const csrf = html`<input type="hidden" name="_csrf" value="${view.user.csrfToken}">`;
  const action = (verb: string) => `/flags/${flag.id}/${verb}?lang=${locale}`;
  const open = flag.status !== 'resolved';
  const heldByOther = flag.claim !== undefined && !flag.claim.mine;
  const findings = flag.findings.map((finding) => {
    const explanation = finding.explanation as { fr?: string; en?: string } | undefined;
    return html`<li><strong>${finding.ruleId}</strong> — <span class="badge sev-${finding.severity}">${t(`severity.${finding.severity}` as MessageKey)}</span>
${t('flag.score')} ${formatScore(locale, finding.score)}<br>${explanation?.[locale] ?? ''}</li>`;
  });
  const body = html`<p><a href="/?lang=${locale}">${t('flag.back')}</a></p>
<h1>${label('flag.title')} ${categoryLabel(locale, flag.category)} <span class="badge sev-${flag.severity}">${t(`severity.${flag.severity}` as MessageKey)}</span></h1>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<p>${label('flag.status')} <strong data-status="${flag.status}">${t(`status.${flag.status}` as MessageKey)}</strong>
· ${flag.org}${flag.sourceId ? html` · ${flag.sourceId}` : ''}${flag.lang ? html` · ${flag.lang}` : ''} · ${t('flag.score')} ${formatScore(locale, flag.score)}
${flag.claim ? html` · ${t('flag.claimedUntil')} ${formatTime(locale, flag.claim.until)} (${flag.claim.mine ? t('queue.claimedByMe') : t('queue.claimedByOther')})` : ''}</p>
<h2>${t(flag.report ? 'flag.reportText' : 'flag.text')}</h2>
${flag.removed ? html`<p class="muted">${t('flag.removed')}</p>` : ''}
${flag.author ? html`<p>${label(flag.report ? 'flag.reportedMember' : 'queue.col.author')} ${flag.author}</p>` : ''}
<div class="post" data-testid="post-text">${flag.masked ? flag.text : highlight(flag.text, flag.spans)}</div>
${flag.url ? html`<p class="muted">${flag.url}</p>` : ''}
${
  flag.masked
    ? html`<form method="post" action="${action('reveal')}"><p>${t('flag.masked')}</p>${csrf}
<label for="reason">${t('flag.reason')}</label><input id="reason" name="reason" type="text" required minlength="10" maxlength="1000" value="${view.revealReason ?? ''}">
<button type="submit">${t('flag.reveal')}</button></form>`
    : ''
}
${
  flag.report
    ? html`<dl data-testid="report"><dt>${t('report.reference')}</dt><dd>${flag.report.reference}</dd>
<dt>${t('report.place')}</dt><dd>${flag.report.place}</dd>
${flag.report.occurredAt ? html`<dt>${t('report.occurredAt')}</dt><dd>${flag.report.occurredAt}</dd>` : ''}
${flag.report.witnesses ? html`<dt>${t('report.witnesses')}</dt><dd>${flag.report.witnesses}</dd>` : ''}
${flag.report.impact ? html`<dt>${t('report.impact')}</dt><dd>${flag.report.impact}</dd>` : ''}
${flag.report.links.length > 0 ? html`<dt>${t('report.links')}</dt><dd>${flag.report.links.map((link) => html`<span>${link}</span><br>`)}</dd>` : ''}
${flag.report.anonymous ? html`<dt>${t('report.anonymous')}</dt><dd>✓</dd>` : ''}
${flag.report.linkedPostIds.length > 0 ? html`<dt>${t('flag.linkedPosts')}</dt><dd>${flag.report.linkedPostIds.length}</dd>` : ''}</dl>`
    : ''
}
${
  flag.authorities
    ? html`<h2>${t('flag.authorities')}</h2>${
        flag.authorities.length === 0
          ? html`<p class="error">${t('flag.noAuthorities')}${
              view.user.adminOf.includes(flag.org) ? html` <a href="${organizationPath(flag.org)}?lang=${locale}#contacts">${t('flag.addAuthorities')}</a>` : ''
            }</p>`
          : html`<ul data-authorities>${flag.authorities.map(
              (c) => html`<li><strong>${c.name}</strong>${c.phone ? html` · ${c.phone}` : ''}${c.email ? html` · ${c.email}` : ''}${c.url ? html` · ${c.url}` : ''}${c.notes ? html` — ${c.notes}` : ''}</li>`,
            )}</ul>`
      }`
    : ''
}
${
  flag.notices.length > 0
    ? html`<h2>${t('flag.notices')}</h2>${flag.fixDeadline ? html`<p>${label('group.deadline')} <strong data-deadline>${flag.fixDeadline.slice(0, 10)}</strong></p>` : ''}<ul>${flag.notices.map((n) => html`<li>${n.channel} · ${n.to} · ${n.status}${n.sentAt ? html` · ${n.sentAt}` : ''}</li>`)}</ul>`
    : ''
}
<h2>${t('flag.findings')}</h2><ul>${findings}</ul>
${
  flag.sameWords
    ? html`<h2>${t('flag.sameWords')}</h2><ul data-same-words>${flag.sameWords.map(
        (earlier) => html`<li>${formatDateTime(locale, earlier.at)}${earlier.author ? html` · ${earlier.author}` : ''}${earlier.url ? html` · <span class="muted">${earlier.url}</span>` : ''}</li>`,
      )}</ul>`
    : ''
}
${
  flag.captures.length > 0
    ? html`<h2>${t('flag.captures')}</h2><ul>${flag.captures.map(
        (c) => html`<li>${c.fetchedAt ?? c.seenAt} · ${c.url ?? ''} · SHA-256 <code>${c.bodySha256 ?? ''}</code>
${c.screenshot ? html`<br><img class="shot" alt="${t('flag.captures')}" src="/api/captures/${c.id}/screenshot">` : ''}
${c.screenshotMasked ? html`<br><span class="muted" data-screenshot-masked>${t('flag.screenshotMasked')}</span>` : ''}
${c.screenshotWithheld ? html`<br><span class="withheld" data-withheld>${t('flag.screenshotWithheld')} SHA-256 <code>${c.screenshotWithheld.sha256}</code></span>` : ''}</li>`,
      )}</ul>`
    : ''
}
${
  flag.subject
    ? html`<h2>${t('flag.member')}</h2><p>${flag.subject.memberKey} — ${label('flag.level')} ${t(`level.${flag.subject.level}` as MessageKey)}
· ${label('flag.suggested')} <strong>${t(`level.${flag.subject.suggestedNext}` as MessageKey)}</strong>
${flag.subject.recorded ? html` · <a href="${memberPath(flag.org, flag.subject.memberKey)}?lang=${locale}">${t('member.open')}</a>` : ''}</p>`
    : ''
}
${
  flag.decision
    ? html`<h2>${t('flag.decided')}</h2><p data-decision="${flag.decision.kind}"><strong>${t(`decision.${flag.decision.kind}` as MessageKey)}</strong> — ${flag.decision.rationale}</p>
${flag.decision.notice ? html`<h3>${t('flag.notice')}</h3><p class="notice">${flag.decision.notice[locale]}</p>` : ''}`
    : ''
}
${open && !flag.claim ? html`<form method="post" action="${action('claim')}">${csrf}<button type="submit">${t('flag.claim')}</button></form>` : ''}
${flag.claim?.mine ? html`<form method="post" action="${action('release')}">${csrf}<button type="submit">${t('flag.release')}</button></form>` : ''}
${
  open && !heldByOther
    ? html`<h2>${t('flag.decide')}</h2><form method="post" action="${action('decision')}">${csrf}
<input type="hidden" name="version" value="${flag.version}">
<fieldset>${DECISION_KINDS.map(
        (kind, index) =>
          html`<label><input type="radio" name="kind" value="${kind}"${index === 0 ? html` required` : ''}${draft.kind === kind ? html` checked` : ''}> ${t(`decision.${kind}` as MessageKey)}</label>`,
      )}</fieldset>
<label for="rationale">${t('flag.rationale')}</label><textarea id="rationale" name="rationale" required minlength="10" maxlength="5000">${draft.rationale ?? ''}</textarea>
${
  flag.category === 'safeguarding'
    ? html`<label><input type="checkbox" name="consentSought" value="true"${draft.consentSought ? html` checked` : ''}> ${t('flag.consentSought')}</label>
<label for="outcome">${t('flag.outcome')}</label><input id="outcome" name="outcome" type="text" maxlength="2000" value="${draft.outcome ?? ''}">`
    : ''
}
<p><button type="submit" name="then" value="stay">${t('flag.submit')}</button> <button type="submit" name="then" value="next">${t('flag.submitNext')}</button></p></form>`
    : ''
}`;
  return renderPage({ locale, title: `${t('flag.title')} ${flag.id}`, body, path: `/flags/${flag.id}`, user: view.user });
}
