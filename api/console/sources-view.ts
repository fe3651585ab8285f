import { SCHEDULE } from '../../crawler/schedule.js';
import { SOURCE_STATES } from '../../db/models/sources.js';
import type { SourceView } from '../review/source-service.js';
import { html } from './html.js';
import { formatDateTime, translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

export interface SourcesPageView {
  locale: Locale;
  user: SignedInView;
  sources: SourceView[];
  /** After "crawl now": the request is queued, or saved while the job queue is down. */
  notice?: { kind: 'requested' | 'queueDown'; sourceId: string };
}

/** Source files write schedules in English ("every 30 minutes"); French readers get them in French. */
const FRENCH_UNITS: Record<string, { one: string; many: string }> = {
  minute: { one: 'chaque minute', many: 'toutes les {n} minutes' },
  hour: { one: 'chaque heure', many: 'toutes les {n} heures' },
  day: { one: 'chaque jour', many: 'tous les {n} jours' },
};

export function scheduleIn(locale: Locale, schedule: string): string {
  const match = SCHEDULE.exec(schedule);
  if (locale === 'en' || !match) return schedule;
  const count = Number(match[1]);
  const unit = FRENCH_UNITS[match[2]!]!;
  return count === 1 ? unit.one : unit.many.replace('{n}', String(count));
}

function stateLabel(locale: Locale, state: string): string {
  return (SOURCE_STATES as readonly string[]).includes(state) ? translate(locale, `sources.state.${state}` as MessageKey) : state;
}

export function renderSources(view: SourcesPageView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const { locale } = view;
  const csrf = html`<input type="hidden" name="_csrf" value="${view.user.csrfToken}">`;
  const notice = view.notice
    ? html`<p class="${view.notice.kind === 'requested' ? 'notice' : 'error'}" role="${view.notice.kind === 'requested' ? 'status' : 'alert'}">${t(`sources.${view.notice.kind}`)} <code>${view.notice.sourceId}</code></p>`
    : '';
  const progressOf = (source: SourceView) => {
    const progress = source.status.progress;
    if (!progress) return '';
    return html`<br><span class="muted">${t('sources.progress')} ${progress.pages} · ${t('sources.postsRead')} ${progress.postsRead} · ${t('sources.postsStored')} ${progress.postsStored}</span>`;
  };
  const rows = view.sources.map(
    (source) => html`<tr data-source="${source.sourceId}"><td><code>${source.sourceId}</code><br>${source.org}</td>
<td>${source.type}</td><td class="url">${source.url}</td><td>${scheduleIn(locale, source.schedule)}${source.enabled ? '' : html`<br><strong>${t('sources.disabled')}</strong>`}</td>
<td><span class="${source.status.state === 'failed' || source.status.state === 'rejected' ? 'down' : ''}" data-state="${source.status.state}">${stateLabel(locale, source.status.state)}</span>${progressOf(source)}</td>
<td>${source.status.lastRunAt ? html`<time datetime="${source.status.lastRunAt}">${formatDateTime(locale, source.status.lastRunAt)}</time>` : html`<span class="muted">${t('sources.never')}</span>`}</td>
<td>${source.status.itemsSeen}</td><td>${(locale === 'fr' ? source.status.lastErrorFr : source.status.lastError) ?? ''}</td>
<td><form method="post" action="/sources/${source.sourceId}/crawl?lang=${locale}">${csrf}<button type="submit">${t('sources.crawlNow')}</button></form></td></tr>`,
  );
  const body = html`<h1>${t('sources.title')}</h1>
<p>${t('sources.intro')}</p>
${notice}
${
  view.sources.length === 0
    ? html`<p class="muted">${t('sources.none')}</p>`
    : html`<table><thead><tr><th>${t('sources.col.source')}</th><th>${t('sources.col.type')}</th><th>${t('sources.col.url')}</th><th>${t('sources.col.schedule')}</th>
<th>${t('sources.col.state')}</th><th>${t('sources.col.lastRun')}</th><th>${t('sources.col.items')}</th><th>${t('sources.col.error')}</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>`
}`;
  return renderPage({ locale, title: t('sources.title'), body, path: '/sources', user: view.user });
}
