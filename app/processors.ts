import { createRuleSetRegistry } from '../classifier/rule-set/registry.js';
import { createClassifyPostProcessor } from '../jobs/processors/classify-post.js';
import type { Processors } from '../jobs/worker.js';
import type { AppContext } from './context.js';

/**
 * The job processors this build provides, wired to the context. Queues without a processor here
 * keep their jobs waiting until a worker that has one starts.
 */
export function buildProcessors(context: AppContext): Processors {
  return {
    classify: createClassifyPostProcessor({ models: context.store.models, ruleSets: createRuleSetRegistry() }),
  };
}
