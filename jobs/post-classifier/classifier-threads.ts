import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PostInput } from '../../classifier/types.js';
import { ClassifyBudgetExceededError, RuleSetError } from '../../lib/errors.js';
import { jobsLogger } from '../../lib/logger.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import type { ActivePack, ActiveRuleSets } from '../active-rule-sets.js';
import type { ClassifiedPost, PostClassifier } from './post-classifier.js';
import {
  ANALYSING,
  BUILDING,
  IDLE,
  PROGRESS_SLOTS,
  STEP,
  STEP_STARTED_AT,
  type ClassifyRequest,
  type ThreadMessage,
} from './protocol.js';

export interface ClassifierThreadsOptions {
  ruleSets: Pick<ActiveRuleSets, 'pack'>;
  threads: number;
  /** Longest one rule may run on one post. */
  ruleBudgetMs: number;
  /** Longest the shared analysis of one post may run. */
  analysisBudgetMs: number;
  /** Longest building a rule set may take (parsing, pattern checks, models). @default 60000 */
  buildBudgetMs?: number;
}

interface Task {
  id: number;
  pack: ActivePack;
  post: PostInput;
  resolve(result: ClassifiedPost): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  progress: BigInt64Array;
  /** Packs this thread was sent, and the rule ids of each once built (to name a slow rule). */
  knownPacks: Set<string>;
  ruleIds: Map<string, string[]>;
  task: Task | undefined;
}

/** The pool: classifies with an organization's rule set in force, or with any given pack. */
export interface ClassifierThreads extends PostClassifier {
  /** Classifies with these files (a backtest's candidate), built once per thread and key. */
  classifyWith(pack: ActivePack, post: PostInput): Promise<ClassifiedPost>;
}

/** Memory one classifier thread may use (its models included) before it is stopped. */
const THREAD_HEAP_MB = 1_024;

/**
 * Classification in worker threads: a worker's event loop stays free to renew its job locks and
 * answer Redis while a long post is classified, and a step that overruns its budget is stopped
 * by terminating its thread (a synchronous regex cannot be interrupted any other way). The
 * thread is replaced and the post fails with ClassifyBudgetExceededError naming the step.
 */
