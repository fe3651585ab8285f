import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPathFor, versionOf } from '../../classifier/rule-set/load.js';
import { copyKeyOf } from '../../classifier/text/copy-key.js';
import { saveRuleSetVersion } from '../../db/rule-set-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { getPostByIdOrThrow, insertPost } from '../../db/post-repository.js';
import { listFlagsForItem } from '../../db/flag-repository.js';
import { createActiveRuleSets } from '../../jobs/active-rule-sets.js';
import { inProcessClassifier } from '../../jobs/post-classifier/post-classifier.js';
import { createClassifyPostsProcessor } from '../../jobs/processors/classify-posts.js';
import { apiDepsOf, aSignedInUser, type Session, startApi } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { eventLoopP99During } from '../support/event-loop.js';
import { noteReliability } from '../support/reliability.js';
import { ADVERSARIAL_TEXT, packWithSlowRule } from '../support/slow-rule.js';

let context: TestContext;
let deps: ReturnType<typeof apiDepsOf>;
let api: Awaited<ReturnType<typeof startApi>>;
let admin: Session;
let reviewer: Session;
let otherAdmin: Session;

const SHIPPED = readFileSync(packPathFor('portage'), 'utf8');

/** The shipped Portage pack plus one rule, indented as a list item under `rules:`. */
function packWith(rule: string): string {
  return `${SHIPPED.trimEnd()}\n${rule}\n`;
}

const BAKE_SALE_RULE = `
  - id: spam-bake-sale
    description: Bake-sale advertising (test rule).
    category: spam
    severity: low
    match:
      words: { terms: { fr: [vente de gâteaux] } }
    score: 0.7
    explanation:
      fr: "Publicité : « {match} »."
      en: "Advertising: \\"{match}\\"."
    examples:
      match: ["Grande vente de gâteaux samedi au local"]
      no_match: ["Merci pour le gâteau d'anniversaire"]`;

beforeAll(async () => {
  context = await createTestContext('rules-admin');
  deps = apiDepsOf(context);
  api = await startApi(deps);
  await upsertOrganization(context.store.models, { slug: 'portage', name: 'Portage' });
  admin = await aSignedInUser(context, api.base, [{ org: 'portage', role: 'admin' }]);
  reviewer = await aSignedInUser(context, api.base, [{ org: 'portage', role: 'reviewer' }]);
  otherAdmin = await aSignedInUser(context, api.base, [{ org: 'immerse', role: 'admin' }]);
});

afterAll(async () => {
  await api.close();
  await deps.close();
  await context.dispose();
});

type Issues = { error: { message: string; issues: string[] } };

