import { html, selected } from './html.js';
import { formatDateTime, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, withLang, type SignedInView } from './layout.js';

export interface AuditView {
  locale: Locale;
  user: SignedInView;
  entries: { seq: number; at: Date; actor: string; action: string; org?: string; target?: string; ip?: string }[];
  /** The filters in force (exact matches). */
  filters?: { action?: string; target?: string };
  /** This page starts below that sequence number (a later page). */
  before?: number;
  /** Set when older entries may follow: the sequence number of this page's last entry. */
  olderThan?: number;
}

/** What each audited action means, for administrators reading the log; the code stays beside it. */
const ACTIONS: Record<string, { fr: string; en: string }> = {
  authz_denied: { fr: 'Accès refusé', en: 'Access denied' },
  login: { fr: 'Connexion', en: 'Signed in' },
  'login.failed': { fr: 'Connexion refusée', en: 'Sign-in refused' },
  logout: { fr: 'Déconnexion', en: 'Signed out' },
  'flag.view': { fr: 'Consultation d’un signalement', en: 'Flag viewed' },
  'flag.reveal': { fr: 'Identité démasquée', en: 'Identity revealed' },
  'flag.claim': { fr: 'Prise en charge', en: 'Flag claimed' },
  'flag.release': { fr: 'Prise en charge libérée', en: 'Claim released' },
  'flag.decide': { fr: 'Décision', en: 'Decision' },
  'flag.decide_refused': { fr: 'Décision refusée', en: 'Decision refused' },
  'flag.closed_fixed': { fr: 'Fermé : problème corrigé', en: 'Closed: fixed' },
  'flag.legal_hold': { fr: 'Conservation légale', en: 'Legal hold' },
  'flag.legal_hold_lifted': { fr: 'Conservation légale levée', en: 'Legal hold lifted' },
  'capture.view': { fr: 'Consultation d’une capture', en: 'Capture viewed' },
  'crawl.requested': { fr: 'Collecte demandée', en: 'Crawl requested' },
  'group.registered': { fr: 'Groupe enregistré', en: 'Group registered' },
  'group.rechecked': { fr: 'Groupe revérifié', en: 'Group re-checked' },
  'group.logo_consent': { fr: 'Consentement au logo', en: 'Logo consent' },
  'organization.official_accounts': { fr: 'Comptes officiels modifiés', en: 'Official accounts changed' },
  'organization.safeguarding_contacts': { fr: 'Contacts de protection modifiés', en: 'Safeguarding contacts changed' },
  'report.filed': { fr: 'Signalement d’un membre reçu', en: 'Member report filed' },
  'retention.purge': { fr: 'Purge de conservation', en: 'Retention purge' },
  'rules.version_created': { fr: 'Version de règles enregistrée', en: 'Rule version saved' },
  'rules.activated': { fr: 'Règles activées', en: 'Rules activated' },
  'subject.view': { fr: 'Dossier d’un membre consulté', en: 'Member record viewed' },
  'subject.export': { fr: 'Données d’un membre exportées', en: 'Member data exported' },
  'subject.erase': { fr: 'Données d’un membre effacées', en: 'Member data erased' },
  'subject.acknowledged': { fr: 'Suspension levée (règles acceptées)', en: 'Suspension ended (rules acknowledged)' },
  'subject.blacklist_lifted': { fr: 'Liste noire levée', en: 'Blacklist lifted' },
  'subject.change_refused': { fr: 'Changement de situation refusé (déjà fait par un collègue)', en: 'Standing change refused (already done by a colleague)' },
  'user.membership_added': { fr: 'Rôle accordé', en: 'Role granted' },
  'user.token_created': { fr: 'Jeton d’API créé', en: 'API token created' },
  'user.disabled': { fr: 'Compte désactivé', en: 'Account disabled' },
};

/** The action in the reader's language, or its code when it has no label (an action added later). */
export function auditActionLabel(locale: Locale, action: string): string {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action]![locale] : action;
}

type AuditPage = { action?: string | undefined; target?: string | undefined; before?: number | undefined };

/** The log's path with these filters and page (empty ones left out), without the language. */
function auditPath(page: AuditPage): string {
  const query = new URLSearchParams();
  if (page.action) query.set('action', page.action);
  if (page.target) query.set('target', page.target);
  if (page.before !== undefined) query.set('before', String(page.before));
  const search = query.toString();
  return search ? `/audit?${search}` : '/audit';
}

function auditHref(locale: Locale, page: AuditPage): string {
  return withLang(auditPath(page), locale);
}

/** An entry's target: a link that shows only its entries, and the flag's page for a flag. */
function targetCell(locale: Locale, target: string | undefined, label: string) {
  if (!target) return '';
  const flagId = /^flag:([a-f0-9]{24})$/.exec(target)?.[1];
  return html`<a href="${auditHref(locale, { target })}">${target}</a>${flagId ? html` · <a href="/flags/${flagId}?lang=${locale}">${label}</a>` : ''}`;
}

export function renderAudit(view: AuditView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const { locale } = view;
  const filters = view.filters ?? {};
  const actions = Object.keys(ACTIONS).sort((a, b) => auditActionLabel(locale, a).localeCompare(auditActionLabel(locale, b), locale));
  const filtered = Boolean(filters.action || filters.target);
  const body = html`<h1>${t('audit.title')}</h1>
<form method="get" action="/audit" class="filters"><input type="hidden" name="lang" value="${locale}">
<label for="action">${t('audit.what')}</label><select id="action" name="action"><option value="">${t('audit.allActions')}</option>${actions.map(
    (action) => html`<option value="${action}"${selected(filters.action === action)}>${auditActionLabel(locale, action)}</option>`,
  )}</select>
<label for="target">${t('audit.target')}</label><input id="target" name="target" type="text" maxlength="200" value="${filters.target ?? ''}" placeholder="flag:…">
<p><button type="submit">${t('audit.filter')}</button>${filtered ? html` <a href="${auditHref(locale, {})}">${t('audit.clear')}</a>` : ''}</p></form>
${
  view.entries.length === 0
    ? html`<p class="muted">${t(filtered || view.before !== undefined ? 'audit.noMatch' : 'audit.empty')}</p>`
    : html`<table><thead><tr><th>#</th><th>${t('audit.when')}</th><th>${t('audit.who')}</th><th>${t('audit.what')}</th><th>${t('audit.target')}</th><th>${t('audit.from')}</th></tr></thead>
<tbody>${view.entries.map(
    (entry) =>
      html`<tr><td>${entry.seq}</td><td><time datetime="${entry.at.toISOString()}">${formatDateTime(view.locale, entry.at)}</time></td><td>${entry.actor}</td><td>${auditActionLabel(view.locale, entry.action)}<br><code class="muted">${entry.action}</code></td><td>${entry.org ?? ''} ${targetCell(locale, entry.target, t('audit.openFlag'))}</td><td>${entry.ip ?? ''}</td></tr>`,
  )}</tbody></table>`
}
<p>${view.before !== undefined ? html`<a href="${auditHref(locale, filters)}">${t('audit.newest')}</a> ` : ''}${
    view.olderThan !== undefined ? html`<a href="${auditHref(locale, { ...filters, before: view.olderThan })}" rel="next">${t('audit.older')}</a>` : ''
  }</p>`;
  return renderPage({ locale, title: t('audit.title'), body, path: auditPath({ ...filters, before: view.before }), user: view.user });
}
