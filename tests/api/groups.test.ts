import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupInspector } from '../../app/group-inspector.js';
import { buildProcessors } from '../../app/processors.js';
import { createBrowserTabs } from '../../crawler/browser-tabs.js';
import { launchChromium } from '../../crawler/chromium.js';
import { insertGroup } from '../../db/group-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { startWorkerPool, type WorkerPool } from '../../jobs/worker.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { apiDepsOf, signIn, startApi, type Session } from '../support/api-client.js';
import { aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startFixtureServer } from '../support/fixture-server.js';
import { eventually } from '../support/processes.js';
import { startSmtpReceiver } from '../support/smtp-receiver.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let deps: ReturnType<typeof apiDepsOf>;
let site: Awaited<ReturnType<typeof startFixtureServer>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let pool: WorkerPool;
let resources: ReturnType<typeof buildProcessors>;
let reviewer: Session;
let browser: Browser;
let logoPng: Buffer;

/** The group pages the fixture site serves; tests edit them to play the creator fixing the group. */
const pages: Record<string, string> = {};

function groupPage(options: { name: string; description: string; withLogo: boolean }): string {
  return `<!doctype html><html lang="fr"><head><title>${options.name}</title>
<meta property="og:title" content="${options.name}"></head><body>
<h1 data-group-name>${options.name}</h1>
${options.withLogo ? '<img data-avatar src="/logo.png" alt="">' : '<img data-avatar src="/avatar.png" alt="">'}
<div data-group-description>${options.description}</div>
<span data-member-count>1 204 membres</span></body></html>`;
}

const BROKEN = { name: 'Groupe de soutien de Portage Ontario', description: '<p>Entraide entre anciens.</p>', withLogo: true };
const FIXED = {
  name: 'Groupe de soutien de Portage Ontario – NON OFFICIEL',
  description: '<p>Entraide entre anciens. Site : <a href="https://portage.ca">portage.ca</a> · Page officielle : <a href="https://www.facebook.com/PortageCanada">Portage</a></p>',
  withLogo: false,
};

beforeAll(async () => {
  logoPng = await sharp(readFileSync(join(PROJECT_ROOT, 'rules/logos/portage-demo.svg'))).resize(120, 120).jpeg({ quality: 60 }).toBuffer();
  const avatar = await sharp({ create: { width: 120, height: 120, channels: 3, background: '#3a7d44' } }).png().toBuffer();
  site = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/logo.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(logoPng),
    '/avatar.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(avatar),
    '/groups/api': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.api),
    '/groups/e2e': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.e2e),
    // A group page built by script, like the big platforms' public pages: the static HTML is empty.
    '/groups/js': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><body><div id="app"></div><script>
