import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { runMonitorToExit } from '../support/monitor-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'monitor-eval-'));
const labelled = (name: string, lines: string[]) => {
  const path = join(scratch, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

describe('monitor eval', () => {
  it('when the probes are measured whole, then their row has every item and the scores of discrimination', async () => {
    const result = await runMonitorToExit(['eval', join(PROJECT_ROOT, 'fixtures/eval/group-mentions.jsonl'), '--all'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| group-mentions\.jsonl \| 44 \| discrimination \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
  });

  it('when probes of one organization\'s policy are measured, then that organization\'s pack scores them, whatever their language', async () => {
    // The same grooming post under the safeguarding probes' source and under a dev set's: only GoStudent's pack knows grooming.
    const post = { text: "My tutor keeps asking for pictures of me and says it's our little secret.", lang: 'en', labels: ['safeguarding'] };
    const asProbe = labelled('safeguarding-probe.jsonl', [JSON.stringify({ id: 'p1', ...post, source: 'project_safeguarding_probes' })]);
    const asDevItem = labelled('safeguarding-dev.jsonl', [JSON.stringify({ id: 'd1', ...post, source: 'openai_moderation' })]);

    const [probe, devItem] = await Promise.all([runMonitorToExit(['eval', asProbe, '--all'], {}), runMonitorToExit(['eval', asDevItem, '--all'], {})]);

    expect(probe.stdout).toMatch(/\| safeguarding-probe\.jsonl \| 1 \| safeguarding \| 100\.0 \| 100\.0 \| 100\.0 \|/);
    expect(devItem.stdout).toMatch(/\| safeguarding-dev\.jsonl \| safeguarding: 0\.0 \(1\) \|/);
  });

  it('when the labelled language is ignored, then each item is read in the language detected, and the page is left as it is', async () => {
    // A French insult labelled English: read as English, no French list sees it; detected, it is French.
    const mislabelled = labelled('mislabelled.jsonl', [
      JSON.stringify({ id: 'm1', text: "T'es un vrai connard, toi, franchement.", lang: 'en', labels: ['cyberbullying'], source: 'project_cyberbullying_probes' }),
    ]);
    const page = readFileSync(join(PROJECT_ROOT, 'docs/quality.md'), 'utf8');

    const [asLabelled, detected] = await Promise.all([
      runMonitorToExit(['eval', mislabelled, '--all'], {}),
      runMonitorToExit(['eval', mislabelled, '--all', '--detect-language', '--write'], {}),
    ]);

    expect(asLabelled.stdout).toMatch(/\| mislabelled\.jsonl \| 1 \| cyberbullying \| 0\.0 \| 0\.0 \| 0\.0 \|/);
    expect(detected.stdout).toContain('Language: detected (labelled language ignored).');
    expect(detected.stdout).toMatch(/\| mislabelled\.jsonl \| 1 \| cyberbullying \| 100\.0 \| 100\.0 \| 100\.0 \|/);
    expect(readFileSync(join(PROJECT_ROOT, 'docs/quality.md'), 'utf8')).toBe(page);
  });

  it('when a file holds everyday posts only, then its row gives the negatives left alone, no F1, and stays out of the macro-F1', async () => {
    const everyday = labelled('everyday.jsonl', [
      JSON.stringify({ id: 'e1', text: 'Félicitations à l\'équipe de volleyball!', lang: 'fr', labels: ['none'], source: 'project_rseq_everyday_probes' }),
      JSON.stringify({ id: 'e2', text: 'T\'es un vrai connard, toi.', lang: 'fr', labels: ['none'], source: 'project_rseq_everyday_probes' }),
    ]);
    const withPositives = labelled('threat.jsonl', [
      JSON.stringify({ id: 't1', text: 'Je vais te tuer après le match.', lang: 'fr', labels: ['threat'], source: 'project_threat_probes' }),
    ]);

    const result = await runMonitorToExit(['eval', everyday, withPositives, '--all'], {});

    expect(result.stdout).toContain('| everyday.jsonl | 2 | flagged | — | — | — | — | 50.0 |');
    expect(result.stdout).toContain('Macro-F1 over the reliable labels above that have positives: 100.0.');
  });

  it('when a line of a labelled file is not JSON, then the file and line are named and exit code is 1', async () => {
    const file = labelled('broken.jsonl', ['{"id":"a","text":"x","labels":["none"],"lang":"fr","source":"mlma"}', '{oops']);

    const result = await runMonitorToExit(['eval', file], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('monitor: broken.jsonl:2 is not valid JSON\n');
  });

  it('when an item lacks its labels, then the fields needed are named and exit code is 1', async () => {
    const file = labelled('unlabelled.jsonl', ['{"id":"a","text":"x","lang":"fr"}']);

    const result = await runMonitorToExit(['eval', file], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('monitor: unlabelled.jsonl:1 needs "id", "text" and "labels"\n');
  });

  it('when an item is a group name, then it is measured as a group name; an unknown scope is named with the ones allowed', async () => {
    const item = { text: 'Anciens de Portage – entraide', lang: 'fr', labels: ['missing_unofficial_label'], source: 'project_portage_group_probes' };
    const asGroupName = labelled('group-name.jsonl', [JSON.stringify({ id: 'g1', ...item, scope: 'group_name' })]);
    const asPost = labelled('group-name-as-post.jsonl', [JSON.stringify({ id: 'g2', ...item })]);
    const badScope = labelled('bad-scope.jsonl', [JSON.stringify({ id: 'g3', ...item, scope: 'group_title' })]);

    const [groupName, post, bad] = await Promise.all([
      runMonitorToExit(['eval', asGroupName, '--all'], {}),
      runMonitorToExit(['eval', asPost, '--all'], {}),
      runMonitorToExit(['eval', badScope, '--all'], {}),
    ]);

    expect(groupName.stdout).toMatch(/\| group-name\.jsonl \| 1 \| missing_unofficial_label \| 100\.0 \| 100\.0 \| 100\.0 \|/);
    // A post's text is never checked for the unofficial label.
    expect(post.stdout).toMatch(/\| group-name-as-post\.jsonl \| 1 \| missing_unofficial_label \| 0\.0 \| 0\.0 \| 0\.0 \|/);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('monitor: bad-scope.jsonl:1 has scope "group_title": use post_text, group_name, group_description\n');
  });

  it('when an option is unknown or a file cannot be read, then the usage or the file is named, in the terminal language', async () => {
    const [unknown, missing, frenchMissing] = await Promise.all([
      runMonitorToExit(['eval', '--heldout'], {}),
      runMonitorToExit(['eval', join(scratch, 'absent.jsonl')], {}),
      runMonitorToExit(['eval', scratch], { LANG: 'fr_CA.UTF-8' }),
    ]);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('monitor: unknown option --heldout; usage: monitor eval [labelled.jsonl…] [--all] [--detect-language] [--write]\n');
    expect(missing.stderr).toBe(`monitor: cannot read ${join(scratch, 'absent.jsonl')}: no such file\n`);
    expect(frenchMissing.stderr).toBe(`monitor: impossible de lire ${scratch} : est un dossier\n`);
  });
});

describe('monitor train', () => {
  const modelsHash = () => {
    const hash = createHash('sha256');
    const dir = join(PROJECT_ROOT, 'classifier/models');
    for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
    return hash.digest('hex');
  };

  it('when given an option it does not know (--help), then it stops before training and the shipped models are untouched', async () => {
    const before = modelsHash();

    const [help, missing] = await Promise.all([
      runMonitorToExit(['train', '--help'], {}),
      runMonitorToExit(['train', join(scratch, 'absent.jsonl')], { LANG: 'fr_CA.UTF-8' }),
    ]);

    expect(help.code).toBe(1);
    expect(help.stderr).toBe('monitor: unknown option --help; usage: monitor train [labelled.jsonl…]\n');
    expect(missing.stderr).toBe(`monitor: impossible de lire ${join(scratch, 'absent.jsonl')} : fichier introuvable\n`);
    expect(help.stdout + missing.stdout).toBe('');
    expect(modelsHash()).toBe(before);
  });
});
