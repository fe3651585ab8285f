import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPartialRun, recordedSummary, updateReliabilityFigures } from '../../lib/reliability-summary.js';

const root = mkdtempSync(join(tmpdir(), 'monitor-reliability-summary-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TESTS = {
  faultsSurvived: 8,
  faultsRequired: 8,
  faultsNotTested: [],
  lost: 0,
  duplicates: 0,
  badInputs: { SSRF: 60, XSS: 100 },
  crashes: 0,
  canaryHits: 0,
  routeRoleCoverage: 100,
  measures: [],
  measuredAt: '2026-11-22T10:00:00.000Z',
};

describe('reliability summary', () => {
  it('when nothing was recorded yet, then the line says which command measures each part', () => {
    expect(recordedSummary(root)).toBe('faults, bad inputs and access: not measured yet (npm test); load: not measured yet (npm run bench)');
  });

  it('when the test part and the load part are recorded, then the line joins them and the doc block is rewritten between its markers', () => {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/reliability.md'), 'before\n<!-- figures:start (written by npm test, npm run test:faults and npm run bench) -->\nold\n<!-- figures:end -->\nafter\n');

    updateReliabilityFigures({ tests: TESTS }, root);
    const line = updateReliabilityFigures({ load: { requestsPerSecond: 2157.4, p99Ms: 12, seconds: 60, errors: 0, measuredAt: '2026-11-22T10:05:00.000Z' } }, root);

    expect(line).toBe(
      'faults survived 8/8, lost 0, duplicates 0; bad inputs tried 160 (SSRF 60, XSS 100), crashes 0, canary hits 0; routes × roles covered 100%; load: GET /api/flags 2157 req/s p99 12 ms for 60 s, errors 0',
    );
    expect(recordedSummary(root)).toBe(line);
    const doc = readFileSync(join(root, 'docs/reliability.md'), 'utf8');
    expect(doc).toContain(`> ${line}`);
    expect(doc).not.toContain('old');
    expect(doc.startsWith('before\n')).toBe(true);
    expect(doc.endsWith('<!-- figures:end -->\nafter\n')).toBe(true);
  });

  it('when only the fault tests ran, then their line gives this run beside the figures last recorded, which stay as they were', () => {
    const before = readFileSync(join(root, 'docs/reliability-figures.json'), 'utf8');

    const line = formatPartialRun({ faultsSurvived: 7, faultsRequired: 8, lost: 1, duplicates: 0, crashes: 1, canaryHits: 0 }, recordedSummary(root));

    expect(line).toMatch(/^this run: faults survived 7\/8, lost 1, duplicates 0, crashes 1, canary hits 0; last full figures: faults survived 8\/8, lost 0/);
    expect(readFileSync(join(root, 'docs/reliability-figures.json'), 'utf8')).toBe(before);
  });
});
