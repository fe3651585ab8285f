import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOrganization } from '../../db/organization-repository.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';

// Console forms answer in the visitor's language (French by default); the JSON API in English.
// A context of its own: the registration form's rate limit (10 an hour) is counted per context.

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  context = await createTestContext('validation-language');
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
  api = await startApi(apiDepsOf(context));
});
afterAll(async () => {
  await api.close();
  await context.dispose();
});

const invalid = {
  org: 'portage',
  platform: 'facebook',
  url: 'https://example.org/groups/x',
  name: 'A',
  description: '',
  creatorEmail: 'pas-une-adresse',
};
const postForm = (lang: string, form: Record<string, string>) =>
  fetch(`${api.base}/groups/register${lang ? `?lang=${lang}` : ''}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  }).then(async (response) => ({ status: response.status, html: await response.text() }));

describe('validation messages of the console forms', () => {
  it("when the registration form is invalid, then the problems are named in the visitor's language, French by default", async () => {
    const [byDefault, english] = await Promise.all([postForm('', invalid), postForm('en', invalid)]);

    expect(byDefault.status).toBe(400);
    expect(byDefault.html).toContain('Données invalides');
    expect(byDefault.html).toContain('form.creatorEmail : adresse courriel invalide');
    expect(byDefault.html).toContain('form.name : Trop petit');
    expect(english.status).toBe(400);
    expect(english.html).toContain('form.creatorEmail: Invalid email address');
    expect(english.html).toContain('form.name: Too small');
  });

  it("when a field breaks a rule of the project's own schemas, then that message is in the visitor's language too", async () => {
    const broken = { ...invalid, org: 'Portage!', name: 'Anciens\u0007 de Portage' };
    const [french, english] = await Promise.all([postForm('fr', broken), postForm('en', broken)]);

    expect(french.status).toBe(400);
    // The page escapes the apostrophes.
    expect(french.html).toContain('form.org : doit être l&#39;identifiant d&#39;une organisation (2 à 40 lettres minuscules, chiffres ou tirets)');
    expect(french.html).toContain('form.name : ne doit pas contenir de caractères de contrôle');
    expect(english.html).toContain('form.org: an organization slug');
    expect(english.html).toContain('form.name: must not contain control characters');
  });

  it('when the address points inside the network, then the French form says why in French and keeps what was typed, escaped', async () => {
    const typed = { ...invalid, url: 'http://10.0.0.7/groupe', name: 'Anciens "de" Portage <b>', description: 'Notre groupe d’entraide.', creatorEmail: 'createur@example.org', accessConsent: 'true' };

    const french = await postForm('fr', typed);

    expect(french.status).toBe(400);
    expect(french.html).toContain('url : refusé : 10.0.0.7 mène à une adresse privée (10.0.0.7), pas à un site public');
    expect(french.html).toContain('value="http://10.0.0.7/groupe"');
    expect(french.html).toContain('value="Anciens &quot;de&quot; Portage &lt;b&gt;"');
    expect(french.html).toContain('>Notre groupe d’entraide.</textarea>');
    expect(french.html).toContain('value="createur@example.org"');
    expect(french.html).toMatch(/name="accessConsent" value="true" checked/);
  });

  it('when the registration form is shown, then platforms are named as people write them, "other" in the visitor\'s language, and the choice is kept', async () => {
    const [french, english] = await Promise.all(['fr', 'en'].map((lang) => fetch(`${api.base}/groups/register?lang=${lang}`).then((response) => response.text())));
    const refused = await postForm('fr', { ...invalid, platform: 'other' });

    expect(french).toContain('<option value="facebook">Facebook</option>');
    expect(french).toContain('<option value="linkedin">LinkedIn</option>');
    expect(french).toContain('<option value="other">Autre</option>');
    expect(english).toContain('<option value="other">Other</option>');
    expect(refused.html).toContain('<option value="other" selected>Autre</option>');
  });

  it('when the incident form is refused, then what was typed is still there', async () => {
    const response = await fetch(`${api.base}/report?lang=fr`, {
      method: 'POST',
      body: new URLSearchParams({ org: 'portage', category: 'cyberbullying', place: 'Forum des parents', description: 'Trop court' }),
    });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('value="Forum des parents"');
    expect(page).toContain('>Trop court</textarea>');
    expect(page).toMatch(/<option value="cyberbullying" selected>/);
  });

  it('when the form carries a field it does not have, then the French page names it', async () => {
    const result = await postForm('fr', { ...invalid, role: 'admin' });

    expect(result.status).toBe(400);
    expect(result.html).toContain('form : champ(s) inconnu(s) role');
  });

  it('when the JSON API gets the same registration, then it answers in English for programs', async () => {
    const response = await fetch(`${api.base}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'fr-CA' },
      body: JSON.stringify({ ...invalid, accessConsent: true, extra: 1 }),
    });
    const body = (await response.json()) as { error: { issues: string[] } };

    expect(response.status).toBe(400);
    expect(body.error.issues).toContain('body: unknown field(s) extra');
  });
});
