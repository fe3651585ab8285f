/**
 * One-vs-rest logistic regression over hashed features, per language. The file format is plain
 * JSON so it can be read and diffed: sparse weights per category, a bias, and provenance.
 */
export const MODEL_CATEGORIES = ['cyberbullying', 'discrimination', 'threat', 'spam'] as const;
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];

export interface CategoryWeights {
  bias: number;
  /** Feature index → weight, for the weights that survived pruning. */
  weights: Record<string, number>;
}

export interface LanguageModelFile {
  format: 'monitor-linear-v1';
  lang: string;
  featureBits: number;
  categories: Partial<Record<ModelCategory, CategoryWeights>>;
  /** Stems of the group names the features mask (see extractFeatures). */
  maskedStems?: string[];
  provenance: { trainedOn: string[]; items: number; createdAt: string; note: string };
}

/** A loaded model: dense weights for fast scoring. */
export interface LinearModel {
  lang: string;
  categories: ModelCategory[];
  /** Stems the model was trained with masked: features must be extracted the same way. */
  masked: ReadonlySet<string>;
  score(features: Uint32Array, category: ModelCategory): number | undefined;
}

export function loadLinearModel(file: LanguageModelFile): LinearModel {
  const dense = new Map<ModelCategory, { bias: number; weights: Float32Array }>();
  for (const [category, entry] of Object.entries(file.categories) as [ModelCategory, CategoryWeights][]) {
    const weights = new Float32Array(1 << file.featureBits);
    for (const [index, weight] of Object.entries(entry.weights)) weights[Number(index)] = weight;
    dense.set(category, { bias: entry.bias, weights });
  }
  return {
    lang: file.lang,
    categories: [...dense.keys()],
    masked: new Set(file.maskedStems ?? []),
    score(features, category) {
      const model = dense.get(category);
      if (!model) return undefined;
      let z = model.bias;
      for (let i = 0; i < features.length; i++) z += model.weights[features[i]!]!;
      return 1 / (1 + Math.exp(-z));
    },
  };
}

export interface TrainingItem {
  features: Uint32Array;
  positive: boolean;
}

export interface TrainOptions {
  featureBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weights smaller than this are dropped from the file. */
  pruneBelow: number;
  /** Deterministic shuffling. */
  seed: number;
}

/** AdaGrad logistic regression with class weighting so rare categories are not ignored. */
export function trainCategory(items: readonly TrainingItem[], options: TrainOptions): CategoryWeights {
  const size = 1 << options.featureBits;
  const weights = new Float64Array(size);
  const squared = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasSquared = 1e-8;
  const positives = items.filter((item) => item.positive).length;
  const positiveWeight = positives === 0 ? 1 : (items.length - positives) / positives;
  const order = items.map((_, index) => index);
  let random = options.seed;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
      const j = random % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const item = items[index]!;
      let z = bias;
      for (const feature of item.features) z += weights[feature]!;
      const predicted = 1 / (1 + Math.exp(-z));
      const target = item.positive ? 1 : 0;
      const gradient = (predicted - target) * (item.positive ? Math.min(positiveWeight, 5) : 1);
      for (const feature of item.features) {
        const g = gradient + options.l2 * weights[feature]!;
        squared[feature]! += g * g;
        weights[feature]! -= (options.learningRate * g) / Math.sqrt(squared[feature]!);
      }
      biasSquared += gradient * gradient;
      bias -= (options.learningRate * gradient) / Math.sqrt(biasSquared);
    }
  }
  const kept: Record<string, number> = {};
  for (let i = 0; i < size; i++) {
    if (Math.abs(weights[i]!) >= options.pruneBelow) kept[i] = Math.round(weights[i]! * 1e4) / 1e4;
  }
  return { bias: Math.round(bias * 1e4) / 1e4, weights: kept };
}
