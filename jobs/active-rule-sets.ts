import type { CompiledRuleSet } from '../classifier/rule-set/compiled.js';
import { buildRuleSet, loadModels, loadRuleSetForOrg } from '../classifier/rule-set/load.js';
import type { Models } from '../db/models/index.js';
import { getActiveRuleSetVersionId, getRuleSetVersion } from '../db/rule-set-repository.js';

/** The rule set each organization runs now: its activated stored version, else its shipped pack. */
export interface ActiveRuleSets {
  get(org: string): Promise<CompiledRuleSet>;
}

export interface ActiveRuleSetsOptions {
  /** How often to look for a newly activated version. @default 5000 */
  refreshMs?: number;
  now?: () => number;
  /** The shipped pack, when no version was activated. */
  loadShipped?: (org: string) => CompiledRuleSet;
}

/**
 * Workers pick up an activation without a restart: every `refreshMs` a lookup asks which version
 * is active (one small query), and a new one is built from its stored files once.
 */
export function createActiveRuleSets(models: Models, options: ActiveRuleSetsOptions = {}): ActiveRuleSets {
  const refreshMs = options.refreshMs ?? 5_000;
  const now = options.now ?? Date.now;
  const loadShipped = options.loadShipped ?? loadRuleSetForOrg;
  const cache = new Map<string, { storedVersion: string | undefined; ruleSet: CompiledRuleSet; checkedAt: number }>();
  return {
    async get(org) {
      const cached = cache.get(org);
      if (cached && now() - cached.checkedAt < refreshMs) return cached.ruleSet;
      const storedVersion = await getActiveRuleSetVersionId(models, org);
      if (cached && cached.storedVersion === storedVersion) {
        cached.checkedAt = now();
        return cached.ruleSet;
      }
      const ruleSet = storedVersion
        ? buildRuleSet((await getRuleSetVersion(models, org, storedVersion)).files, { modelsFor: (languages) => loadModels(languages) })
        : loadShipped(org);
      cache.set(org, { storedVersion, ruleSet, checkedAt: now() });
      return ruleSet;
    },
  };
}
