import { classify } from '../../classifier/classify.js';
import { loadConfig } from '../../config/index.js';
import { benchApi } from './api-bench.js';
import { benchCrawler } from './crawler-bench.js';
import { benchIngest } from './ingest-bench.js';
import { checkArguments, readFlag, usageError } from './args.js';
import { benchCorpus } from '../../classifier/evaluation/bench-corpus.js';
import { buildRuleSet, loadModels, packPathFor, readPackSources } from '../../classifier/rule-set/load.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';

const POSTS = 10_000;
const OTHER_PACKS = ['rseq-monteregie', 'gostudent', 'immerse'];
const MIB = 1024 * 1024;

const USAGE = {
  en: 'usage: monitor bench [classifier | crawler | ingest | api [--seconds N]]',
  fr: 'utilisation : monitor bench [classifier | crawler | ingest | api [--seconds N]]',
};

/**
 * `monitor bench`: crawler pages/s on loopback (cheerio and browser paths), and classifier throughput on one core (this process), full pipeline (rules and
 * models) and rules only, on ~250-character French posts, plus the memory the models take; then
 * end-to-end ingest (`bench ingest`) and the flag-queue API (`bench api`). `bench classifier` and `bench crawler` run one part alone.
 */
export async function runBenchCommand(args: string[] = []): Promise<void> {
  const [benchmark, ...options] = args;
  // Only `bench api` takes an option (`--seconds N`); anything else after the name is a mistake.
  checkArguments(options, { withValue: benchmark === 'api' ? ['--seconds'] : [] }, USAGE);
  if (benchmark === 'api') {
    // `--seconds N` shortens the run while tuning; the figure to report is the default 60 s.
    const seconds = options.includes('--seconds') ? Number(readFlag(options, '--seconds')) : 60;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) throw usageError({ en: '--seconds must be a whole number from 1 to 600', fr: '--seconds doit être un nombre entier de 1 à 600' });
    await reportApiBench(seconds);
    return;
  }
  if (benchmark === 'crawler') {
    process.stdout.write(`${(await benchCrawler(loadConfig().config.crawler.chromiumPath)).join('\n')}\n`);
    return;
  }
  if (benchmark === 'ingest') {
    process.stdout.write(`${(await benchIngest()).join('\n')}\n`);
    return;
  }
  if (benchmark !== undefined && benchmark !== 'classifier') {
    throw usageError({
      en: `unknown benchmark "${benchmark}": use classifier, crawler, ingest or api`,
      fr: `banc d'essai inconnu « ${benchmark} » : classifier, crawler, ingest ou api`,
    });
  }
  process.stdout.write(`${benchClassifier().join('\n')}\n`);
  if (benchmark === 'classifier') return;
  process.stdout.write(`${(await benchCrawler(loadConfig().config.crawler.chromiumPath)).join('\n')}\n`);
  process.stdout.write(`${(await benchIngest()).join('\n')}\n`);
  await reportApiBench(60);
}

/** Posts/s on one core (this process) for the full pipeline and for rules only, and the models' memory. */
function benchClassifier(): string[] {
  const corpus = benchCorpus(POSTS);
  const averageChars = Math.round(corpus.reduce((sum, post) => sum + post.length, 0) / corpus.length);
  const sources = readPackSources(packPathFor('portage'));
  const rssBefore = process.memoryUsage().rss;
  const full = buildRuleSet(sources, { modelsFor: (languages) => loadModels(languages) });
  const rssWithModels = process.memoryUsage().rss;
  const rulesOnly = buildRuleSet(sources);
  const fullRate = measure(corpus, full);
  const rulesRate = measure(corpus, rulesOnly);
  // The peak, not the size at the end: garbage not yet collected can come and go between runs.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  // The other packs read the same posts with their own rules (GoStudent's safeguarding detectors, Immerse's Japanese).
  const otherPacks = OTHER_PACKS.map((org) => `${org} ${Math.round(measure(corpus, buildRuleSet(readPackSources(packPathFor(org)))))}`);
  return [
    `classifier benchmark: ${POSTS} French posts of ${averageChars} characters on average, one core, median of ${ROUNDS} rounds, Portage's pack unless named`,
    `  full pipeline (rules + models): ${Math.round(fullRate)} posts/s (target 10,000: ${fullRate >= 10_000 ? 'met' : 'NOT met'})`,
    `  rules only:                     ${Math.round(rulesRate)} posts/s (target 100,000: ${rulesRate >= 100_000 ? 'met' : 'NOT met'})`,
    `  rules only, the other packs:    ${otherPacks.join(', ')} posts/s`,
    `  memory: models add ${Math.round((rssWithModels - rssBefore) / MIB)} MB; process RSS at its peak ${Math.round(peakRss / MIB)} MB (target under 500 MB)`,
  ];
}

/** Prints the API load figures; a failed request under load makes the command exit 1. */
async function reportApiBench(seconds: number): Promise<void> {
  const { lines, failedRequests } = await benchApi(seconds);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failedRequests > 0) process.exitCode = 1;
}

const ROUNDS = 5;

/** Median posts/s over several rounds (one core is shared with whatever else runs). */
function measure(corpus: readonly string[], ruleSet: CompiledRuleSet): number {
  for (const text of corpus.slice(0, 2_000)) classify({ text }, ruleSet); // warm up the JIT and memos
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    let findings = 0;
    for (const text of corpus) findings += classify({ text }, ruleSet).findings.length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (findings === 0) throw new Error('benchmark corpus produced no findings: the rule set did not run');
    rates.push(corpus.length / seconds);
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}
