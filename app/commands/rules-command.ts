import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runRuleExamples } from '../../classifier/rule-examples.js';
import { buildRuleSet, loadModels, readPackSources, RULES_DIR } from '../../classifier/rule-set/load.js';
import { RuleSetError, type BilingualText } from '../../lib/errors.js';
import { terminalLocale } from '../../config/terminal-locale.js';
import { usageError } from './args.js';

/** The report's sentences; French when the terminal is (administrators tune rules in French). */
const REPORT = {
  en: {
    passed: (packs: number) => `rules test: ${packs} pack(s) passed`,
    problems: (count: number) => `rules test: ${count} problem(s)`,
    failure: (file: string, ruleId: string, expected: 'match' | 'no_match', text: string, fired: string[]) =>
      `FAIL ${file} rule ${ruleId}: ${expected === 'match' ? 'should match but did not' : 'should not match but did'}: ${JSON.stringify(text)}` +
      ` (fired: ${fired.join(', ') || 'none'})`,
    pack: (file: string, checked: number, failed: number) => `${failed === 0 ? 'ok  ' : 'FAIL'} ${file}: ${checked} examples, ${failed} failed`,
    error: (issue: BilingualText) => `ERROR ${issue.en}`,
  },
  fr: {
    passed: (packs: number) => `rules test : ${packs} paquet(s) valide(s)`,
    problems: (count: number) => `rules test : ${count} problème(s)`,
    failure: (file: string, ruleId: string, expected: 'match' | 'no_match', text: string, fired: string[]) =>
      `ÉCHEC ${file} règle ${ruleId} : ${expected === 'match' ? 'devrait signaler mais ne le fait pas' : 'ne devrait pas signaler mais le fait'} : ${JSON.stringify(text)}` +
      ` (règles déclenchées : ${fired.join(', ') || 'aucune'})`,
    pack: (file: string, checked: number, failed: number) => `${failed === 0 ? 'ok   ' : 'ÉCHEC'} ${file} : ${checked} exemples, ${failed} en échec`,
    error: (issue: BilingualText) => `ERREUR ${issue.fr}`,
  },
};

/**
 * `monitor rules test [pack files…]`: validates each pack (all problems with file:line) and runs
 * every inline example. Prints failures; exits non-zero on any. Default: every pack in rules/packs.
 */
export async function runRulesCommand(args: string[]): Promise<void> {
  const [sub, ...files] = args;
  if (sub !== 'test') throw usageError({ en: 'usage: monitor rules test [pack.yaml…]', fr: 'utilisation : monitor rules test [paquet.yaml…]' });
  const report = REPORT[terminalLocale()];
  const packs = files.length > 0 ? files.map((file) => resolve(file)) : defaultPacks();
  let failed = 0;
  for (const pack of packs) {
    failed += testPack(pack, report);
  }
  process.stdout.write(`${failed === 0 ? report.passed(packs.length) : report.problems(failed)}\n`);
  if (failed > 0) process.exitCode = 1;
}

function defaultPacks(): string[] {
  const dir = join(RULES_DIR, 'packs');
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.yaml')).map((file) => join(dir, file)) : [];
}

function testPack(path: string, report: (typeof REPORT)['en']): number {
  try {
    if (!existsSync(path)) throw new RuleSetError([{ en: `${path}: file not found`, fr: `${path} : fichier introuvable` }]);
    const ruleSet = buildRuleSet(readPackSources(path), { modelsFor: (languages) => loadModels(languages) });
    const file = ruleSet.files[0]!;
    const { checked, failures } = runRuleExamples(ruleSet);
    for (const { ruleId, expected, text, fired } of failures) process.stdout.write(`${report.failure(file, ruleId, expected, text, fired)}\n`);
    process.stdout.write(`${report.pack(file, checked, failures.length)}\n`);
    return failures.length;
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    for (const issue of error.bilingualIssues) process.stdout.write(`${report.error(issue)}\n`);
    return error.bilingualIssues.length;
  }
}