setTimeout(function () {
  document.getElementById('app').innerHTML = '<h1 data-group-name>Portage Québec entraide</h1>' +
    '<img data-avatar src="/logo.png"><div data-group-description>Pour les familles. portage.ca</div>';
}, 50);</script></body></html>`),
  });
  smtp = await startSmtpReceiver();
  context = await createTestContext('groups', {
    MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: site.host,
    MONITOR_CRAWLER_MIN_DELAY_MS: '0',
    MONITOR_SMTP_URL: smtp.url,
    MONITOR_PUBLIC_URL: 'https://monitor.example.org',
  });
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
  deps = apiDepsOf(context);
  api = await startApi(deps);
  resources = buildProcessors(context);
  pool = await startWorkerPool({ redisUrl: context.redisUrl, prefix: context.config.jobs.queuePrefix, concurrency: 2, processors: { notify: resources.processors.notify! } });
  const staff = await aUser(context, [{ org: 'portage', role: 'reviewer' }]);
  reviewer = await signIn(api.base, staff.email, staff.password);
  browser = await launchChromium(context.config.crawler.chromiumPath);
});

afterAll(async () => {
  await browser?.close();
  await pool.close(5_000);
  await resources.close();
  await api.close();
  await deps.groups.close();
  await smtp.close();
  await site.close();
  await context.dispose();
});

const registration = (path: string) => ({
  org: 'portage',
  platform: 'facebook',
  url: `${site.base}${path}`,
  name: 'Groupe de soutien de Portage Ontario',
  description: 'Entraide entre anciens.',
  creatorEmail: 'createur@example.org',
  accessConsent: true,
});

interface Status {
  id: string;
  name: string;
  compliant: boolean;
  findings: { category: string; explanation: { fr: string } }[];
  token: string;
  link: string;
  fixDeadline?: string;
}

describe('POST /api/groups', () => {
  it('when a creator registers a non-compliant group, then the checks say what to fix, flags reach the queue, and the creator gets a bilingual e-mail with a deadline', async () => {
    pages.api = groupPage(BROKEN);

    const response = await fetch(`${api.base}/api/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(registration('/groups/api')) });
    const status = (await response.json()) as Status;

    expect(response.status).toBe(201);
    expect(status.findings.map((f) => f.category).sort()).toEqual(['logo_misuse', 'missing_official_links', 'missing_unofficial_label']);
    expect(status.findings.find((f) => f.category === 'missing_unofficial_label')!.explanation.fr).toContain('Ajoutez « NON OFFICIEL » au nom du groupe');
    expect(status.findings.find((f) => f.category === 'missing_official_links')!.explanation.fr).toContain('https://portage.ca');
    expect(status.fixDeadline).toBeDefined();
    const queue = await reviewer.json<{ items: { itemType: string; category: string }[] }>('GET', '/api/flags?pageSize=100');
    expect(queue.body.items.filter((item) => item.itemType === 'group').map((item) => item.category).sort()).toEqual([
      'logo_misuse', 'missing_official_links', 'missing_unofficial_label',
    ]);
    const mail = await eventually(() => smtp.messages.find((m) => m.to.includes('createur@example.org')), (found) => found !== undefined, 20_000);
    expect(mail!.raw).toContain(status.link.replace(/=/g, '=3D').slice(0, 30));
    expect(mail!.raw).toMatch(/Hello,/);
    // Staff see the notice sent to the creator and the deadline on the group's flag.
    const groupFlag = queue.body.items.find((item) => item.itemType === 'group') as unknown as { id: string };
    const detail = await eventually(
      () => reviewer.json<{ notices: { to: string; status: string }[]; fixDeadline?: string }>('GET', `/api/flags/${groupFlag.id}`),
      (found) => found.body.notices.some((n) => n.status === 'sent'),
      20_000,
    );
    expect(detail.body.notices).toEqual([expect.objectContaining({ to: 'createur@example.org', status: 'sent' })]);
    expect(detail.body.fixDeadline).toBe(status.fixDeadline);
  });

  it('when the creator fixes the page and re-checks with the link token, then it passes and the flags close as fixed, audited', async () => {
    const created = await fetch(`${api.base}/api/groups?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...registration('/groups/api'), url: `${site.base}/groups/api?copy=2` }) });
    const { id, token } = (await created.json()) as Status;
    pages.api = groupPage(FIXED);

    const withoutToken = await fetch(`${api.base}/api/groups/${id}/recheck`, { method: 'POST' });
    const recheck = await fetch(`${api.base}/api/groups/${id}/recheck`, { method: 'POST', headers: { 'x-group-token': token } });
    const status = (await recheck.json()) as Status;

    expect(withoutToken.status).toBe(404);
    expect(recheck.status).toBe(200);
    expect(status).toMatchObject({ compliant: true, findings: [] });
    const flags = await context.store.models.Flag.find({ itemType: 'group', itemId: id }).lean();
    expect(flags.every((flag) => flag.status === 'resolved' && flag.decision?.kind === 'fixed')).toBe(true);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'flag.closed_fixed' })).toBe(3);
    expect((await reviewer.request('GET', `/api/groups/${id}`)).status).toBe(200);
  });

  it('when the URL is not a public web address or fields are missing, then it is 400 naming them and nothing is stored', async () => {
    const before = await context.store.models.Group.countDocuments();
    const post = (body: unknown) => fetch(`${api.base}/api/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const fileUrl = await post({ ...registration('/x'), url: 'file:///etc/passwd' });
    const privateUrl = await post({ ...registration('/x'), url: 'http://10.0.0.7/group' });
    const missing = await post({ org: 'portage', platform: 'facebook' });

    expect(fileUrl.status).toBe(400);
    expect(((await fileUrl.json()) as { error: { message: string } }).error.message).toBe('url: scheme not allowed: file');
    expect(privateUrl.status).toBe(400);
    expect(((await privateUrl.json()) as { error: { message: string } }).error.message).toMatch(/^url: .*10\.0\.0\.7/);
    expect(missing.status).toBe(400);
    expect(await context.store.models.Group.countDocuments()).toBe(before);
  });
});

describe('POST /api/groups when the name resolver fails for now', () => {
  it('when the resolver cannot answer (EAI_AGAIN), then the registration is kept and checked on the details entered, not refused', async () => {
    const resolverDown = async (name: string): Promise<string[]> => {
      throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${name}`), { code: 'EAI_AGAIN' });
    };
    const flakyApi = await startApi({ ...deps, urlGuard: { ...deps.urlGuard, resolve: resolverDown } });
    try {
      const response = await fetch(`${flakyApi.base}/api/groups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...registration('/x'), url: 'https://groupes.example.org/anciens-portage', name: 'Anciens de Portage' }),
      });
      const status = (await response.json()) as Status & { pageError?: string };

      expect(response.status).toBe(201);
      // The page could not be read, so the checks ran on the name and description entered.
      expect(status.pageError).toBeDefined();
      expect(status.findings.map((f) => f.category)).toContain('missing_unofficial_label');
      const stored = await context.store.models.Group.findById(status.id).lean();
      expect(stored).toMatchObject({ url: 'https://groupes.example.org/anciens-portage', registered: true });
    } finally {
      await flakyApi.close();
    }
  });
});