export function createClassifierThreads(options: ClassifierThreadsOptions): ClassifierThreads {
  const buildBudgetMs = options.buildBudgetMs ?? 60_000;
  const threads = new Set<Thread>();
  const waiting: Task[] = [];
  let nextId = 1;
  let watchdog: NodeJS.Timeout | undefined;
  let closed = false;

  function startThread(): Thread {
    const progressBuffer = new SharedArrayBuffer(PROGRESS_SLOTS * BigInt64Array.BYTES_PER_ELEMENT);
    const progress = new BigInt64Array(progressBuffer);
    Atomics.store(progress, STEP, IDLE);
    const worker = new Worker(threadEntry(), {
      workerData: { progress: progressBuffer },
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    const thread: Thread = { worker, progress, knownPacks: new Set(), ruleIds: new Map(), task: undefined };
    worker.on('message', (message: ThreadMessage) => onMessage(thread, message));
    worker.on('error', (error) => retire(thread, new Error(`classifier thread failed: ${error.message}`)));
    worker.on('exit', (code) => retire(thread, new Error(`classifier thread exited with code ${code}`)));
    threads.add(thread);
    return thread;
  }

  function onMessage(thread: Thread, message: ThreadMessage): void {
    if (message.type === 'built') {
      thread.ruleIds.set(message.key, message.ruleIds);
      return;
    }
    const task = thread.task;
    if (!task || task.id !== message.id) return;
    if (message.type === 'unknown-pack') {
      // The thread dropped an old set: send the files again.
      thread.knownPacks.delete(task.pack.key);
      send(thread, task);
      return;
    }
    thread.task = undefined;
    if (message.type === 'result') task.resolve(message.result);
    else task.reject(message.error.name === 'RuleSetError' ? new RuleSetError(message.error.issues ?? [message.error.message]) : Object.assign(new Error(message.error.message), { name: message.error.name }));
    dispatch();
  }

  /** Takes a thread out of the pool; its task, if any, fails with `error`. */
  function retire(thread: Thread, error: Error): void {
    if (!threads.delete(thread)) return;
    const task = thread.task;
    thread.task = undefined;
    void thread.worker.terminate();
    if (task) task.reject(error);
    dispatch();
  }

  function send(thread: Thread, task: Task): void {
    const known = thread.knownPacks.has(task.pack.key);
    const request: ClassifyRequest = {
      id: task.id,
      pack: known ? { key: task.pack.key } : { key: task.pack.key, sources: task.pack.sources },
      post: task.post,
    };
    thread.knownPacks.add(task.pack.key);
    thread.task = task;
    thread.worker.postMessage(request);
  }

  function dispatch(): void {
    if (closed) return;
    while (waiting.length > 0) {
      let idle = [...threads].find((thread) => thread.task === undefined);
      if (!idle && threads.size < options.threads) idle = startThread();
      if (!idle) break;
      send(idle, waiting.shift()!);
    }
    const busy = [...threads].some((thread) => thread.task !== undefined);
    if (busy && !watchdog) {
      const everyMs = Math.max(5, Math.min(50, Math.floor(Math.min(options.ruleBudgetMs, options.analysisBudgetMs) / 4)));
      watchdog = setInterval(checkBudgets, everyMs);
      watchdog.unref();
    } else if (!busy && watchdog) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
  }

  function checkBudgets(): void {
    for (const thread of [...threads]) {
      const task = thread.task;
      if (!task) continue;
      const step = Atomics.load(thread.progress, STEP);
      if (step === IDLE) continue;
      const elapsedMs = Date.now() - Number(Atomics.load(thread.progress, STEP_STARTED_AT));
      const budgetMs = step >= 0n ? options.ruleBudgetMs : step === ANALYSING ? options.analysisBudgetMs : buildBudgetMs;
      if (elapsedMs <= budgetMs) continue;
      const overrun =
        step >= 0n
          ? { ruleId: thread.ruleIds.get(task.pack.key)?.[Number(step)] ?? `#${step}` }
          : { step: step === BUILDING ? 'building the rule set' : 'the text analysis' };
      jobsLogger.warn({ ...overrun, budgetMs, elapsedMs }, 'classification step over budget; thread stopped');
      retire(thread, new ClassifyBudgetExceededError(overrun, budgetMs));
    }
  }

  function classifyWith(pack: ActivePack, post: PostInput): Promise<ClassifiedPost> {
    if (closed) return Promise.reject(new Error('the classifier threads are closed'));
    return new Promise<ClassifiedPost>((resolve, reject) => {
      waiting.push({ id: nextId++, pack, post, resolve, reject });
      dispatch();
    });
  }

  return {
    async classify(org, post) {
      if (closed) throw new Error('the classifier threads are closed');
      return classifyWith(await options.ruleSets.pack(org), post);
    },
    classifyWith,
    async close() {
      closed = true;
      if (watchdog) clearInterval(watchdog);
      for (const task of waiting.splice(0)) task.reject(new Error('the classifier threads are closed'));
      const all = [...threads];
      threads.clear();
      for (const thread of all) thread.task?.reject(new Error('the classifier threads are closed'));
      await Promise.all(all.map((thread) => thread.worker.terminate()));
    },
  };
}

/**
 * The thread's script. Worker threads run JavaScript only, so when this module runs from its
 * TypeScript source (tests) the thread runs the built copy in dist/ (`npm test` builds it first).
 */
function threadEntry(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./thread-entry.js', import.meta.url);
  const built = join(PROJECT_ROOT, 'dist/jobs/post-classifier/thread-entry.js');
  if (!existsSync(built)) throw new Error(`the classifier thread needs a build: ${built} is missing (run npm run build)`);
  return new URL(`file://${built}`);
}
