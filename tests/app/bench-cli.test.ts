import { describe, expect, it } from 'vitest';
import { runMonitorToExit } from '../support/monitor-process.js';

describe('monitor bench', () => {
  it('when the benchmark named is not one of them, then one line names the choices and exit code is 1, before anything starts', async () => {
    const result = await runMonitorToExit(['bench', 'classifer'], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('monitor: unknown benchmark "classifer": use classifier, crawler, ingest or api\n');
  });

  it('when something follows the benchmark name that it does not take, then the option or word and the usage are named, in the terminal language', async () => {
    const [extra, french] = await Promise.all([
      runMonitorToExit(['bench', 'classifier', '--quick'], {}),
      runMonitorToExit(['bench', 'api', '--seconds', '5', 'now'], { LANG: 'fr_CA.UTF-8' }),
    ]);

    expect(extra.code).toBe(1);
    expect(extra.stderr).toBe('monitor: unknown option --quick; usage: monitor bench [classifier | crawler | ingest | api [--seconds N]]\n');
    expect(french.stderr).toBe('monitor: argument inattendu now ; utilisation : monitor bench [classifier | crawler | ingest | api [--seconds N]]\n');
    expect(extra.stdout + french.stdout).toBe('');
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
