import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../crawler/chromium.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser, createTwoOrganizations } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let browser: Browser;

beforeAll(async () => {
  context = await createTestContext('console-e2e');
  api = await startApi(apiDepsOf(context));
  browser = await launchChromium(context.config.crawler.chromiumPath);
  await createTwoOrganizations(context);
});

afterAll(async () => {
  await browser?.close();
  await api.close();
  await context.dispose();
});

async function signInThroughTheForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${api.base}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('button[type=submit]')]);
}

/** Runs `use` in a page of a fresh browser context (its own cookies) speaking `locale`; closed after. */
async function inFreshPage(locale: string, use: (page: Page) => Promise<void>): Promise<void> {
  const browserContext = await browser.newContext({ locale });
  try {
    await use(await browserContext.newPage());
  } finally {
    await browserContext.close();
  }
}

describe('review console in Chromium', () => {
  it('when a reviewer signs in, claims a flag and decides it, then the flag is resolved and every step is audited', async () => {
    const text = 'Tu es un imbécile <img src=x onerror=alert(1)> et tout le monde le sait.';
    const { flagId } = await aFlaggedPost(context, {
      org: 'org-a',
      category: 'cyberbullying',
      severity: 'high',
      text,
      spans: [{ start: 9, end: 17, text: 'imbécile' }],
    });
    const reviewer = await aUser(context, [{ org: 'org-a', role: 'reviewer' }]);
    const dialogs: string[] = [];
    await inFreshPage('fr-CA', async (page) => {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await signInThroughTheForm(page, reviewer.email, reviewer.password);
      await expect.poll(() => page.locator(`tr[data-flag="${flagId}"]`).count()).toBe(1);
      expect(await page.locator('[data-count="open"]').textContent()).toBe('1');

      await Promise.all([page.waitForURL(`**/flags/${flagId}**`), page.click(`tr[data-flag="${flagId}"] a`)]);
      expect(await page.locator('[data-testid=post-text] mark').textContent()).toBe('imbécile');
      expect(await page.locator('[data-testid=post-text]').textContent()).toBe(text);

      await Promise.all([page.waitForLoadState('load'), page.click('text=Prendre en charge')]);
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('claimed');

      await page.check('input[name=kind][value=warn]');
      await page.fill('#rationale', 'Insulte directe envers un autre membre du groupe.');
      await Promise.all([page.waitForLoadState('load'), page.click('button[value=stay]')]);

      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('resolved');
      expect(await page.locator('[data-decision]').getAttribute('data-decision')).toBe('warn');
      expect(await page.locator('.notice').textContent()).toContain('avertissement');
      expect(dialogs).toEqual([]);
    });

    const flag = await context.store.models.Flag.findById(flagId).lean();
    expect(flag!.status).toBe('resolved');
    expect(flag!.decision!.rationale).toBe('Insulte directe envers un autre membre du groupe.');
    const actions = (await context.store.models.AuditEvent.find({ target: `flag:${flagId}` }).sort({ seq: 1 }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['flag.view', 'flag.claim', 'flag.decide']));
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'login', actor: `user:${reviewer.id}` })).toBe(1);
  });

  it('when a decision is refused (a rationale of spaces passes the browser but not the server), then the flag page says why in French with what was typed, and nothing is decided', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', category: 'cyberbullying', severity: 'medium' });
    const reviewer = await aUser(context, [{ org: 'org-a', role: 'reviewer' }]);
    await inFreshPage('fr-CA', async (page) => {
      await signInThroughTheForm(page, reviewer.email, reviewer.password);
      await page.goto(`${api.base}/flags/${flagId}`);
      await Promise.all([page.waitForLoadState('load'), page.click('text=Prendre en charge')]);
      await page.check('input[name=kind][value=suspend]');
      await page.fill('#rationale', '          vu');
      const [refused] = await Promise.all([page.waitForResponse((response) => response.url().includes('/decision')), page.click('button[value=stay]')]);
      await page.waitForLoadState('load');

      expect(refused.status()).toBe(400);
      expect(new URL(page.url()).pathname).toBe(`/flags/${flagId}/decision`);
      expect(await page.locator('[role=alert]').textContent()).toMatch(/^Données invalides : form\.rationale : Trop petit/);
      expect(await page.locator('input[name=kind][value=suspend]').isChecked()).toBe(true);
      expect(await page.inputValue('#rationale')).toBe('          vu');
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('claimed');

      // The reviewer completes the rationale on the same page and the decision goes through.
      await page.fill('#rationale', 'Propos blessants répétés envers un membre.');
      await Promise.all([page.waitForURL(`**/flags/${flagId}?lang=fr`), page.click('button[value=stay]')]);
      expect(await page.locator('[data-decision]').getAttribute('data-decision')).toBe('suspend');
    });
    const flag = await context.store.models.Flag.findById(flagId).lean();
    expect(flag!.decision).toMatchObject({ kind: 'suspend', rationale: 'Propos blessants répétés envers un membre.' });
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'flag.decide', target: `flag:${flagId}` })).toBe(1);
  });

  it('when a reviewer of another organization signs in, then the queue is empty and the flag page is not found', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', category: 'threat', severity: 'high' });
    const outsider = await aUser(context, [{ org: 'org-b', role: 'reviewer' }]);
    await inFreshPage('en-CA', async (page) => {
      await signInThroughTheForm(page, outsider.email, outsider.password);
      expect(await page.locator('tr[data-flag]').count()).toBe(0);
      expect(await page.textContent('main')).toContain('No flags in this view.');

      const response = await page.goto(`${api.base}/flags/${flagId}`);
      expect(response!.status()).toBe(404);
      expect(await page.textContent('main')).toContain('Page not found.');
    });
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied', target: `flag:${flagId}` })).toBe(1);
  });

  it('when the password is wrong, then the form says so in French and no session is opened', async () => {
    const user = await aUser(context, [{ org: 'org-a', role: 'reviewer' }]);
    await inFreshPage('fr-CA', async (page) => {
      await page.goto(`${api.base}/login`);
      await page.fill('#email', user.email);
      await page.fill('#password', 'mauvais-mot-de-passe');
      await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);

      expect(await page.textContent('[role=alert]')).toBe('Courriel ou mot de passe incorrect, ou compte désactivé.');
      expect(await page.context().cookies()).toEqual([]);
    });
  });
});
