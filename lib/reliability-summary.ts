import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/**
 * The reliability figures issue 7 asks for, in one line: `npm test` / `npm run test:faults` fill
 * the test part, `npm run bench` the load part; each writes its part to docs/reliability.md
 * between markers, so the document always quotes the last measured figures.
 */
export interface TestFigures {
  faultsSurvived: number;
  faultsRequired: number;
  faultsNotTested: string[];
  lost: number;
  duplicates: number;
  badInputs: Record<string, number>;
  crashes: number;
  canaryHits: number;
  routeRoleCoverage: number;
  /** Figures single tests measured, each held to its limit (absent in figures older than them). */
  measures?: { name: string; value: number; unit: string; limit: number }[];
  measuredAt: string;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  seconds: number;
  errors: number;
  measuredAt: string;
}

const FIGURES_FILE = 'docs/reliability-figures.json';
const DOC_FILE = 'docs/reliability.md';
const START = '<!-- figures:start (written by npm test, npm run test:faults and npm run bench) -->';
const END = '<!-- figures:end -->';

export function formatSummary(tests: TestFigures | undefined, load: LoadFigures | undefined): string {
  const testPart = tests
    ? `faults survived ${tests.faultsSurvived}/${tests.faultsRequired}, lost ${tests.lost}, duplicates ${tests.duplicates}; ` +
      `bad inputs tried ${Object.values(tests.badInputs).reduce((sum, n) => sum + n, 0)} (${Object.entries(tests.badInputs)
        .map(([family, n]) => `${family} ${n}`)
        .join(', ')}), crashes ${tests.crashes}, canary hits ${tests.canaryHits}; routes × roles covered ${tests.routeRoleCoverage}%`
    : 'faults, bad inputs and access: not measured yet (npm test)';
  const loadPart = load
    ? `load: GET /api/flags ${Math.round(load.requestsPerSecond)} req/s p99 ${load.p99Ms} ms for ${load.seconds} s, errors ${load.errors}`
    : 'load: not measured yet (npm run bench)';
  return `${testPart}; ${loadPart}`;
}

function readFigures(root: string): { tests?: TestFigures; load?: LoadFigures } {
  const path = join(root, FIGURES_FILE);
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { tests?: TestFigures; load?: LoadFigures };
  } catch {
    return {};
  }
}

/** The summary line of the figures last recorded (by a full `npm test` and by `npm run bench`). */
export function recordedSummary(root = PROJECT_ROOT): string {
  const figures = readFigures(root);
  return formatSummary(figures.tests, figures.load);
}

/**
 * The line a partial run ends with (`npm run test:faults`): what it measured, then the figures
 * last recorded, which a partial run does not overwrite.
 */
export function formatPartialRun(
  run: Pick<TestFigures, 'faultsSurvived' | 'faultsRequired' | 'lost' | 'duplicates' | 'crashes' | 'canaryHits'>,
  recorded: string,
): string {
  return (
    `this run: faults survived ${run.faultsSurvived}/${run.faultsRequired}, lost ${run.lost}, duplicates ${run.duplicates}, ` +
    `crashes ${run.crashes}, canary hits ${run.canaryHits}; last full figures: ${recorded}`
  );
}

/** Stores one part of the figures and rewrites the block in docs/reliability.md; returns the summary line. */
export function updateReliabilityFigures(part: { tests: TestFigures } | { load: LoadFigures }, root = PROJECT_ROOT): string {
  const figures = { ...readFigures(root), ...part };
  writeFileSync(join(root, FIGURES_FILE), `${JSON.stringify(figures, null, 2)}\n`);
  const line = formatSummary(figures.tests, figures.load);
  const docPath = join(root, DOC_FILE);
  if (existsSync(docPath)) {
    const doc = readFileSync(docPath, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    if (start >= 0 && end > start) {
      const notTested = figures.tests?.faultsNotTested.length ? `\n\nFaults not tested yet: ${figures.tests.faultsNotTested.join('; ')}.` : '';
      const measured = figures.tests?.measures?.length
        ? `\n\nMeasured during the tests (limit in brackets): ${figures.tests.measures.map((m) => `${m.name} ${m.value} ${m.unit} (< ${m.limit})`).join('; ')}.`
        : '';
      const dates = `\n\nTests measured ${figures.tests?.measuredAt ?? 'never'}; load measured ${figures.load?.measuredAt ?? 'never'}.`;
      writeFileSync(docPath, `${doc.slice(0, start + START.length)}\n\n> ${line}${notTested}${measured}${dates}\n\n${doc.slice(end)}`);
    }
  }
  return line;
}
