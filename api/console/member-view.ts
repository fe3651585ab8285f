import type { SubjectView } from '../review/subject-service.js';
import { html } from './html.js';
import { labelIn, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

export interface MemberPageView {
  locale: Locale;
  user: SignedInView;
  subject: SubjectView;
  canLift: boolean;
  /** A notice on top: why the last form was refused, or that the member changed meanwhile. */
  error?: string;
  /** A refused form's rationale, filled in again so nothing has to be retyped. */
  draft?: MemberFormDraft;
}

/** The member page's forms: ending a suspension, lifting a blacklist. */
export type MemberForm = 'acknowledge' | 'lift';

export interface MemberFormDraft {
  form: MemberForm;
  rationale: string;
}

export function memberPath(org: string, memberKey: string): string {
  return `/members/${encodeURIComponent(org)}/${encodeURIComponent(memberKey)}`;
}

export function renderMember(view: MemberPageView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const label = (key: MessageKey) => labelIn(view.locale, key);
  const { subject, locale } = view;
  const csrf = html`<input type="hidden" name="_csrf" value="${view.user.csrfToken}">`;
  const action = (verb: string) => `${memberPath(subject.org, subject.memberKey)}/${verb}?lang=${locale}`;
  const form = (verb: MemberForm, label: MessageKey) => html`<form method="post" action="${action(verb)}">${csrf}
<label for="rationale-${verb}">${t('flag.rationale')}</label><textarea id="rationale-${verb}" name="rationale" required minlength="10" maxlength="2000">${view.draft?.form === verb ? view.draft.rationale : ''}</textarea>
<p><button type="submit">${t(label)}</button></p></form>`;
  const body = html`<p><a href="/?lang=${locale}">${t('flag.back')}</a></p>
<h1>${label('member.title')} ${subject.memberKey}</h1>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<p>${subject.org} · ${label('flag.level')} <strong>${t(`level.${subject.level}` as MessageKey)}</strong>
· ${label('member.standing')} <strong data-standing="${subject.standing}">${t(`standing.${subject.standing}` as MessageKey)}</strong>
· ${label('flag.suggested')} <strong>${t(`level.${subject.suggestedNext}` as MessageKey)}</strong></p>
<h2>${t('member.history')}</h2>
${
  subject.history.length === 0
    ? html`<p class="muted">${t('member.none')}</p>`
    : html`<table><tbody>${subject.history.map(
        (entry) => html`<tr><td>${entry.at}</td><td>${t(`sanction.${entry.kind}` as MessageKey)}${entry.skippedSteps ? html` <span class="badge sev-urgent">${t('member.skipped')}</span>` : ''}</td>
<td>${entry.rationale ?? ''}</td><td>${entry.flagId ? html`<a href="/flags/${entry.flagId}?lang=${locale}">${entry.flagId}</a>` : ''}</td></tr>`,
      )}</tbody></table>`
}
${subject.standing === 'suspended' ? form('acknowledge', 'member.acknowledge') : ''}
${subject.standing === 'blacklisted' && view.canLift ? form('lift', 'member.lift') : ''}`;
  return renderPage({ locale, title: t('member.title'), body, path: memberPath(subject.org, subject.memberKey), user: view.user });
}
