import { html } from './html.js';
import { translate, type Locale } from './i18n.js';
import { renderPage } from './layout.js';

export interface LoginView {
  locale: Locale;
  next: string;
  email?: string;
  error?: 'failed' | 'tooMany';
}

export function renderLogin(view: LoginView): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(view.locale, key);
  const body = html`<h1>${t('login.title')}</h1>
${view.error === 'failed' ? html`<p class="error" role="alert">${t('login.failed')}</p>` : ''}
${view.error === 'tooMany' ? html`<p class="error" role="alert">${t('login.tooMany')}</p>` : ''}
<form method="post" action="/login?lang=${view.locale}">
<input type="hidden" name="next" value="${view.next}">
<label for="email">${t('login.email')}</label><input id="email" name="email" type="email" autocomplete="username" required value="${view.email ?? ''}">
<label for="password">${t('login.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">${t('login.submit')}</button></p>
</form>`;
  return renderPage({ locale: view.locale, title: t('login.title'), body, path: '/login' });
}
