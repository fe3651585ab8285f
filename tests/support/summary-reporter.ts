import type { Reporter, TestModule } from 'vitest/node';
import { formatPartialRun, recordedSummary, updateReliabilityFigures, type TestFigures } from '../../lib/reliability-summary.js';
import { REQUIRED_FAULTS, type ReliabilityNote } from './reliability.js';

/**
 * Ends the run with one plain line, "N passed, N failed, N skipped", that any CI can read, then
 * the reliability line built from what the tests noted (tests/support/reliability.ts). The
 * reliability figures are written to docs/reliability.md only after a full run of the suite.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const badInputs: Record<string, number> = {};
    let canaryHits = 0;
    const survived = new Set<string>();
    let lost = 0;
    let duplicates = 0;
    let coverage: number | undefined;
    let crashes = 0;
    const measures: TestFigures['measures'] = [];
    for (const module of testModules) {
      // A failure in a file that tries bad inputs or faults counts as a crash of what it tested.
      const tries = [...module.children.allTests()].some((test) => (test.meta().reliability ?? []).length > 0);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
        const notes = (test.meta().reliability ?? []) as ReliabilityNote[];
        if (tries && state === 'failed') crashes += 1;
        for (const note of notes) {
          if (note.kind === 'bad-inputs') {
            badInputs[note.family] = (badInputs[note.family] ?? 0) + note.tried;
            canaryHits += note.canaryHits ?? 0;
          } else if (note.kind === 'fault') {
            lost += note.lost;
            duplicates += note.duplicates;
            if (state === 'passed') survived.add(note.fault);
          } else if (note.kind === 'measure') {
            if (state === 'passed') measures.push({ name: note.name, value: note.value, unit: note.unit, limit: note.limit });
          } else if (state === 'passed') {
            coverage = Math.round((100 * note.routesCovered) / note.routesTotal);
          }
        }
      }
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    // Only a green run of the whole suite (the access matrix and the fault tests included) rewrites
    // the figures; a run of the fault tests alone (npm run test:faults) prints its own beside them.
    if (coverage === undefined || survived.size === 0) {
      if (survived.size > 0) {
        const run = { faultsSurvived: survived.size, faultsRequired: REQUIRED_FAULTS.length, lost, duplicates, crashes, canaryHits };
        process.stdout.write(`${formatPartialRun(run, recordedSummary())}\n`);
      }
      return;
    }
    if (counts.failed > 0) {
      process.stdout.write(`reliability figures not recorded: ${counts.failed} test(s) failed\n`);
      return;
    }
    const line = updateReliabilityFigures({
      tests: {
        faultsSurvived: survived.size,
        faultsRequired: REQUIRED_FAULTS.length,
        faultsNotTested: REQUIRED_FAULTS.filter((fault) => !survived.has(fault)),
        lost,
        duplicates,
        badInputs,
        crashes,
        canaryHits,
        routeRoleCoverage: coverage,
        measures: measures.sort((a, b) => a.name.localeCompare(b.name)),
        measuredAt: new Date().toISOString(),
      },
    });
    process.stdout.write(`${line}\n`);
  }
}
