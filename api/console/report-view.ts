import { REPORT_CATEGORIES } from '../review/report-service.js';
import { html, selected } from './html.js';
import { translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage } from './layout.js';
import { categoryLabel } from './queue-view.js';

export interface ReportFormView {
  locale: Locale;
  organizations: { slug: string; name: string }[];
  error?: string;
  /** What was typed, shown again with the error so nothing has to be retyped. */
  draft?: Partial<Record<string, string>>;
  /** Set once the report is stored. */
  reference?: string;
}

/** The public incident form (no account needed), or its acknowledgement. */
export function renderReportForm(view: ReportFormView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const field = (name: string, label: MessageKey, input: ReturnType<typeof html>) => html`<label for="${name}">${t(label)}</label>${input}`;
  const draft = view.draft ?? {};
  const typed = (name: string) => draft[name] ?? '';
  const body = view.reference
    ? html`<h1>${t('report.title')}</h1><p role="status">${t('report.thanks')} <strong data-reference>${view.reference}</strong>.</p>`
    : html`<h1>${t('report.title')}</h1><p>${t('report.intro')}</p>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<form method="post" action="/report?lang=${view.locale}">
${field('org', 'report.org', html`<select id="org" name="org" required>${view.organizations.map((org) => html`<option value="${org.slug}"${selected(draft.org === org.slug)}>${org.name}</option>`)}</select>`)}
${field('category', 'report.category', html`<select id="category" name="category">${REPORT_CATEGORIES.map((c) => html`<option value="${c}"${selected(draft.category === c)}>${categoryLabel(view.locale, c)}</option>`)}</select>`)}
${field('memberName', 'report.memberName', html`<input id="memberName" name="memberName" type="text" maxlength="200" value="${typed('memberName')}">`)}
${field('memberId', 'report.memberId', html`<input id="memberId" name="memberId" type="text" maxlength="200" value="${typed('memberId')}">`)}
${field('place', 'report.place', html`<input id="place" name="place" type="text" required maxlength="2048" value="${typed('place')}">`)}
${field('occurredAt', 'report.occurredAt', html`<input id="occurredAt" name="occurredAt" type="datetime-local" value="${typed('occurredAt')}">`)}
${field('witnesses', 'report.witnesses', html`<input id="witnesses" name="witnesses" type="text" maxlength="2000" value="${typed('witnesses')}">`)}
${field('description', 'report.description', html`<textarea id="description" name="description" required minlength="20" maxlength="20000">${typed('description')}</textarea>`)}
${field('impact', 'report.impact', html`<textarea id="impact" name="impact" maxlength="5000">${typed('impact')}</textarea>`)}
${field('links', 'report.links', html`<textarea id="links" name="links" maxlength="20000">${typed('links')}</textarea>`)}
${field('reporterContact', 'report.contact', html`<input id="reporterContact" name="reporterContact" type="text" maxlength="320" value="${typed('reporterContact')}">`)}
<p><button type="submit">${t('report.submit')}</button></p></form>`;
  return renderPage({ locale: view.locale, title: t('report.title'), body, path: '/report' });
}
