import { html, type Html } from './html.js';
import { translate, type Locale } from './i18n.js';

export interface PageView {
  locale: Locale;
  title: string;
  body: Html;
  /** Path of this page, used for the language switch link. */
  path: string;
}

const STYLES = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.8rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#fff}main{padding:1.5rem;max-width:70rem}
table{border-collapse:collapse;background:#fff}td,th{padding:.4rem .8rem;border:1px solid #d5d9e0;text-align:left}
.ok{color:#1b7a35}.down{color:#b3261e}.muted{color:#5b6472}
`;

export function renderPage(view: PageView): string {
  const other: Locale = view.locale === 'fr' ? 'en' : 'fr';
  return (
    '<!doctype html>' +
    html`<html lang="${view.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.title} — ${translate(view.locale, 'app.title')}</title>
<link rel="stylesheet" href="/console.css"></head>
<body>
<header><strong>${translate(view.locale, 'app.title')}</strong>
<nav><a href="/?lang=${view.locale}">${translate(view.locale, 'nav.queue')}</a></nav>
<a href="${view.path}?lang=${other}" hreflang="${other}">${translate(view.locale, 'lang.switch')}</a></header>
<main>${view.body}</main>
</body></html>`.value
  );
}

export const CONSOLE_CSS = STYLES;
