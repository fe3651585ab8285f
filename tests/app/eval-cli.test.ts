import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { runMonitorToExit } from '../support/monitor-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'monitor-eval-'));
const labelled = (name: string, lines: string[]) => {
  const path = join(scratch, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

describe('monitor eval', () => {
  it('when the probes are measured whole, then their row has every item and the scores of discrimination', async () => {
    const result = await runMonitorToExit(['eval', join(PROJECT_ROOT, 'fixtures/eval/group-mentions.jsonl'), '--all'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| group-mentions\.jsonl \| 44 \| discrimination \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
  });

  it('when a line of a labelled file is not JSON, then the file and line are named and exit code is 1', async () => {
    const file = labelled('broken.jsonl', ['{"id":"a","text":"x","labels":["none"],"lang":"fr","source":"mlma"}', '{oops']);

    const result = await runMonitorToExit(['eval', file], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('monitor: broken.jsonl:2 is not valid JSON\n');
  });

  it('when an item lacks its labels, then the fields needed are named and exit code is 1', async () => {
    const file = labelled('unlabelled.jsonl', ['{"id":"a","text":"x","lang":"fr"}']);

    const result = await runMonitorToExit(['eval', file], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('monitor: unlabelled.jsonl:1 needs "id", "text" and "labels"\n');
  });
});
