import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordSourceRun, upsertSource } from '../../db/source-repository.js';
import { relayPendingCrawlRequests } from '../../jobs/crawl-requests.js';
import { jobIdFor } from '../../jobs/queues.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { runMonitorToExit } from '../support/monitor-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'sources-cli-'));
let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('sources-cli');
});
afterAll(async () => {
  await context.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const sources = (args: string[], env: Record<string, string> = {}) =>
  runMonitorToExit(['sources', ...args], { MONITOR_MONGODB_URI: inject('mongodbUri'), MONITOR_MONGODB_DB: context.config.mongo.dbName, ...env });

function sourceFile(name: string, yaml: string): string {
  const path = join(scratch, name);
  writeFileSync(path, yaml);
  return path;
}

describe('monitor sources', () => {
  it('when an administrator adds a source, lists the sources and runs one, then it is stored with its schedule, listed with its status, and a crawl request is saved for the workers', async () => {
    const path = sourceFile('forum.yaml', [
      'id: forum-familles',
      'org: portage',
      'type: html',
      'url: https://forum.example.org/familles',
      'schedule: every 2 hours',
      'selectors: { item: article.post, text: .body, author: .author }',
    ].join('\n'));

    const added = await sources(['add', path]);
    const listed = await sources(['list']);
    const ran = await sources(['run', 'forum-familles']);

    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('source forum-familles saved (html https://forum.example.org/familles, every 2 hours); running workers schedule it within a minute\n');
    const stored = await context.store.models.Source.findOne({ sourceId: 'forum-familles' }).lean();
    expect(stored).toMatchObject({ org: 'portage', type: 'html', schedule: 'every 2 hours', selectors: { item: 'article.post' } });
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[1]).toBe('forum-familles\tportage\thtml\tidle\tnever run\t0 items\thttps://forum.example.org/familles');
    expect(ran.code).toBe(0);
    const requestId = /crawl request ([a-f0-9]{24}) saved/.exec(ran.stdout)?.[1];
    expect(requestId).toBeDefined();
    // What a running worker's relay does next.
    expect(await relayPendingCrawlRequests(context.store.models, context.queues)).toBe(1);
    expect(await context.queues.crawl.getJob(jobIdFor('crawl', 'forum-familles', 'request', requestId!))).toBeDefined();
  });

  it('when the file, the organization, the source or the usage is wrong, then one line says what and exit code is not 0, and nothing is stored', async () => {
    const badField = sourceFile('bad.yaml', 'id: Bad Id\norg: portage\ntype: ftp\nurl: not-a-url\n');
    const unknownOrg = sourceFile('nowhere.yaml', 'id: nowhere\norg: no-such-org\ntype: rss\nurl: https://example.org/feed.xml\n');
    const noSelectors = sourceFile('no-selectors.yaml', 'id: sans-selecteurs\norg: portage\ntype: html\nurl: https://forum.example.org/fil\n');

    const [invalid, selectorsMissing, missingFile, noOrg, noSource, usage] = await Promise.all([
      sources(['add', badField]),
      sources(['add', noSelectors]),
      sources(['add', join(scratch, 'missing.yaml')]),
      sources(['add', unknownOrg]),
      sources(['run', 'no-such-source']),
      sources(['delete', 'x']),
    ]);

    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^monitor: .*bad\.yaml: id: lower-case letters.*type: .*url: /);
    expect(selectorsMissing.code).toBe(1);
    expect(selectorsMissing.stderr).toBe(`monitor: ${noSelectors}: selectors: html and browser sources need selectors (item and text at least) to find the posts on the page\n`);
    expect(missingFile.stderr).toBe(`monitor: cannot read ${join(scratch, 'missing.yaml')}: no such file\n`);
    expect(noOrg.stderr).toBe(`monitor: ${unknownOrg}: no organization "no-such-org" (no rule pack in rules/packs and none in the store)\n`);
    expect(noSource.stderr).toBe('monitor: no source no-such-source (see monitor sources list)\n');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('unknown action "delete"');
    const stored = (await context.store.models.Source.find({}).lean()).map((source) => source.sourceId);
    expect(stored).not.toContain('nowhere');
    expect(stored).not.toContain('sans-selecteurs');
  });

  it('when a source’s last crawl failed, then the list names the error in the terminal’s language', async () => {
    await upsertSource(context.store.models, { sourceId: 'fil-en-panne', org: 'portage', type: 'rss', url: 'https://example.org/panne.xml' });
    await recordSourceRun(context.store.models, 'fil-en-panne', {
      state: 'rejected',
      error: { en: 'https://example.org/panne.xml: 410 Gone', fr: 'https://example.org/panne.xml : 410 (la page n’existe plus)' },
    });

    const [english, french] = await Promise.all([sources(['list']), sources(['list'], { LANG: 'fr_CA.UTF-8' })]);

    expect(english.stdout).toMatch(/^fil-en-panne\tportage\trss\trejected\t\d{4}-\d\d-\d\dT[^\t]+\t0 items\thttps:\/\/example\.org\/panne\.xml\terror: https:\/\/example\.org\/panne\.xml: 410 Gone$/m);
    expect(french.stdout).toMatch(/^fil-en-panne\tportage\trss\trefusée\t[^\t]+\t0 éléments\thttps:\/\/example\.org\/panne\.xml\terreur : https:\/\/example\.org\/panne\.xml : 410 \(la page n’existe plus\)$/m);
  });

  it('when the terminal is French, then what is saved, listed and refused is said in French', async () => {
    const french = { LANG: 'fr_CA.UTF-8' };
    const path = sourceFile('zz-fr.yaml', 'id: zz-fil-rss\norg: portage\ntype: rss\nurl: https://example.org/fil.xml\n');
    const badField = sourceFile('bad-fr.yaml', 'id: Mauvais Id\norg: portage\ntype: ftp\nurl: pas-une-url\ncouleur: rouge\n');
    const badYaml = sourceFile('bad-yaml-fr.yaml', 'id: a\nid: b\n');
    const noSelectors = sourceFile('browser-fr.yaml', 'id: page-groupe\norg: portage\ntype: browser\nurl: https://groupe.example.org/\n');

    const added = await sources(['add', path], french);
    const listed = await sources(['list'], french);
    const storedBefore = await context.store.models.Source.countDocuments({});
    const [invalid, selectorsMissing, yaml, missingFile, noSource, usage] = await Promise.all([
      sources(['add', badField], french),
      sources(['add', noSelectors], french),
      sources(['add', badYaml], french),
      sources(['add', join(scratch, 'absent.yaml')], french),
      sources(['run', 'aucune-source'], french),
      sources(['supprimer', 'x'], french),
    ]);

    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('source zz-fil-rss enregistrée (rss https://example.org/fil.xml, every 30 minutes) ; les workers en marche la planifient dans la minute\n');
    const rows = listed.stdout.trim().split('\n');
    expect(rows[0]).toBe('id\torg\ttype\tétat\tdernière collecte\téléments\turl');
    expect(rows).toContain('zz-fil-rss\tportage\trss\ten attente\tjamais collectée\t0 éléments\thttps://example.org/fil.xml');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(
      `monitor: ${badField} : id : lettres minuscules, chiffres, _ et - seulement ; ${badField} : type : Option invalide : attendu l'une des valeurs suivantes ` +
        `"html"|"browser"|"rss"|"mastodon"|"reddit"|"bluesky"|"group-page" ; ${badField} : url : URL invalide ; ${badField} : (fichier) : Clé non reconnue : "couleur"\n`,
    );
    expect(selectorsMissing.stderr).toBe(`monitor: ${noSelectors} : selectors : les sources html et browser ont besoin de selectors (au moins item et text) pour trouver les publications dans la page\n`);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(new RegExp(`^monitor: ${badYaml.replace(/[.]/g, '\\.')} : YAML invalide : Map keys must be unique at line 2`));
    expect(missingFile.stderr).toBe(`monitor: impossible de lire ${join(scratch, 'absent.yaml')} : fichier introuvable\n`);
    expect(noSource.stderr).toBe('monitor: aucune source aucune-source (voir monitor sources list)\n');
    expect(usage.stderr).toMatch(/^monitor: action inconnue « supprimer » ; utilisation : monitor sources list/);
    expect(await context.store.models.Source.countDocuments({})).toBe(storedBefore);
  });
});
