import { html } from './html.js';
import { translate, type Locale } from './i18n.js';
import { renderPage } from './layout.js';

export interface HomeView {
  locale: Locale;
  counts: { open: number; claimed: number; escalated: number; resolved: number };
  organizations: { slug: string; name: string; demo: boolean }[];
  health: { store: boolean; redis: boolean };
}

export function renderHome(view: HomeView): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(view.locale, key);
  const status = (up: boolean) =>
    up ? html`<span class="ok">${t('health.ok')}</span>` : html`<span class="down">${t('health.down')}</span>`;
  const total = view.counts.open + view.counts.claimed + view.counts.escalated;
  const body = html`
<h1>${t('queue.title')}</h1>
<table><tr><th>${t('queue.open')}</th><th>${t('queue.claimed')}</th><th>${t('queue.escalated')}</th><th>${t('queue.resolved')}</th></tr>
<tr><td data-count="open">${view.counts.open}</td><td data-count="claimed">${view.counts.claimed}</td>
<td data-count="escalated">${view.counts.escalated}</td><td data-count="resolved">${view.counts.resolved}</td></tr></table>
${total === 0 ? html`<p class="muted">${t('queue.empty')}</p>` : ''}
<h2>${t('orgs.title')}</h2>
${
  view.organizations.length === 0
    ? html`<p class="muted">${t('orgs.none')}</p>`
    : html`<ul>${view.organizations.map(
        (org) => html`<li>${org.name} <span class="muted">(${org.slug}${org.demo ? html`, ${t('orgs.demo')}` : ''})</span></li>`,
      )}</ul>`
}
<h2>${t('nav.health')}</h2>
<ul><li>${t('health.store')} : ${status(view.health.store)}</li><li>${t('health.redis')} : ${status(view.health.redis)}</li></ul>`;
  return renderPage({ locale: view.locale, title: t('queue.title'), body, path: '/' });
}