describe('rule administration', () => {
  it('when an administrator opens the rules, then the shipped pack is in force with its files', async () => {
    const overview = await admin.json<{ active: { source: string; version: string; files: { path: string }[] }; versions: unknown[] }>('GET', '/api/rules/portage');

    expect(overview.status).toBe(200);
    expect(overview.body.active.source).toBe('shipped');
    expect(overview.body.active.files.map((file) => file.path)).toEqual(['rules/packs/portage.yaml', 'rules/lexicons/fr.yaml', 'rules/lexicons/en.yaml']);
    expect(overview.body.versions).toEqual([]);
  });

  it('when an uploaded pack has an unsafe regex, then it is 400 naming file, line, rule and pattern, and nothing is stored', async () => {
    const unsafe = packWith(`
  - id: spam-catastrophic
    category: spam
    severity: low
    match:
      regex: "(a+)+$"
    score: 0.5
    explanation: { fr: "x", en: "x" }`);

    const response = await admin.json<Issues>('POST', '/api/rules/portage/versions', { pack: unsafe, rationale: 'Essai d’une règle dangereuse' });

    expect(response.status).toBe(400);
    expect(response.body.error.issues.some((issue) => /^rules\/packs\/portage\.yaml:\d+ .*spam-catastrophic.*\(a\+\)\+\$/.test(issue))).toBe(true);
    expect(await context.store.models.RuleSetVersion.countDocuments()).toBe(0);
  });

  it('when an inline example fails, when the pack names another organization, or reads a file outside the lexicons, then it is 400', async () => {
    const failing = packWith(BAKE_SALE_RULE.replace('Grande vente de gâteaux samedi au local', 'Rien à voir ici'));
    const foreign = SHIPPED.replace('slug: portage', 'slug: immerse');
    const traversal = SHIPPED.replace('lexicons: [../lexicons/fr.yaml, ../lexicons/en.yaml]', 'lexicons: [../../fixtures/rules/invalid-pack.yaml, ../lexicons/fr.yaml, ../lexicons/en.yaml]');

    const [a, b, c] = await Promise.all([
      admin.json<Issues>('POST', '/api/rules/portage/versions', { pack: failing, rationale: 'Exemple qui échoue' }),
      admin.json<Issues>('POST', '/api/rules/portage/versions', { pack: foreign, rationale: 'Mauvaise organisation' }),
      admin.json<Issues>('POST', '/api/rules/portage/versions', { pack: traversal, rationale: 'Lecture hors des lexiques' }),
    ]);

    expect(a.status).toBe(400);
    expect(a.body.error.issues).toContain('rule spam-bake-sale: should match "Rien à voir ici"');
    expect(b.status).toBe(400);
    expect(b.body.error.message).toBe('the pack is for organization "immerse", not "portage"');
    expect(c.status).toBe(400);
    expect(c.body.error.issues, JSON.stringify(c.body)).toContainEqual(expect.stringContaining('lexicon file "../../fixtures/rules/invalid-pack.yaml" not found'));
  });

  it('when a valid version is uploaded, backtested and activated, then a worker uses it without restart, and rolling back restores the previous one', async () => {
    const bakeSale = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'b1', text: 'Grande vente de gâteaux samedi au local, venez nombreux' });
    await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'b2', text: "T'es vraiment un c0nn@rd." });

    const first = await admin.json<{ version: string; examplesChecked: number }>('POST', '/api/rules/portage/versions', { pack: SHIPPED, rationale: 'Version de départ, identique au fichier' });
    const second = await admin.json<{ version: string }>('POST', '/api/rules/portage/versions', { pack: packWith(BAKE_SALE_RULE), rationale: 'Ajout de la règle sur les ventes de gâteaux' });
    const duplicate = await admin.request('POST', '/api/rules/portage/versions', { pack: packWith(BAKE_SALE_RULE), rationale: 'Même contenu une seconde fois' });
    expect(first.status).toBe(201);
    expect(first.body.examplesChecked).toBeGreaterThan(10);
    expect(second.status).toBe(201);
    expect(duplicate.status).toBe(409);

    const backtest = await admin.json<{
      flags: { added: number; lost: number };
      perRule: { ruleId: string; active: number; candidate: number }[];
      samples: { added: { postId: string; ruleIds: string[] }[] };
    }>('POST', `/api/rules/portage/versions/${second.body.version}/backtest`);
    expect(backtest.status).toBe(200);
    expect(backtest.body.flags).toMatchObject({ added: 1, lost: 0 });
    expect(backtest.body.samples.added).toEqual([expect.objectContaining({ postId: String(bakeSale._id), ruleIds: ['spam-bake-sale'] })]);
    expect(backtest.body.perRule.find((rule) => rule.ruleId === 'spam-bake-sale')).toMatchObject({ active: 0, candidate: 1 });

    let clock = 0;
    const ruleSets = createActiveRuleSets(context.store.models, { refreshMs: 1_000, now: () => clock });
    const classifyPost = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(ruleSets) });
    const later = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'b3', text: 'Vente de gâteaux au profit du voyage' });
    await classifyPost({ postIds: [String(later._id)] }, { id: 'x', attemptsMade: 0 });
    expect((await listFlagsForItem(context.store.models, 'post', String(later._id))).map((f) => f.category)).toEqual([]);

    const activated = await admin.request('POST', `/api/rules/portage/versions/${second.body.version}/activate`, { rationale: 'Backtest concluant : un seul nouveau signalement' });
    expect(activated.status).toBe(200);
    clock += 1_000;
    await classifyPost({ postIds: [String(later._id)] }, { id: 'y', attemptsMade: 0 });
    expect((await listFlagsForItem(context.store.models, 'post', String(later._id))).map((f) => f.category)).toEqual(['spam']);
    expect((await getPostByIdOrThrow(context.store.models, String(later._id)) as unknown as { classifiedWith: string }).classifiedWith).toBe(second.body.version);

    await admin.request('POST', `/api/rules/portage/versions/${first.body.version}/activate`, { rationale: 'Retour arrière : trop de bruit' });
    const overview = await admin.json<{ active: { version: string; source: string }; versions: { version: string; active: boolean }[] }>('GET', '/api/rules/portage');
    expect(overview.body.active).toMatchObject({ version: first.body.version, source: 'stored' });
    expect(overview.body.versions.filter((v) => v.active).map((v) => v.version)).toEqual([first.body.version]);
    const audited = (await context.store.models.AuditEvent.find().sort({ seq: 1 }).lean()).filter((entry) => entry.action.startsWith('rules.'));
    expect(audited.map((entry) => entry.action)).toEqual(['rules.version_created', 'rules.version_created', 'rules.activated', 'rules.activated']);
  });

  it('when a version planted past the upload checks holds a slow rule, then its backtest stops at the budget naming the rule, and the API keeps answering meanwhile', async (test) => {
    // Test 24 of RELIABILITY.md at the API: the backtest runs in a thread, never on this event loop.
    const files = packWithSlowRule();
    const version = versionOf(files);
    await saveRuleSetVersion(context.store.models, { org: 'portage', version, files, author: 'test', rationale: 'planted in the store' });
    const adversarial = await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'slow-1', text: ADVERSARIAL_TEXT });
    try {
      const { result, p99Ms, maxMs } = await eventLoopP99During(async () => {
        const backtest = admin.json<{ error: { message: string } }>('POST', `/api/rules/portage/versions/${version}/backtest`);
        const health = await fetch(`${api.base}/health`);
        return { backtest: await backtest, healthStatus: health.status };
      });

      expect(result.backtest.status).toBe(400);
      expect(result.backtest.body.error.message).toBe(`the backtest stopped on post ${String(adversarial._id)}: rule slow-rule exceeded 200 ms`);
      expect(result.healthStatus).toBe(200);
      expect(p99Ms).toBeLessThan(100);
      expect(maxMs).toBeLessThan(1_000);
      noteReliability(test.task, { kind: 'measure', name: 'API event-loop p99 while a planted slow rule is backtested', value: p99Ms, unit: 'ms', limit: 100 });
      // The console page says the same in French.
      const page = await admin.form(`/rules/portage/versions/${version}/backtest?lang=fr`, {});
      expect(page.status).toBe(400);
      expect(await page.text()).toContain(`le test rétrospectif s&#39;est arrêté sur la publication ${String(adversarial._id)} : la règle slow-rule a dépassé 200 ms`);
    } finally {
      // Later tests backtest the newest version: the planted one must not be it.
      await context.store.models.RuleSetVersion.deleteOne({ org: 'portage', version });
      await context.store.models.Post.deleteOne({ _id: adversarial._id });
    }
  });

  it('when a reviewer or another organization’s administrator tries, then it is 403 or 404 and audited', async () => {
    const byReviewer = await reviewer.request('GET', '/api/rules/portage');
    const byOther = await otherAdmin.request('GET', '/api/rules/portage');
    const upload = await otherAdmin.request('POST', '/api/rules/portage/versions', { pack: SHIPPED, rationale: 'Tentative hors organisation' });

    expect(byReviewer.status).toBe(403);
    expect(byOther.status).toBe(404);
    expect(upload.status).toBe(404);
    expect(await context.store.models.AuditEvent.countDocuments({ action: 'authz_denied', target: 'rules:portage' })).toBe(2);
  });
  it("when stored posts copy another member's text, then a backtest finds the earlier copies as the worker would, and stores nothing", async () => {
    const essay =
      'Ce que je retiens de mes années en thérapie, c’est que personne ne guérit seul, que les rencontres du mardi m’ont sauvé plus d’une fois et que demander de l’aide est un courage.';
    await insertPost(context.store.models, { org: 'portage', sourceId: 'blog', externalId: 'essay-1', text: essay, author: 'Julie Roy', publishedAt: new Date('2026-11-01') });
    await insertPost(context.store.models, { org: 'portage', sourceId: 'forum', externalId: 'essay-2', text: essay, author: 'Marc Gagnon', publishedAt: new Date('2026-11-02') });
    const candidate = await admin.json<{ version: string }>('POST', '/api/rules/portage/versions', {
      pack: packWith(BAKE_SALE_RULE.replaceAll('spam-bake-sale', 'spam-garage-sale')),
      rationale: 'Variante pour le test des copies',
    });

    const backtest = await admin.json<{ perRule: { ruleId: string; active: number; candidate: number }[] }>(
      'POST',
      `/api/rules/portage/versions/${candidate.body.version}/backtest`,
    );

    expect(backtest.status).toBe(200);
    expect(backtest.body.perRule.find((rule) => rule.ruleId === 'plagiarism')).toMatchObject({ active: 1, candidate: 1 });
    expect(await context.store.models.PostCopies.countDocuments({ _id: `portage:${copyKeyOf(essay)}` })).toBe(0);
  });
});

