import type { CompiledRuleSet } from '../classifier/rule-set/compiled.js';
import { buildRuleSet, loadModels, loadRuleSetForOrg, shippedPackSources } from '../classifier/rule-set/load.js';
import type { RuleSource } from '../classifier/rule-set/parse.js';
import type { Models } from '../db/models/index.js';
import { getActiveRuleSetVersionId, getRuleSetVersion } from '../db/rule-set-repository.js';

/** The files of the rule set in force, named by a key that changes whenever they do. */
export interface ActivePack {
  /** The activated version's id, or `shipped:<org>` for the pack in rules/. */
  key: string;
  sources: readonly RuleSource[];
}

/** The rule set each organization runs now: its activated stored version, else its shipped pack. */
export interface ActiveRuleSets {
  get(org: string): Promise<CompiledRuleSet>;
  /** The same set as files, for a classifier that builds its own copy (jobs/post-classifier/). */
  pack(org: string): Promise<ActivePack>;
}

export interface ActiveRuleSetsOptions {
  /** How often to look for a newly activated version. @default 5000 */
  refreshMs?: number;
  now?: () => number;
  /** The shipped pack, when no version was activated. */
  loadShipped?: (org: string) => CompiledRuleSet;
}

interface Entry {
  storedVersion: string | undefined;
  checkedAt: number;
  pack?: ActivePack;
  ruleSet?: CompiledRuleSet;
}

/**
 * Workers pick up an activation without a restart: every `refreshMs` a lookup asks which version
 * is active (one small query), and a new one is read (and built, when asked for) once.
 */
export function createActiveRuleSets(models: Models, options: ActiveRuleSetsOptions = {}): ActiveRuleSets {
  const refreshMs = options.refreshMs ?? 5_000;
  const now = options.now ?? Date.now;
  const loadShipped = options.loadShipped ?? loadRuleSetForOrg;
  const entries = new Map<string, Entry>();

  async function current(org: string): Promise<Entry> {
    const cached = entries.get(org);
    if (cached && now() - cached.checkedAt < refreshMs) return cached;
    const storedVersion = await getActiveRuleSetVersionId(models, org);
    if (cached && cached.storedVersion === storedVersion) {
      cached.checkedAt = now();
      return cached;
    }
    const entry: Entry = { storedVersion, checkedAt: now() };
    entries.set(org, entry);
    return entry;
  }

  async function packOf(org: string, entry: Entry): Promise<ActivePack> {
    entry.pack ??= entry.storedVersion
      ? { key: entry.storedVersion, sources: (await getRuleSetVersion(models, org, entry.storedVersion)).files }
      : { key: `shipped:${org}`, sources: shippedPackSources(org) };
    return entry.pack;
  }

  return {
    async get(org) {
      const entry = await current(org);
      entry.ruleSet ??= entry.storedVersion
        ? buildRuleSet((await packOf(org, entry)).sources, { modelsFor: (languages) => loadModels(languages), backtrackingCheck: false })
        : loadShipped(org);
      return entry.ruleSet;
    },
    async pack(org) {
      return packOf(org, await current(org));
    },
  };
}
