import type { OrganizationSettings } from '../review/organization-service.js';
import { platformName } from './group-view.js';
import { html, selected } from './html.js';
import { translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

/** The two forms of the page; each replaces its whole list. */
export type OrganizationForm = 'contacts' | 'accounts';

/** Where each form posts, under the organization's page. */
export const FORM_PATHS: Record<OrganizationForm, string> = { contacts: 'safeguarding-contacts', accounts: 'official-accounts' };

export const CONTACT_FIELDS = ['name', 'phone', 'email', 'url', 'notes'] as const;
export const ACCOUNT_FIELDS = ['platform', 'url'] as const;

/** A row of a form as typed: field name to text. */
export type FormRow = Partial<Record<string, string>>;

export interface OrganizationPageView {
  locale: Locale;
  user: SignedInView;
  settings: OrganizationSettings;
  platforms: readonly string[];
  /** The most rows each list may have. */
  maxRows: Record<OrganizationForm, number>;
  saved?: OrganizationForm;
  /** A refused form: its problems, and its rows as typed so nothing has to be retyped. */
  refused?: { form: OrganizationForm; errors: string[]; rows: FormRow[] };
}

/** Empty rows offered after the filled ones, to add to a list. */
const BLANK_ROWS = 3;

export function organizationPath(org: string): string {
  return `/organizations/${encodeURIComponent(org)}`;
}

export function renderOrganization(view: OrganizationPageView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const { locale, settings, refused } = view;
  const csrf = html`<input type="hidden" name="_csrf" value="${view.user.csrfToken}">`;
  const rowsOf = (form: OrganizationForm, stored: FormRow[]) => {
    const rows = refused?.form === form ? refused.rows : stored;
    const count = Math.min(view.maxRows[form], Math.max(rows.length + BLANK_ROWS, 1));
    return Array.from({ length: count }, (_, index) => rows[index] ?? {});
  };
  const problems = (form: OrganizationForm) =>
    refused?.form === form ? html`<div class="error" role="alert"><ul>${refused.errors.map((error) => html`<li>${error}</li>`)}</ul></div>` : '';
  const savedNotice = (form: OrganizationForm) => (view.saved === form ? html`<p class="notice" role="status">${t('organization.saved')}</p>` : '');
  const input = (field: string, row: FormRow, index: number, type = 'text') =>
    html`<input type="${type}" name="${field}-${index + 1}" value="${row[field] ?? ''}" aria-label="${t(`organization.${field}` as MessageKey)} ${index + 1}">`;

  const contacts = rowsOf('contacts', settings.safeguardingContacts.map((contact) => ({ ...contact })));
  const accounts = rowsOf('accounts', settings.officialAccounts.map((account) => ({ ...account })));
  const action = (form: OrganizationForm) => `${organizationPath(settings.org)}/${FORM_PATHS[form]}?lang=${locale}`;
  const body = html`<h1>${t('organization.title')} ${settings.name}</h1>
<h2 id="contacts">${t('organization.contacts')}</h2>
<p>${t('organization.contactsIntro')}</p>
${savedNotice('contacts')}${problems('contacts')}
<form method="post" action="${action('contacts')}">${csrf}
<table><thead><tr><th>#</th>${CONTACT_FIELDS.map((field) => html`<th>${t(`organization.${field}` as MessageKey)}</th>`)}</tr></thead>
<tbody>${contacts.map(
    (row, index) => html`<tr data-row="${index + 1}"><td>${index + 1}</td><td>${input('name', row, index)}</td><td>${input('phone', row, index, 'tel')}</td>
<td>${input('email', row, index, 'email')}</td><td>${input('url', row, index, 'url')}</td><td>${input('notes', row, index)}</td></tr>`,
  )}</tbody></table>
<p class="muted">${t('organization.blankRows')}</p>
<p><button type="submit">${t('organization.saveContacts')}</button></p></form>
<h2 id="accounts">${t('organization.accounts')}</h2>
<p>${t('organization.accountsIntro')}</p>
${savedNotice('accounts')}${problems('accounts')}
<form method="post" action="${action('accounts')}">${csrf}
<table><thead><tr><th>#</th><th>${t('organization.platform')}</th><th>${t('organization.url')}</th></tr></thead>
<tbody>${accounts.map(
    (row, index) => html`<tr data-row="${index + 1}"><td>${index + 1}</td>
<td><select name="platform-${index + 1}" aria-label="${t('organization.platform')} ${index + 1}">${view.platforms.map(
      (platform) => html`<option value="${platform}"${selected(row.platform === platform)}>${platformName(locale, platform)}</option>`,
    )}</select></td><td>${input('url', row, index, 'url')}</td></tr>`,
  )}</tbody></table>
<p class="muted">${t('organization.blankRows')}</p>
<p><button type="submit">${t('organization.saveAccounts')}</button></p></form>`;
  return renderPage({ locale, title: `${t('organization.title')} ${settings.name}`, body, path: organizationPath(settings.org), user: view.user });
}
