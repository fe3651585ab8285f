import { parentPort, workerData } from 'node:worker_threads';
import { classify } from '../../classifier/classify.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';
import { buildRuleSet, loadModels } from '../../classifier/rule-set/load.js';
import type { Language } from '../../classifier/types.js';
import { RuleSetError } from '../../lib/errors.js';
import { ANALYSING, BUILDING, IDLE, STEP, STEP_STARTED_AT, type ClassifyRequest, type ThreadMessage } from './protocol.js';

/** A classifier thread: builds each rule set it is sent once, then classifies posts one at a time. */
const progress = new BigInt64Array((workerData as { progress: SharedArrayBuffer }).progress);
const ruleSets = new Map<string, CompiledRuleSet>();
/** Activations add keys; the oldest sets are dropped past this many. */
const MAX_RULE_SETS = 8;
// Models are large and the same for every version of a pack: loaded once per language list.
const modelsByLanguages = new Map<string, ReturnType<typeof loadModels>>();
const modelsFor = (languages: readonly Language[]) => {
  const key = languages.join(',');
  if (!modelsByLanguages.has(key)) modelsByLanguages.set(key, loadModels(languages));
  return modelsByLanguages.get(key)!;
};
const port = parentPort!;

function enter(step: bigint): void {
  Atomics.store(progress, STEP_STARTED_AT, BigInt(Date.now()));
  Atomics.store(progress, STEP, step);
}

const observer = { beforeAnalysis: () => enter(ANALYSING), beforeRule: (index: number) => enter(BigInt(index)) };

port.on('message', (request: ClassifyRequest) => {
  const send = (message: ThreadMessage) => port.postMessage(message);
  try {
    let ruleSet = ruleSets.get(request.pack.key);
    if (!ruleSet) {
      if (!request.pack.sources) {
        send({ type: 'unknown-pack', id: request.id });
        return;
      }
      enter(BUILDING);
      // Shipped packs are checked by `rules test`, stored ones at upload; the budget covers the rest.
      ruleSet = buildRuleSet(request.pack.sources, { modelsFor, backtrackingCheck: false });
      if (ruleSets.size >= MAX_RULE_SETS) ruleSets.delete(ruleSets.keys().next().value!);
      ruleSets.set(request.pack.key, ruleSet);
      send({ type: 'built', key: request.pack.key, ruleIds: ruleSet.rules.map((rule) => rule.id) });
    }
    const verdict = classify(request.post, ruleSet, observer);
    send({ type: 'result', id: request.id, result: { verdict, ruleSetVersion: ruleSet.version } });
  } catch (error) {
    const { name, message } = error as Error;
    send({ type: 'failed', id: request.id, error: { name, message, ...(error instanceof RuleSetError ? { issues: error.bilingualIssues } : {}) } });
  } finally {
    enter(IDLE);
  }
});
