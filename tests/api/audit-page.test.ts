import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../db/audit-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { apiDepsOf, aSignedInUser, startApi, type Session } from '../support/api-client.js';
import { aFlaggedPost } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;
let flagId: string;

beforeAll(async () => {
  context = await createTestContext('api-audit-page');
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'A' });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: 'B' });
  ({ flagId } = await aFlaggedPost(context, { org: 'org-a' }));
  // 120 views of other flags, then one claim of ours, and one entry of another organization.
  for (let view = 0; view < 120; view++) {
    await recordAudit(context.store.models, { actor: 'user:test', action: 'flag.view', org: 'org-a', target: `flag:${String(view).padStart(24, '0')}` });
  }
  await recordAudit(context.store.models, { actor: 'user:test', action: 'flag.claim', org: 'org-a', target: `flag:${flagId}` });
  await recordAudit(context.store.models, { actor: 'user:other', action: 'flag.claim', org: 'org-b', target: 'flag:bbbbbbbbbbbbbbbbbbbbbbbb' });
  api = await startApi(apiDepsOf(context));
  admin = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

const rows = (text: string) => [...text.matchAll(/<tr><td>(\d+)<\/td>/g)].map(([, seq]) => Number(seq));

describe('the audit log page', () => {
  it('when opened, then it shows the newest 100 entries of the organizations administered, and a link pages back to the older ones until the first', async () => {
    const first = await admin.page('/audit?lang=fr');
    const older = /<a href="(\/audit\?before=\d+&amp;lang=fr)" rel="next">Entrées plus anciennes →<\/a>/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    const second = await admin.page(older!);

    expect(first.status).toBe(200);
    expect(rows(first.text)).toHaveLength(100);
    expect(first.text).not.toContain('bbbbbbbbbbbbbbbbbbbbbbbb');
    expect(older).toBeDefined();
    expect(Math.max(...rows(second.text))).toBe(Math.min(...rows(first.text)) - 1);
    expect(second.text).toContain('<a href="/audit?lang=fr">← Les plus récentes</a>');
    expect(second.text).not.toContain('rel="next"');
    expect(new Set([...rows(first.text), ...rows(second.text)]).size).toBe(rows(first.text).length + rows(second.text).length);
  });

  it('when filtered by action, then only those entries show, the choice stays selected, and the target links to its own history and to the flag', async () => {
    const { text } = await admin.page('/audit?lang=fr&action=flag.claim&target=');

    expect(rows(text)).toHaveLength(1);
    expect(text).toContain('<option value="flag.claim" selected>Prise en charge</option>');
    expect(text).toContain(`<a href="/audit?target=flag%3A${flagId}&amp;lang=fr">flag:${flagId}</a> · <a href="/flags/${flagId}?lang=fr">ouvrir le signalement</a>`);
    expect(text).toContain('<a href="/audit?lang=fr">Tout afficher</a>');
  });

  it('when filtered by target, then only that target’s entries show; with nothing matching, the page says so in English too', async () => {
    const byTarget = await admin.page(`/audit?lang=fr&target=${encodeURIComponent(`flag:${flagId}`)}`);
    const none = await admin.page('/audit?lang=en&target=flag:nothing-here');

    expect(rows(byTarget.text)).toHaveLength(1);
    expect(byTarget.text).toContain(`value="flag:${flagId}"`);
    expect(rows(none.text)).toHaveLength(0);
    expect(none.text).toContain('No entry matches.');
    expect(none.text).not.toContain('<table>');
  });

  it('when a filter is not an action code (an operator, an injection), then the page refuses it in French and the JSON API the same way', async () => {
    const operator = await admin.page('/audit?lang=fr&action[$ne]=x');
    const fancy = await admin.page('/audit?lang=fr&action=flag.claim%22%3E%3Cscript%3E');
    const json = await admin.json<{ error: { issues: string[] } }>('GET', '/api/audit?action=Flag%20Claim');
    const filtered = await admin.json<{ entries: { action: string }[] }>('GET', '/api/audit?action=flag.claim');

    expect(operator.status).toBe(400);
    expect(fancy.status).toBe(400);
    expect(fancy.text).toContain('query.action');
    expect(fancy.text).not.toContain('<script>');
    expect(json.status).toBe(400);
    expect(json.body.error.issues).toContain('query.action: an action code, e.g. flag.decide');
    expect(filtered.body.entries.map((entry) => entry.action)).toEqual(['flag.claim']);
  });
});