describe('lists and official accounts', () => {
  it('when a group_creator account signs in, then it lists only the groups it registered; staff list all of their organization', async () => {
    const creator = await aUser(context, [{ org: 'portage', role: 'group_creator' }], 'createur@example.org');
    const creatorSession = await signIn(api.base, creator.email, creator.password);
    const other = await aUser(context, [{ org: 'portage', role: 'group_creator' }]);
    const otherSession = await signIn(api.base, other.email, other.password);

    const mine = await creatorSession.json<{ groups: { url: string }[] }>('GET', '/api/groups');
    const theirs = await otherSession.json<{ groups: unknown[] }>('GET', '/api/groups');
    const staff = await reviewer.json<{ groups: unknown[] }>('GET', '/api/groups');

    expect(mine.body.groups.length).toBeGreaterThanOrEqual(2);
    expect(theirs.body.groups).toEqual([]);
    expect(staff.body.groups.length).toBeGreaterThanOrEqual(mine.body.groups.length);
    const page = await (await reviewer.request('GET', '/groups?lang=fr')).text();
    expect(page).toContain('Groupes non officiels');
    expect(page.match(/<tr data-group=/g)?.length).toBe(staff.body.groups.length);
  });

  it('when an administrator adds an official account, then a group linking to it passes the account check; others cannot change it', async () => {
    const admin = await aUser(context, [{ org: 'portage', role: 'admin' }]);
    const adminSession = await signIn(api.base, admin.email, admin.password);
    pages.api = groupPage({
      name: 'Portage Ontario – NON OFFICIEL',
      description: '<a href="https://portage.ca">portage.ca</a> <a href="https://www.facebook.com/PortageOntario">page régionale</a>',
      withLogo: false,
    });
    const created = (await (await fetch(`${api.base}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...registration('/groups/api'), url: `${site.base}/groups/api?copy=3` }),
    })).json()) as Status;
    expect(created.findings.map((f) => f.category)).toEqual(['missing_official_links']);

    const byReviewer = await reviewer.request('PUT', '/api/organizations/portage/official-accounts', { accounts: [] });
    const replaced = await adminSession.request('PUT', '/api/organizations/portage/official-accounts', {
      accounts: [{ platform: 'facebook', url: 'https://www.facebook.com/PortageOntario' }],
    });
    const recheck = (await (await fetch(`${api.base}/api/groups/${created.id}/recheck`, { method: 'POST', headers: { 'x-group-token': created.token } })).json()) as Status;

    expect(byReviewer.status).toBe(403);
    expect(replaced.status).toBe(200);
    expect(recheck).toMatchObject({ compliant: true, findings: [] });
  });
});

describe('logo consent', () => {
  it('when an administrator records a written consent, then the logo finding goes away; bad dates and other roles are refused', async () => {
    pages.api = groupPage({ ...FIXED, withLogo: true });
    const created = (await (await fetch(`${api.base}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...registration('/groups/api'), url: `${site.base}/groups/api?copy=4`, name: FIXED.name }),
    })).json()) as Status;
    expect(created.findings.map((f) => f.category)).toEqual(['logo_misuse']);
    const admin = await aUser(context, [{ org: 'portage', role: 'admin' }]);
    const adminSession = await signIn(api.base, admin.email, admin.password);
    const path = `/api/groups/${created.id}/logo-consent`;

    const byReviewer = await reviewer.request('POST', path, { grantedAt: '2026-11-01', scope: 'Avatar du groupe' });
    const badDate = await adminSession.request('POST', path, { grantedAt: '1er novembre', scope: 'Avatar du groupe' });
    const badAccounts = await adminSession.request('PUT', '/api/organizations/portage/official-accounts', { accounts: [{ platform: 'facebook', url: 'javascript:alert(1)' }] });
    const consent = await adminSession.json<Status>('POST', path, { grantedAt: '2026-11-01', scope: 'Avatar du groupe' });

    expect(byReviewer.status).toBe(403);
    expect(badDate.status).toBe(400);
    expect(badAccounts.status).toBe(400);
    expect(consent.status).toBe(200);
    expect(consent.body).toMatchObject({ compliant: true, findings: [] });
    const group = await context.store.models.Group.findById(created.id).lean();
    expect(group!.logoConsent).toMatchObject({ scope: 'Avatar du groupe' });
  });
});

