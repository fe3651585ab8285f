import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { perceptualHash } from '../images/perceptual-hash.js';
import { RULES_DIR } from '../rule-set/load.js';
import type { CompiledRuleSet } from '../rule-set/compiled.js';
import type { LogoReference } from './check-group.js';

/**
 * Hashes of the organization's reference logos, read relative to its pack and only from rules/
 * (a pack uploaded through the API cannot point elsewhere). A missing file is an error naming it.
 */
export async function loadLogoReferences(ruleSet: CompiledRuleSet): Promise<LogoReference[]> {
  const packDir = dirname(join(PROJECT_ROOT, ruleSet.files[0] ?? 'rules/packs/pack.yaml'));
  const references: LogoReference[] = [];
  for (const logo of ruleSet.organization.logos ?? []) {
    const path = resolve(packDir, logo);
    if (!path.startsWith(`${RULES_DIR}/`)) throw new Error(`logo ${logo} is outside rules/`);
    references.push({ path: logo, hash: await perceptualHash(await readFile(path)) });
  }
  return references;
}
