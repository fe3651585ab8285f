import type { CompiledRuleSet } from './compiled.js';
import { loadRuleSetForOrg } from './load.js';

/** The rule set in use per organization, loaded on first use and then kept. */
export interface RuleSetRegistry {
  /** Throws RuleSetError when the organization has no valid pack. */
  get(org: string): CompiledRuleSet;
}

export function createRuleSetRegistry(load: (org: string) => CompiledRuleSet = loadRuleSetForOrg): RuleSetRegistry {
  const loaded = new Map<string, CompiledRuleSet>();
  return {
    get(org) {
      let ruleSet = loaded.get(org);
      if (!ruleSet) {
        ruleSet = load(org);
        loaded.set(org, ruleSet);
      }
      return ruleSet;
    },
  };
}
