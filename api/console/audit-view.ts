import { html } from './html.js';
import { formatDateTime, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

export interface AuditView {
  locale: Locale;
  user: SignedInView;
  entries: { seq: number; at: Date; actor: string; action: string; org?: string; target?: string; ip?: string }[];
}

export function renderAudit(view: AuditView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const body = html`<h1>${t('audit.title')}</h1>
${view.entries.length === 0 ? html`<p class="muted">${t('audit.empty')}</p>` : ''}
<table><thead><tr><th>#</th><th>${t('audit.when')}</th><th>${t('audit.who')}</th><th>${t('audit.what')}</th><th>${t('audit.target')}</th><th>${t('audit.from')}</th></tr></thead>
<tbody>${view.entries.map(
    (entry) =>
      html`<tr><td>${entry.seq}</td><td><time datetime="${entry.at.toISOString()}">${formatDateTime(view.locale, entry.at)}</time></td><td>${entry.actor}</td><td>${entry.action}</td><td>${entry.org ?? ''} ${entry.target ?? ''}</td><td>${entry.ip ?? ''}</td></tr>`,
  )}</tbody></table>`;
  return renderPage({ locale: view.locale, title: t('audit.title'), body, path: '/audit', user: view.user });
}
