import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runRuleExamples } from '../../classifier/rule-examples.js';
import { buildRuleSet, loadModels, readPackSources, RULES_DIR } from '../../classifier/rule-set/load.js';
import { InvalidInputError, RuleSetError } from '../../lib/errors.js';

/**
 * `monitor rules test [pack files…]`: validates each pack (all problems with file:line) and runs
 * every inline example. Prints failures; exits non-zero on any. Default: every pack in rules/packs.
 */
export async function runRulesCommand(args: string[]): Promise<void> {
  const [sub, ...files] = args;
  if (sub !== 'test') throw new InvalidInputError('usage: monitor rules test [pack.yaml…]');
  const packs = files.length > 0 ? files.map((file) => resolve(file)) : defaultPacks();
  let failed = 0;
  for (const pack of packs) {
    failed += testPack(pack);
  }
  process.stdout.write(failed === 0 ? `rules test: ${packs.length} pack(s) passed\n` : `rules test: ${failed} problem(s)\n`);
  if (failed > 0) process.exitCode = 1;
}

function defaultPacks(): string[] {
  const dir = join(RULES_DIR, 'packs');
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.yaml')).map((file) => join(dir, file)) : [];
}

function testPack(path: string): number {
  try {
    if (!existsSync(path)) throw new RuleSetError([`${path}: file not found`]);
    const ruleSet = buildRuleSet(readPackSources(path), { modelsFor: (languages) => loadModels(languages) });
    const { checked, failures } = runRuleExamples(ruleSet);
    for (const failure of failures) {
      const verb = failure.expected === 'match' ? 'should match but did not' : 'should not match but did';
      process.stdout.write(`FAIL ${ruleSet.files[0]} rule ${failure.ruleId}: ${verb}: ${JSON.stringify(failure.text)}` +
        ` (fired: ${failure.fired.join(', ') || 'none'})\n`);
    }
    process.stdout.write(`${failures.length === 0 ? 'ok  ' : 'FAIL'} ${ruleSet.files[0]}: ${checked} examples, ${failures.length} failed\n`);
    return failures.length;
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    for (const issue of error.issues) process.stdout.write(`ERROR ${issue}\n`);
    return error.issues.length;
  }
}
