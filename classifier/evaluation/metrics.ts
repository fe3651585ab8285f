/** Counts of one binary decision. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function emptyConfusion(): Confusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

export function record(confusion: Confusion, actual: boolean, predicted: boolean): void {
  if (actual && predicted) confusion.tp++;
  else if (!actual && predicted) confusion.fp++;
  else if (actual) confusion.fn++;
  else confusion.tn++;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  /** Mean of the F1 of the positive class and of the negative class (HateCheck's macro-F1). */
  macroF1: number;
  /** Share of negatives left alone (HateCheck's accuracy on non-hateful cases). */
  negativeAccuracy: number;
  support: number;
}

function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

export function scoresOf(c: Confusion): Scores {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const negativePrecision = c.tn + c.fn === 0 ? 0 : c.tn / (c.tn + c.fn);
  const negativeRecall = c.tn + c.fp === 0 ? 0 : c.tn / (c.tn + c.fp);
  const f1 = f1Of(precision, recall);
  return {
    precision,
    recall,
    f1,
    macroF1: (f1 + f1Of(negativePrecision, negativeRecall)) / 2,
    negativeAccuracy: negativeRecall,
    support: c.tp + c.fn,
  };
}
