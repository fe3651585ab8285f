import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../crawler/chromium.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { aFlaggedPost, aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { noteReliability } from '../support/reliability.js';

const PAYLOADS = readFileSync(join(PROJECT_ROOT, 'fixtures/hostile/xss-payloads.txt'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('# '));

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let browser: Browser;
const flagIds: string[] = [];
let reviewer: { email: string; password: string };

beforeAll(async () => {
  context = await createTestContext('console-xss');
  api = await startApi(apiDepsOf(context));
  browser = await launchChromium(context.config.crawler.chromiumPath);
  await upsertOrganization(context.store.models, { slug: 'org-x', name: 'Org <b>X</b>' });
  reviewer = await aUser(context, [{ org: 'org-x', role: 'reviewer' }]);
  for (const payload of PAYLOADS) {
    const text = `Tu es un imbécile ${payload}`;
    const { flagId } = await aFlaggedPost(context, { org: 'org-x', text, author: payload.slice(0, 200), spans: [{ start: 9, end: 17, text: 'imbécile' }] });
    flagIds.push(flagId);
  }
});

afterAll(async () => {
  await browser?.close();
  await api.close();
  await context.dispose();
});

describe('crawled text in the console', () => {
  it(`when ${PAYLOADS.length} XSS payloads are shown as posts and authors in the queue and on each flag page, then no script runs and the text is shown as typed`, async ({ task }) => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    noteReliability(task, { kind: 'bad-inputs', family: 'XSS', tried: PAYLOADS.length });
    const browserContext = await browser.newContext();
    const page = await browserContext.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(`${api.base}/login?lang=fr`);
      await page.fill('#email', reviewer.email);
      await page.fill('#password', reviewer.password);
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('button[type=submit]')]);
      await page.goto(`${api.base}/?pageSize=100&lang=fr`);
      expect(await page.locator('tr[data-flag]').count()).toBe(100);
      expect(await page.evaluate('document.scripts.length')).toBe(0);

      for (const [index, flagId] of flagIds.entries()) {
        await page.goto(`${api.base}/flags/${flagId}?lang=fr`);
        expect(await page.locator('[data-testid=post-text]').textContent()).toBe(`Tu es un imbécile ${PAYLOADS[index]}`);
        expect(await page.evaluate('document.scripts.length + document.querySelectorAll("iframe,object,embed,svg,math,video,audio,base,meta[http-equiv]").length')).toBe(0);
      }
      expect(dialogs).toEqual([]);
    } finally {
      await browserContext.close();
    }
  }, 180_000);
});
