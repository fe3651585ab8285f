import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledFile } from '../../classifier/evaluation/dataset.js';
import { loadRuleSetForOrg, readPackSources, RULES_DIR } from '../../classifier/rule-set/load.js';
import { parseRuleFile } from '../../classifier/rule-set/parse.js';
import { PROJECT_ROOT } from '../../lib/paths.js';

describe('shipped rule files', () => {
  const ruleFiles = ['packs', 'lexicons'].flatMap((dir) =>
    readdirSync(join(RULES_DIR, dir)).map((file) => join(RULES_DIR, dir, file)),
  );

  it.each(ruleFiles)('when %s is read, then it validates against the schema and declares it', (file) => {
    const sources = readPackSources(file);
    const { issues } = parseRuleFile(sources[0]!);

    expect(issues).toEqual([]);
    expect(sources[0]!.content.startsWith('# yaml-language-server: $schema=../rule-file.schema.json')).toBe(true);
  });

  it.each(['portage', 'rseq-monteregie', 'gostudent', 'immerse'])('when the %s pack loads, then it has rules and a version', (org) => {
    const ruleSet = loadRuleSetForOrg(org);

    expect(ruleSet.rules.length).toBeGreaterThan(5);
    expect(ruleSet.organization.slug).toBe(org);
  });

  it('when the packs are read, then no inline example is the text of a probe kept unseen (fixtures/eval/*-unseen.jsonl)', () => {
    const normal = (text: string) => text.toLowerCase().replace(/[’']/g, "'").trim();
    const unseenDir = join(PROJECT_ROOT, 'fixtures/eval');
    const unseen = new Set(
      readdirSync(unseenDir)
        .filter((file) => file.endsWith('-unseen.jsonl'))
        .flatMap((file) => readLabelledFile(join(unseenDir, file)).map((item) => normal(item.text))),
    );
    const examples = ruleFiles
      .filter((file) => file.includes('/packs/'))
      .flatMap((file) => parseRuleFile(readPackSources(file)[0]!).parsed!.file.rules ?? [])
      .flatMap((rule) => [...(rule.examples?.match ?? []), ...(rule.examples?.no_match ?? [])])
      .map((example) => (typeof example === 'string' ? example : example.text));

    expect(unseen.size).toBeGreaterThan(100);
    expect(examples.length).toBeGreaterThan(300);
    // Tuning on an unseen probe spends it: its text may not become a rule's example.
    expect(examples.filter((text) => unseen.has(normal(text)))).toEqual([]);
  });

  it('when the schema changed, then the generated TypeScript types are regenerated too', () => {
    expect(() => execFileSync('node', ['scripts/generate-rule-types.mjs', '--check'], { cwd: PROJECT_ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
