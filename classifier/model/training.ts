import type { LabelledItem } from '../evaluation/dataset.js';
import { TRAINING_NEGATIVES } from '../evaluation/dataset.js';
import { foldText } from '../text/fold.js';
import { createStemmers } from '../text/stemmers.js';
import { tokenize } from '../text/tokenize.js';
import type { Language } from '../types.js';
import { extractFeatures, FEATURE_BITS } from './features.js';
import { MODEL_CATEGORIES, trainCategory, type LanguageModelFile, type TrainingItem } from './linear-model.js';

/** Categories need this many positives in a language to get a model there. */
const MIN_POSITIVES = 40;

const OPTIONS = { featureBits: FEATURE_BITS, epochs: 6, learningRate: 0.2, l2: 1e-5, pruneBelow: 0.02, seed: 7 };

/**
 * Trains one model file per language from labelled items (the train side of the split). A
 * category is positive where labelled; negative where the source annotates it, or labelled none.
 */
export function trainLanguageModel(
  lang: Language,
  items: readonly LabelledItem[],
  sources: string[],
  /** Names of groups (the lexicon's protected_groups), masked in the features. */
  groupNames: readonly string[] = [],
): LanguageModelFile {
  const stemmer = createStemmers()[lang];
  const tokensOf = (text: string) => tokenize(text, foldText(text), lang, stemmer);
  const maskedStems = [...new Set(groupNames.map(tokensOf).filter((tokens) => tokens.length === 1).map((tokens) => tokens[0]!.stem))].sort();
  const masked = new Set(maskedStems);
  const featurized = items
    .filter((item) => item.lang === lang)
    .map((item) => ({ item, features: extractFeatures(tokensOf(item.text), masked) }));
  const categories: LanguageModelFile['categories'] = {};
  for (const category of MODEL_CATEGORIES) {
    const training: TrainingItem[] = [];
    for (const { item, features } of featurized) {
      const positive = item.labels.includes(category);
      const negative = !positive && (item.labels.includes('none') || TRAINING_NEGATIVES[category]!.includes(item.source));
      if (positive || negative) training.push({ features, positive });
    }
    if (training.filter((item) => item.positive).length < MIN_POSITIVES) continue;
    categories[category] = trainCategory(training, OPTIONS);
  }
  return {
    format: 'monitor-linear-v1',
    lang,
    featureBits: FEATURE_BITS,
    categories,
    maskedStems,
    provenance: {
      trainedOn: sources,
      items: featurized.length,
      createdAt: new Date().toISOString(),
      note:
        'Trained by `npm run train` on the train side (70 %) of the dev sets in ../shared/data/eval-dev ' +
        '(CC BY 4.0, MIT and Apache-2.0 sources, see that README). Weights only; no text is stored.',
    },
  };
}
