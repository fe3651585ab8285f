import type { GroupStatus } from '../review/group-service.js';
import { html, selected } from './html.js';
import { formatDateTime, labelIn, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

export interface GroupFormView {
  locale: Locale;
  organizations: { slug: string; name: string }[];
  platforms: readonly string[];
  error?: string;
  /** What was typed, shown again with the error so nothing has to be retyped. */
  draft?: Partial<Record<'org' | 'platform' | 'url' | 'name' | 'description' | 'creatorEmail' | 'accessConsent', string>>;
}

/** Platforms as people write them; the two that are not brand names are translated. */
const PLATFORM_NAMES: Record<string, string> = {
  facebook: 'Facebook', instagram: 'Instagram', x: 'X', linkedin: 'LinkedIn', youtube: 'YouTube',
  tiktok: 'TikTok', reddit: 'Reddit', discord: 'Discord', bluesky: 'Bluesky',
};

export function platformName(locale: Locale, platform: string): string {
  if (platform === 'forum') return translate(locale, 'group.platformForum');
  if (platform === 'other') return translate(locale, 'group.platformOther');
  return PLATFORM_NAMES[platform] ?? platform;
}

export function renderGroupForm(view: GroupFormView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const draft = view.draft ?? {};
  const body = html`<h1>${t('group.registerTitle')}</h1><p>${t('group.registerIntro')}</p>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<form method="post" action="/groups/register?lang=${view.locale}">
<label for="org">${t('report.org')}</label><select id="org" name="org" required>${view.organizations.map((org) => html`<option value="${org.slug}"${selected(draft.org === org.slug)}>${org.name}</option>`)}</select>
<label for="platform">${t('group.platform')}</label><select id="platform" name="platform">${view.platforms.map((p) => html`<option value="${p}"${selected(draft.platform === p)}>${platformName(view.locale, p)}</option>`)}</select>
<label for="url">${t('group.url')}</label><input id="url" name="url" type="url" required maxlength="2048" value="${draft.url ?? ''}">
<label for="name">${t('group.name')}</label><input id="name" name="name" type="text" required maxlength="300" value="${draft.name ?? ''}">
<label for="description">${t('group.description')}</label><textarea id="description" name="description" maxlength="20000">${draft.description ?? ''}</textarea>
<label for="creatorEmail">${t('group.email')}</label><input id="creatorEmail" name="creatorEmail" type="email" required maxlength="320" value="${draft.creatorEmail ?? ''}">
<label><input type="checkbox" name="accessConsent" value="true"${draft.accessConsent === 'true' ? html` checked` : ''}> ${t('group.consent')}</label>
<p><button type="submit">${t('group.submit')}</button></p></form>`;
  return renderPage({ locale: view.locale, title: t('group.registerTitle'), body, path: '/groups/register' });
}

export interface GroupStatusView {
  locale: Locale;
  group: GroupStatus;
  /** The creator's token, carried by the re-check form; absent for staff. */
  token?: string;
  /** Shown once, right after registration. */
  link?: string;
  csrfToken?: string;
}

/** What the creator sees: each problem in plain words with the fix, the deadline, and a re-check button. */
export function renderGroupStatus(view: GroupStatusView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const label = (key: MessageKey) => labelIn(view.locale, key);
  const { group, locale } = view;
  const body = html`<h1>${label('group.statusTitle')} ${group.name}</h1>
<p class="muted">${platformName(locale, group.platform)} · ${group.url}${group.checkedAt ? html` · ${t('group.checkedAt')} ${formatDateTime(view.locale, group.checkedAt)}` : ''}</p>
${group.pageError ? html`<p class="muted">${t('group.pageError')}</p>` : ''}
${
  group.compliant
    ? html`<p class="ok" role="status" data-compliant>${t('group.compliant')}</p>`
    : html`<h2>${t('group.toFix')}</h2><ul data-findings>${group.findings.map((f) => html`<li data-category="${f.category}">${f.explanation[locale]}</li>`)}</ul>
${group.fixDeadline ? html`<p>${label('group.deadline')} <strong>${group.fixDeadline.slice(0, 10)}</strong></p>` : ''}`
}
${view.link ? html`<p>${t('group.link')}<br><code data-link>${view.link}</code></p>` : ''}
<form method="post" action="/groups/${group.id}/recheck?lang=${locale}">
${view.token ? html`<input type="hidden" name="token" value="${view.token}">` : ''}${view.csrfToken ? html`<input type="hidden" name="_csrf" value="${view.csrfToken}">` : ''}
<button type="submit">${t('group.recheck')}</button></form>`;
  return renderPage({ locale, title: t('group.statusTitle'), body, path: `/groups/${group.id}` });
}

export interface GroupListView {
  locale: Locale;
  user: SignedInView;
  groups: GroupStatus[];
}

/** Staff's list of unofficial groups: registered or discovered, compliant or not, with the deadline. */
export function renderGroupList(view: GroupListView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const body = html`<h1>${t('nav.groups')}</h1>
<p><a href="/groups/register?lang=${view.locale}">${t('group.registerTitle')}</a></p>
${
  view.groups.length === 0
    ? html`<p class="muted">${t('group.none')}</p>`
    : html`<table><thead><tr><th>${t('group.name')}</th><th>${t('group.platform')}</th><th>${t('group.registered')}</th><th>${t('group.toFix')}</th><th>${t('group.deadline')}</th></tr></thead>
<tbody>${view.groups.map(
        (group) => html`<tr data-group="${group.id}"><td><a href="/groups/${group.id}?lang=${view.locale}">${group.name}</a><br><span class="muted">${group.org} · ${group.url}</span></td>
<td>${platformName(view.locale, group.platform)}</td><td>${group.registered ? '✓' : '—'}</td>
<td>${group.compliant ? html`<span class="ok">${t('group.compliant')}</span>` : group.findings.map((f) => html`<div>${f.explanation[view.locale]}</div>`)}</td>
<td>${group.fixDeadline?.slice(0, 10) ?? ''}</td></tr>`,
      )}</tbody></table>`
}`;
  return renderPage({ locale: view.locale, title: t('nav.groups'), body, path: '/groups', user: view.user });
}
