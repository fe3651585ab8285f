import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrganization, upsertOrganization } from '../../db/organization-repository.js';
import { apiDepsOf, aSignedInUser, startApi, type Session } from '../support/api-client.js';
import { aFlaggedPost } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;
let reviewer: Session;
let otherAdmin: Session;

const DPJ = { name: 'DPJ de Montréal', phone: '514 896-3100', url: 'https://www.cisss.example/dpj', notes: 'Signalement 24 h sur 24' };

beforeAll(async () => {
  context = await createTestContext('api-organization-page');
  await upsertOrganization(context.store.models, { slug: 'org-a', name: 'Fédération A', safeguardingContacts: [DPJ] });
  await upsertOrganization(context.store.models, { slug: 'org-b', name: 'B' });
  api = await startApi(apiDepsOf(context));
  admin = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'admin' }]);
  reviewer = await aSignedInUser(context, api.base, [{ org: 'org-a', role: 'reviewer' }]);
  otherAdmin = await aSignedInUser(context, api.base, [{ org: 'org-b', role: 'admin' }]);
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

const contactsOf = async (org: string) => (await getOrganization(context.store.models, org))?.safeguardingContacts ?? [];

describe("the organization's settings page", () => {
  it('when an administrator opens it, then the stored contacts fill the first row and empty rows follow, in French, under a menu link', async () => {
    const { status, text } = await admin.page('/organizations/org-a?lang=fr');

    expect(status).toBe(200);
    expect(text).toContain('<h1>Réglages de l’organisation : Fédération A</h1>');
    expect(text).toContain('<a href="/organizations/org-a?lang=fr">Réglages (org-a)</a>');
    expect(text).toContain('name="name-1" value="DPJ de Montréal"');
    expect(text).toContain('name="phone-1" value="514 896-3100"');
    expect(text).toContain('name="name-4" value=""');
    expect(text).not.toContain('name="name-5"');
    expect(text).toContain('<th>Téléphone</th>');
  });

  it('when contacts are saved (a row emptied, one added, blank rows left), then the list is replaced, audited, and shown on child-safety flags', async () => {
    const response = await admin.form('/organizations/org-a/safeguarding-contacts?lang=fr', {
      'name-1': '', 'phone-1': '', 'email-1': '', 'url-1': '', 'notes-1': '',
      'name-2': '  Police de Laval ', 'phone-2': '911', 'email-2': 'Urgence@Police.example', 'url-2': '', 'notes-2': '',
      'name-3': '', 'phone-3': '', 'email-3': '', 'url-3': '', 'notes-3': '',
    });
    const { flagId } = await aFlaggedPost(context, { org: 'org-a', category: 'safeguarding', severity: 'urgent' });
    const flagPage = await admin.page(`/flags/${flagId}?lang=fr`);
    const saved = await admin.page(response.headers.get('location')!);

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/organizations/org-a?lang=fr&saved=contacts#contacts');
    expect(await contactsOf('org-a')).toEqual([{ name: 'Police de Laval', phone: '911', email: 'urgence@police.example' }]);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'organization.safeguarding_contacts', org: 'org-a' })).toBe(1);
    expect(saved.text).toContain('<p class="notice" role="status">Enregistré.</p>');
    expect(flagPage.text).toContain('<strong>Police de Laval</strong> · 911 · urgence@police.example');
  });

  it('when a row is refused (a name missing beside a phone, a bad e-mail), then the page names each row and field in French, keeps what was typed, and stores nothing', async () => {
    const before = await contactsOf('org-a');

    const response = await admin.form('/organizations/org-a/safeguarding-contacts?lang=fr', {
      'name-1': 'Ligne parents', 'phone-1': '1 800 361-5085',
      'name-2': '', 'phone-2': '514 555-0100',
      'name-3': 'Centre jeunesse', 'email-3': 'pas-un-courriel', 'notes-3': '<b>24/7</b>',
    });
    const text = await response.text();

    expect(response.status).toBe(400);
    expect(text).toContain('<li>Données invalides : form.contact2.name : ');
    expect(text).toContain('<li>Données invalides : form.contact3.email : ');
    expect(text).not.toContain('form.contact1');
    expect(text).toContain('name="name-1" value="Ligne parents"');
    expect(text).toContain('name="phone-2" value="514 555-0100"');
    expect(text).toContain('name="notes-3" value="&lt;b&gt;24/7&lt;/b&gt;"');
    expect(await contactsOf('org-a')).toEqual(before);
  });

  it('when official accounts are saved in English, and then one is refused, then the accounts are stored and the refusal is named in English with the platform kept', async () => {
    const saved = await admin.form('/organizations/org-a/official-accounts?lang=en', {
      'platform-1': 'facebook', 'url-1': 'https://www.facebook.com/federation-a',
      'platform-2': 'instagram', 'url-2': '',
    });
    const refused = await admin.form('/organizations/org-a/official-accounts?lang=en', { 'platform-1': 'linkedin', 'url-1': 'javascript:alert(1)' });
    const text = await refused.text();

    expect(saved.status).toBe(303);
    expect((await getOrganization(context.store.models, 'org-a'))?.officialAccounts).toEqual([{ platform: 'facebook', url: 'https://www.facebook.com/federation-a' }]);
    expect(refused.status).toBe(400);
    expect(text).toContain('<li>Invalid input: form.account1.url: ');
    expect(text).toContain('<option value="linkedin" selected>LinkedIn</option>');
    expect(text).toContain('name="url-1" value="javascript:alert(1)"');
    expect((await getOrganization(context.store.models, 'org-a'))?.officialAccounts).toHaveLength(1);
  });

  it('when a field name is not a row field, then the form is refused naming it, and nothing is stored', async () => {
    const response = await admin.form('/organizations/org-a/safeguarding-contacts?lang=fr', { 'name-1': 'Police', 'name-21': 'Trop loin', role: 'admin' });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Données invalides : form : champ(s) inconnu(s) name-21, role');
    expect(await contactsOf('org-a')).toEqual([{ name: 'Police de Laval', phone: '911', email: 'urgence@police.example' }]);
  });

  it("when another organization's administrator or a reviewer tries, then the page and its forms are 404 or 403 and nothing changes", async () => {
    const foreignPage = await otherAdmin.page('/organizations/org-a?lang=fr');
    const foreignSave = await otherAdmin.form('/organizations/org-a/safeguarding-contacts?lang=fr', { 'name-1': 'Faux contact' });
    const byReviewer = await reviewer.form('/organizations/org-a/safeguarding-contacts?lang=fr', { 'name-1': 'Faux contact' });
    const reviewerQueue = await reviewer.page('/?lang=fr');

    expect(foreignPage.status).toBe(404);
    expect(foreignSave.status).toBe(404);
    expect(byReviewer.status).toBe(403);
    expect(reviewerQueue.text).not.toContain('/organizations/');
    expect(await contactsOf('org-a')).toEqual([{ name: 'Police de Laval', phone: '911', email: 'urgence@police.example' }]);
  });

  it('when a child-safety flag has no contact yet, then an administrator gets a link to add them, a safeguarding officer does not', async () => {
    const { flagId } = await aFlaggedPost(context, { org: 'org-b', category: 'safeguarding', severity: 'urgent' });
    const officerB = await aSignedInUser(context, api.base, [{ org: 'org-b', role: 'safeguarding_officer' }]);

    const forAdmin = await otherAdmin.page(`/flags/${flagId}?lang=fr`);
    const forOfficer = await officerB.page(`/flags/${flagId}?lang=fr`);

    expect(forAdmin.text).toContain('Aucun contact enregistré : un administrateur doit les inscrire. <a href="/organizations/org-b?lang=fr#contacts">Les inscrire maintenant</a>');
    expect(forOfficer.text).toContain('Aucun contact enregistré');
    expect(forOfficer.text).not.toContain('Les inscrire maintenant');
  });
});
