import type { RulePrecision } from '../../db/flag-review-repository.js';
import type { BacktestReport, RulesOverview } from '../review/rules-service.js';
import { html } from './html.js';
import { colonIn, labelIn, translate, type Locale, type MessageKey } from './i18n.js';
import { categoryLabel } from './queue-view.js';
import { renderPage, type SignedInView } from './layout.js';

export interface RulesPageView {
  locale: Locale;
  user: SignedInView;
  overview: RulesOverview;
  precision: RulePrecision[];
  /** The text in the upload box: the last attempt, or the pack in force. */
  draft?: string;
  /** The justification typed with a refused upload, shown again with it. */
  draftRationale?: string;
  /** The justification typed with a refused activation, shown again beside its version. */
  activationDraft?: { version: string; rationale: string };
  errors?: string[];
  saved?: string;
  backtest?: BacktestReport;
}

/** "87 %" in French, "87%" in English. */
const percentIn = (locale: Locale, value: number | null) =>
  value === null ? '—' : `${Math.round(value * 100)}${locale === 'fr' ? ' %' : '%'}`;

export function renderRules(view: RulesPageView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const label = (key: MessageKey) => labelIn(view.locale, key);
  const { overview, locale } = view;
  const percent = (value: number | null) => percentIn(locale, value);
  const describeSample = (sample: BacktestReport['samples']['added'][number]) =>
    `${categoryLabel(locale, sample.category)} (${sample.ruleIds.join(', ')})${colonIn(locale)} ${sample.excerpt}`;
  const head = (...keys: MessageKey[]) => html`<thead><tr>${keys.map((key) => html`<th>${t(key)}</th>`)}</tr></thead>`;
  const csrf = html`<input type="hidden" name="_csrf" value="${view.user.csrfToken}">`;
  const base = `/rules/${overview.org}`;
  const backtest = view.backtest;
  const body = html`<h1>${t('rules.title')} ${overview.org}</h1>
${view.saved ? html`<p role="status">${t('rules.saved')} <code data-saved>${view.saved}</code></p>` : ''}
${view.errors ? html`<div class="error" role="alert"><ul>${view.errors.map((error) => html`<li>${error}</li>`)}</ul></div>` : ''}
<p>${label('rules.active')} <code data-active>${overview.active.version}</code> (${overview.active.source === 'stored' ? t('rules.stored') : t('rules.shipped')})</p>
${
  backtest
    ? html`<h2>${label('rules.report')} <code>${backtest.candidate}</code></h2>
<p data-backtest>${label('rules.posts')} ${backtest.posts} · ${label('rules.added')} <strong data-added>${backtest.flags.added}</strong>
· ${label('rules.lost')} <strong data-lost>${backtest.flags.lost}</strong> · ${label('rules.estimated')} ${percent(backtest.estimatedPrecision)}</p>
<table>${head('rules.col.rule', 'rules.col.flags', 'rules.col.pastPrecision')}<tbody>${backtest.perRule.map((rule) => html`<tr><td>${rule.ruleId}</td><td>${rule.active} → ${rule.candidate}</td><td>${percent(rule.pastPrecision)}</td></tr>`)}</tbody></table>
<ul>${backtest.samples.added.map((sample) => html`<li>+ ${describeSample(sample)}</li>`)}
${backtest.samples.lost.map((sample) => html`<li>− ${describeSample(sample)}</li>`)}</ul>`
    : ''
}
<h2>${t('rules.versions')}</h2>
${
  overview.versions.length === 0
    ? html`<p class="muted">${t('rules.noVersions')}</p>`
    : html`<table>${head('rules.col.version', 'rules.author', 'rules.col.rationale')}<tbody>${overview.versions.map(
        (version) => html`<tr data-version="${version.version}"><td><code>${version.version}</code>${version.active ? html` <strong>✓</strong>` : ''}</td>
<td>${version.author}</td><td>${version.rationale}</td>
<td><form method="post" action="${base}/versions/${version.version}/backtest?lang=${locale}">${csrf}<button type="submit">${t('rules.backtest')}</button></form></td>
<td>${version.active ? '' : html`<form method="post" action="${base}/versions/${version.version}/activate?lang=${locale}">${csrf}
<input type="text" name="rationale" required minlength="10" maxlength="2000" placeholder="${t('flag.rationale')}" aria-label="${t('flag.rationale')}" value="${view.activationDraft?.version === version.version ? view.activationDraft.rationale : ''}"><button type="submit">${t('rules.activate')}</button></form>`}</td></tr>`,
      )}</tbody></table>`
}
<h2>${t('rules.upload')}</h2>
<form method="post" action="${base}/versions?lang=${locale}">${csrf}
<label for="pack">${t('rules.pack')}</label><textarea id="pack" name="pack" class="code" required>${view.draft ?? overview.active.files[0]?.content ?? ''}</textarea>
<label for="rationale">${t('flag.rationale')}</label><input id="rationale" name="rationale" type="text" required minlength="10" maxlength="2000" value="${view.draftRationale ?? ''}">
<p><button type="submit">${t('rules.save')}</button></p></form>
<h2>${t('rules.precision')}</h2>
${
  view.precision.length === 0
    ? html`<p class="muted">${t('rules.noDecisions')}</p>`
    : html`<table>${head('rules.col.rule', 'rules.col.decisions', 'rules.col.precision')}<tbody>${view.precision.map(
        (rule) => html`<tr><td>${rule.ruleId}</td><td>${rule.confirmed} / ${rule.dismissed}</td><td>${percent(rule.precision)}</td></tr>`,
      )}</tbody></table>`
}`;
  return renderPage({ locale, title: `${t('rules.title')} ${overview.org}`, body, path: base, user: view.user });
}
