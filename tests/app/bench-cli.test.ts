import { describe, expect, it } from 'vitest';
import { runMonitorToExit } from '../support/monitor-process.js';

describe('monitor bench', () => {
  it('when the benchmark named is not one of them, then one line names the choices and exit code is 1, before anything starts', async () => {
    const result = await runMonitorToExit(['bench', 'classifer'], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('monitor: unknown benchmark "classifer": use classifier, crawler, ingest or api\n');
  });
});

describe('monitor bench api', () => {
  it('when --seconds is not a whole number from 1 to 600, then one line says so and exit code is 1, before anything starts', async () => {
    const results = await Promise.all([['0'], ['abc'], ['601']].map((value) => runMonitorToExit(['bench', 'api', '--seconds', ...value], {})));

    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('monitor: --seconds must be a whole number from 1 to 600\n');
    }
  });
});
