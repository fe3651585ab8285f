import { html } from './html.js';
import { translate, type Locale, type MessageKey } from './i18n.js';
import { renderPage, type SignedInView } from './layout.js';

const MESSAGE_BY_STATUS: Record<number, MessageKey> = {
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
};

/**
 * A console error page: a fixed translated sentence, plus the error's own message for 400s, and a
 * link back to the form's page when the error answers a form (`formPage`), else to the queue.
 */
export function renderErrorPage(locale: Locale, status: number, detail?: string, formPage?: string, user?: SignedInView): string {
  const key = MESSAGE_BY_STATUS[status] ?? (status >= 500 ? 'error.internal' : 'error.invalid');
  const back = formPage
    ? html`<a href="${formPage}?lang=${locale}">${translate(locale, 'error.backToForm')}</a>`
    : html`<a href="/?lang=${locale}">${translate(locale, 'flag.back')}</a>`;
  const body = html`<h1>${translate(locale, 'error.title')} ${status}</h1><p class="error" role="alert">${translate(locale, key)}${
    status === 400 && detail ? html` ${detail}` : ''
  }</p><p>${back}</p>`;
  // A signed-in visitor keeps the header (menu, sign-out) on an error page too.
  return renderPage({ locale, title: translate(locale, 'error.title'), body, path: '/', ...(user ? { user } : {}) });
}