describe('rule pages in the console', () => {
  it('when an administrator uploads a broken pack from the page, then the errors are listed with their lines and the draft and justification are kept, escaped', async () => {
    const broken = SHIPPED.replace('severity: low', 'severity: catastrophic') + '\n# </textarea><script>alert(1)</script>\n';

    const response = await admin.form('/rules/portage/versions?lang=fr', { pack: broken, rationale: 'Essai "depuis" la console' });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toMatch(/<li>rules\/packs\/portage\.yaml:\d+ \$\.rules\[\d+\]\.severity: doit être une des valeurs permises : low, medium, high, urgent<\/li>/);
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('value="Essai &quot;depuis&quot; la console"');
  });

  it('when the page is in English, or an inline example fails, then the problems are named in the page’s language', async () => {
    const broken = SHIPPED.replace('severity: low', 'severity: catastrophic');
    const failing = packWith(BAKE_SALE_RULE.replace('Grande vente de gâteaux samedi au local', 'Rien à voir ici'));

    const english = await (await admin.form('/rules/portage/versions?lang=en', { pack: broken, rationale: 'Trying from the console' })).text();
    const french = await (await admin.form('/rules/portage/versions?lang=fr', { pack: failing, rationale: 'Exemple qui échoue' })).text();

    expect(english).toMatch(/<li>rules\/packs\/portage\.yaml:\d+ \$\.rules\[\d+\]\.severity: must be equal to one of the allowed values: low, medium, high, urgent<\/li>/);
    expect(french).toContain('<li>règle spam-bake-sale : l&#39;exemple « Rien à voir ici » devrait être signalé</li>');
  });

  it('when a version already stored is uploaded again from the page, then the page says so in its language', async () => {
    const pack = `${packWith(BAKE_SALE_RULE)}\n# uploaded twice from the console\n`;

    const first = await admin.form('/rules/portage/versions?lang=fr', { pack, rationale: 'Première version de ce contenu' });
    const french = await admin.form('/rules/portage/versions?lang=fr', { pack, rationale: 'Le même contenu une seconde fois' });
    const english = await admin.form('/rules/portage/versions?lang=en', { pack, rationale: 'The same content a third time' });

    expect(first.status).toBe(201);
    expect(french.status).toBe(400);
    expect(await french.text()).toMatch(/<li>la version [0-9a-f]{16,64} des règles de portage existe déjà<\/li>/);
    expect(await english.text()).toMatch(/<li>version [0-9a-f]{16,64} of portage&#39;s rules already exists<\/li>/);
  });

  it('when the version in the address is not a content hash, then the API and the page both refuse it, the page in French', async () => {
    const api400 = await admin.json<{ error: { issues: string[] } }>('POST', '/api/rules/portage/versions/not-a-version/activate', { rationale: 'Essai avec une version invalide' });
    const page = await admin.form('/rules/portage/versions/not-a-version/backtest?lang=fr', {});

    expect(api400.status).toBe(400);
    expect(api400.body.error.issues).toContain('params.version: a rule-set version (hex)');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('params.version : doit être une version de règles (16 à 64 chiffres hexadécimaux)');
  });

  it('when a version is backtested from the page, then the counts are shown', async () => {
    const versions = await admin.json<{ versions: { version: string }[] }>('GET', '/api/rules/portage');
    const version = versions.body.versions[0]!.version;

    const page = await (await admin.form(`/rules/portage/versions/${version}/backtest?lang=fr`, {})).text();

    expect(page).toContain('Résultat du test');
    expect(page).toMatch(/data-added>\d+</);
    expect(page).toContain('<th>Règle</th><th>Signalements (en vigueur → candidate)</th><th>Précision passée</th>');
  });

  it('when a version is activated from the page with too short a justification, then the page comes back with the problem and the justification beside that version, and the version in force stays; a real justification activates it', async () => {
    type Overview = { active: { version: string }; versions: { version: string; active: boolean }[] };
    const before = await admin.json<Overview>('GET', '/api/rules/portage');
    const candidate = before.body.versions.find((version) => !version.active)!.version;

    const refused = await admin.form(`/rules/portage/versions/${candidate}/activate?lang=fr`, { rationale: '  "bof" !  ' });
    const page = await refused.text();
    const afterRefusal = await admin.json<Overview>('GET', '/api/rules/portage');
    const accepted = await admin.form(`/rules/portage/versions/${candidate}/activate?lang=fr`, { rationale: 'Backtest concluant depuis la console' });

    expect(refused.status).toBe(400);
    expect(page).toContain('<li>Données invalides : form.rationale : Trop petit');
    expect(page).toMatch(new RegExp(`<tr data-version="${candidate}">[^]*?value="  &quot;bof&quot; !  "><button type="submit">Activer`));
    expect(afterRefusal.body.active.version).toBe(before.body.active.version);
    expect(accepted.status).toBe(303);
    expect((await admin.json<Overview>('GET', '/api/rules/portage')).body.active.version).toBe(candidate);
    await admin.request('POST', `/api/rules/portage/versions/${before.body.active.version}/activate`, { rationale: 'Retour à la version précédente du test' });
  });

  it('when the page is read in English with no reviewer decision yet, then its tables have headers, its labels English colons, and the precision section says why it is empty', async () => {
    const english = await (await fetch(`${api.base}/rules/portage?lang=en`, { headers: { cookie: admin.cookie } })).text();
    const french = await (await fetch(`${api.base}/rules/portage?lang=fr`, { headers: { cookie: admin.cookie } })).text();

    expect(english).toContain('<th>Version</th><th>Author</th><th>Rationale</th>');
    expect(english).toContain('Version in force: <code data-active>');
    expect(english).toContain('No reviewer decision yet: the precision of each rule will show here.');
    expect(french).toContain('Version en vigueur : <code data-active>');
    expect(french).toContain('Aucune décision de réviseur pour l’instant');
  });
});