describe('JavaScript-rendered group pages', () => {
  it('when the static page is empty, then Chromium renders it and the checks run on what it shows, with a screenshot kept', async () => {
    const response = await fetch(`${api.base}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...registration('/groups/js'), name: 'Nom saisi sans rapport' }),
    });
    const status = (await response.json()) as Status;

    expect(response.status).toBe(201);
    expect(status.findings.map((f) => f.category).sort()).toEqual(['logo_misuse', 'missing_official_links', 'missing_unofficial_label']);
    expect(status.name).toBe('Portage Québec entraide');
    const group = await context.store.models.Group.findById(status.id).lean();
    const capture = await context.store.models.Capture.findById(group!.lastCheck!.captureId).lean();
    expect(capture!.screenshotSha256).toMatch(/^[a-f0-9]{64}$/);
  });
});

describe('one browser per worker', () => {
  it('when the worker\'s inspector renders a JavaScript group page, then it uses the worker\'s tabs and leaves them open when it closes', async () => {
    const tabs = createBrowserTabs(async () => browser, { guard: { allowedTestHosts: [site.host] }, userAgent: 'ComplianceMonitor/test' });
    const inspector = createGroupInspector(context, tabs);
    const group = await insertGroup(context.store.models, {
      org: 'portage', platform: 'facebook', url: `${site.base}/groups/js?from=worker`, name: 'Nom saisi', description: '', registered: true, creatorEmail: 'shared@example.org',
    });
    try {
      const inspection = await inspector.inspect(String(group._id));

      expect(inspection.findings.map((finding) => finding.category)).toContain('missing_unofficial_label');
      expect(tabs.idleCount()).toBe(1); // the tab went back to the worker's pool
      await inspector.close();
      expect(tabs.idleCount()).toBe(1);
    } finally {
      await tabs.close();
    }
  });
});

describe('registration page in Chromium', () => {
  it('when a creator registers, sees what to fix, fixes the page and re-checks, then the check passes', async () => {
    pages.e2e = groupPage(BROKEN);
    const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    try {
      await page.goto(`${api.base}/groups/register`);
      await page.selectOption('#org', 'portage');
      await page.selectOption('#platform', 'facebook');
      await page.fill('#url', `${site.base}/groups/e2e`);
      await page.fill('#name', BROKEN.name);
      await page.fill('#description', 'Entraide entre anciens.');
      await page.fill('#creatorEmail', 'createur-e2e@example.org');
      await page.check('input[name=accessConsent]');
      await Promise.all([page.waitForURL('**/groups/register?lang=fr'), page.click('button[type=submit]')]);

      const toFix = await page.locator('[data-findings] li').allTextContents();
      expect(toFix.join('\n')).toContain('Ajoutez « NON OFFICIEL » au nom du groupe');
      expect(toFix.join('\n')).toContain('Ajoutez un lien vers https://portage.ca');
      expect(await page.locator('[data-category=logo_misuse]').count()).toBe(1);
      // The last check in Québec time, as the rest of the console, not in UTC.
      expect(await page.locator('p.muted').first().textContent()).not.toContain('UTC');
      expect(await page.locator('[data-link]').textContent()).toMatch(/^https:\/\/monitor\.example\.org\/groups\/[a-f0-9]{24}\?token=/);

      pages.e2e = groupPage(FIXED);
      await Promise.all([page.waitForURL('**/recheck**'), page.click('button:has-text("Relancer la vérification")')]);

      expect(await page.locator('[data-compliant]').textContent()).toBe('Tout est conforme. Merci !');
    } finally {
      await page.context().close();
    }
  });
});

describe('registering twice from the form', () => {
  it('when a group already registered is registered again from the form, then the form says so in its language and keeps one group', async () => {
    // The file's registrations have used this address's hour (10 an hour): start a new one.
    const counters = await context.redis.keys(`${context.config.jobs.queuePrefix}:ratelimit:group-registration:*`);
    if (counters.length > 0) await context.redis.del(...counters);
    const url = `${site.base}/groups/twice`;
    await insertGroup(context.store.models, { ...registration('/groups/twice'), registered: true });
    const postForm = (lang: string) =>
      fetch(`${api.base}/groups/register?lang=${lang}`, { method: 'POST', body: new URLSearchParams({ ...registration('/groups/twice'), accessConsent: 'true' }) });

    const french = await postForm('fr');
    const english = await postForm('en');

    expect(french.status).toBe(400);
    expect(await french.text()).toContain(`${url} est déjà inscrit pour portage`);
    expect(english.status).toBe(400);
    expect(await english.text()).toContain(`${url} is already registered for portage`);
    expect(await context.store.models.Group.countDocuments({ url })).toBe(1);
  });
});
