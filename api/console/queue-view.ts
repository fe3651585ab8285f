import type { FlagSummary } from '../review/flag-summary.js';
import { html } from './html.js';
import { formatDateTime, labelIn, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

export const QUEUE_VIEWS = ['open', 'claimed', 'escalated', 'resolved'] as const;

export interface QueueView {
  locale: Locale;
  user: SignedInView;
  view: (typeof QUEUE_VIEWS)[number];
  counts: Record<(typeof QUEUE_VIEWS)[number], number>;
  items: FlagSummary[];
  page: number;
  hasNext: boolean;
  filters: { org?: string; item?: string; category?: string; severity?: string; source?: string; lang?: string };
  organizations: { slug: string; name: string }[];
  categories: readonly string[];
  /** This page's query string without lang and page, for links. */
  queryBase: string;
  health: { store: boolean; redis: boolean };
}

export function categoryLabel(locale: Locale, category: string): string {
  const key = `category.${category}` as MessageKey;
  try {
    return translate(locale, key);
  } catch {
    return category;
  }
}


export function renderQueue(view: QueueView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const label = (key: MessageKey) => labelIn(view.locale, key);
  const status = (up: boolean) => (up ? html`<span class="ok">${t('health.ok')}</span>` : html`<span class="down">${t('health.down')}</span>`);
  const link = (query: string) => `/?${query}${query ? '&' : ''}lang=${view.locale}`;
  const select = (name: string, label: MessageKey, options: { value: string; label: string }[], current?: string) =>
    html`<label>${t(label)} <select name="${name}"><option value="">${t('filters.any')}</option>${options.map(
      (option) => html`<option value="${option.value}"${option.value === current ? html` selected` : ''}>${option.label}</option>`,
    )}</select></label>`;
  const rows = view.items.map(
    (item) => html`<tr data-flag="${item.id}">
<td><span class="badge sev-${item.severity}">${t(`severity.${item.severity}` as MessageKey)}</span></td>
<td><a href="/flags/${item.id}?lang=${view.locale}">${categoryLabel(view.locale, item.category)}</a><br><span class="muted">${item.org}</span></td>
<td>${item.excerpt}</td>
<td>${item.author ?? ''}</td>
<td>${formatDateTime(view.locale, item.createdAt)}</td>
<td>${item.claim ? (item.claim.mine ? t('queue.claimedByMe') : t('queue.claimedByOther')) : ''}</td></tr>`,
  );
  const filterQuery = new URLSearchParams(view.queryBase);
  const viewLink = (name: (typeof QUEUE_VIEWS)[number]) => {
    const query = new URLSearchParams(filterQuery);
    query.set('view', name);
    return link(query.toString());
  };
  const pageLink = (page: number) => {
    const query = new URLSearchParams(filterQuery);
    query.set('view', view.view);
    query.set('page', String(page));
    return link(query.toString());
  };
  const body = html`<h1>${t('queue.title')}</h1>
<p class="tabs">${QUEUE_VIEWS.map(
    (name) =>
      html`<a href="${viewLink(name)}" class="${name === view.view ? 'current' : ''}">${t(`queue.${name}` as MessageKey)} (<span data-count="${name}">${view.counts[name]}</span>)</a>`,
  )}</p>
<form method="get" action="/"><input type="hidden" name="view" value="${view.view}"><input type="hidden" name="lang" value="${view.locale}">
${select('org', 'filters.org', view.organizations.map((org) => ({ value: org.slug, label: org.name })), view.filters.org)}
${select('item', 'filters.item', (['post', 'report', 'group'] as const).map((item) => ({ value: item, label: t(`item.${item}`) })), view.filters.item)}
${select('category', 'filters.category', view.categories.map((c) => ({ value: c, label: categoryLabel(view.locale, c) })), view.filters.category)}
${select('severity', 'filters.severity', ['urgent', 'high', 'medium', 'low'].map((s) => ({ value: s, label: t(`severity.${s}` as MessageKey) })), view.filters.severity)}
<button type="submit">${t('filters.apply')}</button></form>
${
  view.items.length === 0
    ? html`<p class="muted">${t('queue.none')}</p>`
    : html`<table><thead><tr><th>${t('queue.col.severity')}</th><th>${t('queue.col.category')}</th><th>${t('queue.col.excerpt')}</th>
<th>${t('queue.col.author')}</th><th>${t('queue.col.age')}</th><th>${t('queue.col.claim')}</th></tr></thead><tbody>${rows}</tbody></table>`
}
<p>${view.page > 1 ? html`<a href="${pageLink(view.page - 1)}">${t('queue.previous')}</a> ` : ''}${view.hasNext ? html`<a href="${pageLink(view.page + 1)}">${t('queue.next')}</a>` : ''}</p>
<h2>${t('nav.health')}</h2>
<ul><li>${label('health.store')} ${status(view.health.store)}</li><li>${label('health.redis')} ${status(view.health.redis)}</li></ul>`;
  const path = view.queryBase ? `/?${view.queryBase}` : '/';
  return renderPage({ locale: view.locale, title: t('queue.title'), body, path, user: view.user });
}
