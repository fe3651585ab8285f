import { classify } from '../classify.js';
import type { CompiledRuleSet } from '../rule-set/compiled.js';
import { RELIABLE_LABELS, splitOf, type LabelledItem } from './dataset.js';
import { emptyConfusion, record, scoresOf, type Confusion, type Scores } from './metrics.js';

export interface FileReport {
  file: string;
  items: number;
  /** Per reliable label ("flagged" = any category vs none). */
  labels: { label: string; scores: Scores }[];
  /** Recall of labels the source marks only partly (positives only). */
  partialRecall: { label: string; recall: number; support: number }[];
  /** Most frequent wrong predictions: "actual → predicted". */
  confusions: { pair: string; count: number }[];
  /** Items whose language came out undetermined (`und`): read with every language's lists and models. */
  undetermined: number;
}

export interface EvaluateOptions {
  /** Only the held-out side of the split (what the model never saw). @default true */
  heldOutOnly: boolean;
  /** The rule set an item is measured with (its source may call for an organization's pack). */
  ruleSetFor(item: LabelledItem): CompiledRuleSet;
  /**
   * `detected`: each item is read without its labelled language, as a crawled post whose source
   * declares none, so language detection is measured too. @default 'declared'
   */
  language?: 'declared' | 'detected';
}

export function evaluateFile(file: string, items: readonly LabelledItem[], options: EvaluateOptions): FileReport {
  const used = options.heldOutOnly ? items.filter((item) => splitOf(item) === 'test') : items;
  const source = used[0]?.source ?? '';
  const reliable = RELIABLE_LABELS.get(source) ?? [];
  const confusions = new Map<string, Confusion>(reliable.map((label) => [label, emptyConfusion()]));
  const partial = new Map<string, { hit: number; support: number }>();
  const wrong = new Map<string, number>();
  let undetermined = 0;
  for (const item of used) {
    const lang = options.language === 'detected' ? undefined : item.lang;
    const verdict = classify({ text: item.text, lang, scope: item.scope }, options.ruleSetFor(item));
    if (verdict.lang === 'und') undetermined++;
    const predicted = new Set<string>(verdict.findings.map((f) => f.category));
    const actual = new Set(item.labels.filter((label) => label !== 'none'));
    for (const label of reliable) {
      const isActual = label === 'flagged' ? actual.size > 0 : actual.has(label);
      const isPredicted = label === 'flagged' ? predicted.size > 0 : predicted.has(label);
      record(confusions.get(label)!, isActual, isPredicted);
    }
    for (const label of actual) {
      if (reliable.includes(label)) continue;
      const entry = partial.get(label) ?? { hit: 0, support: 0 };
      entry.support++;
      if (predicted.has(label)) entry.hit++;
      partial.set(label, entry);
    }
    const actualKey = [...actual].sort().join('+') || 'none';
    const predictedKey = [...predicted].sort().join('+') || 'none';
    if (actualKey !== predictedKey) wrong.set(`${actualKey} → ${predictedKey}`, (wrong.get(`${actualKey} → ${predictedKey}`) ?? 0) + 1);
  }
  return {
    file,
    items: used.length,
    labels: [...confusions].map(([label, confusion]) => ({ label, scores: scoresOf(confusion) })),
    partialRecall: [...partial].map(([label, { hit, support }]) => ({ label, recall: support === 0 ? 0 : hit / support, support })),
    confusions: [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([pair, count]) => ({ pair, count })),
    undetermined,
  };
}

const percent = (value: number) => (value * 100).toFixed(1);

export function formatReports(reports: readonly FileReport[], heldOutOnly: boolean): string {
  const lines = [
    `Items: ${heldOutOnly ? 'held-out side of the split only (30 % of families, never seen in training)' : 'all items'}.`,
    '',
    '| file | items | label | precision | recall | F1 | macro-F1 | accuracy on negatives |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const report of reports) {
    for (const { label, scores } of report.labels) {
      // A file of negatives only (everyday posts) has no F1: what it measures is the negatives left alone.
      const [precision, recall, f1, macroF1] = hasPositives(scores)
        ? [scores.precision, scores.recall, scores.f1, scores.macroF1].map(percent)
        : ['—', '—', '—', '—'];
      lines.push(
        `| ${report.file} | ${report.items} | ${label} | ${precision} | ${recall} | ${f1} | ${macroF1} | ${percent(scores.negativeAccuracy)} |`,
      );
    }
  }
  lines.push('', 'Macro-F1 over the reliable labels above that have positives: ' + percent(macroOver(reports)) + '.', '');
  lines.push('| file | partly annotated label: recall (support) | most frequent confusions (actual → predicted) |', '| --- | --- | --- |');
  for (const report of reports) {
    const partial = report.partialRecall.map((p) => `${p.label}: ${percent(p.recall)} (${p.support})`).join('; ') || '—';
    const confusions = report.confusions.map((c) => `${c.pair}: ${c.count}`).join('; ') || '—';
    lines.push(`| ${report.file} | ${partial} | ${confusions} |`);
  }
  return lines.join('\n');
}

function hasPositives(scores: Scores): boolean {
  return scores.support > 0;
}

/** Mean F1 over the labels that have positives to find. */
function macroOver(reports: readonly FileReport[]): number {
  const f1s = reports.flatMap((report) => report.labels.filter((label) => hasPositives(label.scores)).map((label) => label.scores.f1));
  return f1s.length === 0 ? 0 : f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
}

/**
 * The F1 of each file's reliable labels with the language as labelled and as detected, side by
 * side, with the items detected as undetermined.
 */
export function formatLanguageComparison(declared: readonly FileReport[], detected: readonly FileReport[]): string {
  const lines = [
    '| file | label | F1, language as labelled | F1, language detected | read as undetermined |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const [index, report] of declared.entries()) {
    const other = detected[index]!;
    for (const [k, { label, scores }] of report.labels.entries()) {
      if (!hasPositives(scores)) continue;
      const share = other.items === 0 ? 0 : other.undetermined / other.items;
      lines.push(`| ${report.file} | ${label} | ${percent(scores.f1)} | ${percent(other.labels[k]!.scores.f1)} | ${other.undetermined} (${percent(share)} %) |`);
    }
  }
  return lines.join('\n');
}
