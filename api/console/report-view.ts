import { REPORT_CATEGORIES } from '../review/report-service.js';
import { html } from './html.js';
import { translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage } from './layout.js';
import { categoryLabel } from './queue-view.js';

export interface ReportFormView {
  locale: Locale;
  organizations: { slug: string; name: string }[];
  error?: string;
  /** Set once the report is stored. */
  reference?: string;
}

/** The public incident form (no account needed), or its acknowledgement. */
export function renderReportForm(view: ReportFormView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const field = (name: string, label: MessageKey, input: ReturnType<typeof html>) => html`<label for="${name}">${t(label)}</label>${input}`;
  const body = view.reference
    ? html`<h1>${t('report.title')}</h1><p role="status">${t('report.thanks')} <strong data-reference>${view.reference}</strong>.</p>`
    : html`<h1>${t('report.title')}</h1><p>${t('report.intro')}</p>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<form method="post" action="/report?lang=${view.locale}">
${field('org', 'report.org', html`<select id="org" name="org" required>${view.organizations.map((org) => html`<option value="${org.slug}">${org.name}</option>`)}</select>`)}
${field('category', 'report.category', html`<select id="category" name="category">${REPORT_CATEGORIES.map((c) => html`<option value="${c}">${categoryLabel(view.locale, c)}</option>`)}</select>`)}
${field('memberName', 'report.memberName', html`<input id="memberName" name="memberName" type="text" maxlength="200">`)}
${field('memberId', 'report.memberId', html`<input id="memberId" name="memberId" type="text" maxlength="200">`)}
${field('place', 'report.place', html`<input id="place" name="place" type="text" required maxlength="2048">`)}
${field('occurredAt', 'report.occurredAt', html`<input id="occurredAt" name="occurredAt" type="datetime-local">`)}
${field('witnesses', 'report.witnesses', html`<input id="witnesses" name="witnesses" type="text" maxlength="2000">`)}
${field('description', 'report.description', html`<textarea id="description" name="description" required minlength="20" maxlength="20000"></textarea>`)}
${field('impact', 'report.impact', html`<textarea id="impact" name="impact" maxlength="5000"></textarea>`)}
${field('links', 'report.links', html`<textarea id="links" name="links" maxlength="20000"></textarea>`)}
${field('reporterContact', 'report.contact', html`<input id="reporterContact" name="reporterContact" type="text" maxlength="320">`)}
<p><button type="submit">${t('report.submit')}</button></p></form>`;
  return renderPage({ locale: view.locale, title: t('report.title'), body, path: '/report' });
}
