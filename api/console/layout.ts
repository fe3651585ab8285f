import { hasRole, orgsWithRole, type Principal } from '../auth/principal.js';
import { html, type Html } from './html.js';
import { translate, type Locale } from './i18n.js';

/** Who is signed in, as the header shows it. */
export interface SignedInView {
  email: string;
  csrfToken: string;
  isAdmin: boolean;
  /** Organizations whose rules this user administers. */
  adminOf: string[];
}

export function signedInViewOf(principal: Principal): SignedInView {
  return { email: principal.email, csrfToken: principal.csrfToken ?? '', isAdmin: hasRole(principal, ['admin']), adminOf: orgsWithRole(principal, ['admin']) };
}

export interface PageView {
  locale: Locale;
  title: string;
  body: Html;
  /** Path of this page (with its query, without lang), used for the language switch link. */
  path: string;
  user?: SignedInView;
}

const STYLES = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.8rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header a,header button.link{color:#fff}main{padding:1.5rem;max-width:75rem}
table{border-collapse:collapse;background:#fff}td,th{padding:.4rem .8rem;border:1px solid #d5d9e0;text-align:left;vertical-align:top}
.ok{color:#1b7a35}.down{color:#b3261e}.muted{color:#5b6472}
.sev-urgent{background:#b3261e;color:#fff}.sev-high{background:#e8833a;color:#fff}.sev-medium{background:#f4d35e}.sev-low{background:#d5d9e0}
.badge{padding:.1rem .5rem;border-radius:.6rem;font-size:.85rem;white-space:nowrap}
.tabs a{margin-right:1rem}.tabs a.current{font-weight:bold}
.post{white-space:pre-wrap;background:#fff;border:1px solid #d5d9e0;padding:1rem}
mark{background:#ffe08a;padding:0 .1rem}
form.inline{display:inline}label{display:block;margin:.5rem 0 .2rem}
textarea{width:100%;min-height:6rem}input[type=text],input[type=email],input[type=password]{min-width:18rem}
.error{background:#fde8e6;border:1px solid #b3261e;padding:.6rem 1rem}
.notice{white-space:pre-wrap;background:#eef4fb;padding:.6rem 1rem}
textarea.code{min-height:24rem;font-family:monospace}
img.shot{max-width:100%;border:1px solid #d5d9e0}
td.url{word-break:break-all;max-width:22rem}
button.link{background:none;border:none;padding:0;text-decoration:underline;cursor:pointer;font:inherit}
`;

/** A console path with the page language added to its query. */
export function withLang(path: string, locale: Locale): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}

export function renderPage(view: PageView): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(view.locale, key);
  const other: Locale = view.locale === 'fr' ? 'en' : 'fr';
  const nav = view.user
    ? html`<nav><a href="${withLang('/', view.locale)}">${t('nav.queue')}</a> <a href="${withLang('/?item=report', view.locale)}">${t('nav.reports')}</a> <a href="${withLang('/groups', view.locale)}">${t('nav.groups')}</a>
${view.user.adminOf.map((org) => html` <a href="${withLang(`/rules/${org}`, view.locale)}">${t('nav.rules')} (${org})</a> <a href="${withLang(`/organizations/${org}`, view.locale)}">${t('nav.organization')} (${org})</a>`)}
${view.user.isAdmin ? html` <a href="${withLang('/sources', view.locale)}">${t('nav.sources')}</a> <a href="${withLang('/audit', view.locale)}">${t('nav.audit')}</a>` : ''}</nav>
<span>${view.user.email}</span>
<form class="inline" method="post" action="/logout"><input type="hidden" name="_csrf" value="${view.user.csrfToken}">
<button class="link" type="submit">${t('nav.logout')}</button></form>`
    : '';
  return (
    '<!doctype html>' +
    html`<html lang="${view.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.title} — ${t('app.title')}</title>
<link rel="stylesheet" href="/console.css"></head>
<body>
<header><strong>${t('app.title')}</strong>${nav}
<a href="${withLang(view.path, other)}" hreflang="${other}">${t('lang.switch')}</a></header>
<main>${view.body}</main>
</body></html>`.value
  );
}

export const CONSOLE_CSS = STYLES;
