import { html } from './html.js';
import { translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage } from './layout.js';

const MESSAGE_BY_STATUS: Record<number, MessageKey> = {
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
};

/** A console error page: a fixed translated sentence, plus the error's own message for 400s. */
export function renderErrorPage(locale: Locale, status: number, detail?: string): string {
  const key = MESSAGE_BY_STATUS[status] ?? (status >= 500 ? 'error.internal' : 'error.invalid');
  const body = html`<h1>${translate(locale, 'error.title')} ${status}</h1><p class="error" role="alert">${translate(locale, key)}${
    status === 400 && detail ? html` ${detail}` : ''
  }</p><p><a href="/?lang=${locale}">${translate(locale, 'flag.back')}</a></p>`;
  return renderPage({ locale, title: translate(locale, 'error.title'), body, path: '/' });
}
