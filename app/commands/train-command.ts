import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { labelledFilesIn, readLabelledFile, splitOf, type LabelledItem } from '../../classifier/evaluation/dataset.js';
import { trainLanguageModel } from '../../classifier/model/training.js';
import { termWords } from '../../classifier/matchers/word-index.js';
import { MODELS_DIR } from '../../classifier/rule-set/load.js';
import { parseRuleFile } from '../../classifier/rule-set/parse.js';
import { RuleSetError } from '../../lib/errors.js';
import type { Language } from '../../classifier/types.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { checkArguments, checkInputFiles } from './args.js';

export const DEV_DATA_DIR = resolve(PROJECT_ROOT, '../shared/data/eval-dev');
const TRAINED_LANGUAGES: Language[] = ['fr', 'en'];
/** Everyday posts written for this project (fixtures/train/README.md): negatives, all used. */
export const PROJECT_TRAINING_DIR = join(PROJECT_ROOT, 'fixtures/train');

/** Dev files given on the command line (each checked readable), or every file of ../shared/data/eval-dev. */
export function devFiles(args: readonly string[]): string[] {
  const files = args.filter((arg) => !arg.startsWith('--')).map((file) => resolve(file));
  checkInputFiles(files);
  return files.length > 0 ? files : labelledFilesIn(DEV_DATA_DIR);
}

/**
 * `monitor train [files…]`: trains classifier/models/<lang>.json on the train side of the split of
 * the dev files, plus the project's own training posts.
 */
export async function runTrainCommand(args: string[]): Promise<void> {
  // Training rewrites the shipped models: a guessed option (`--help`) must stop, not train.
  checkArguments(args, { files: true }, { en: 'usage: monitor train [labelled.jsonl…]', fr: 'utilisation : monitor train [étiquetés.jsonl…]' });
  const files = devFiles(args);
  const { items, sources } = trainingItems(files);
  mkdirSync(MODELS_DIR, { recursive: true });
  for (const lang of TRAINED_LANGUAGES) {
    const model = trainLanguageModel(lang, items, sources, lexiconGroupNames(lang));
    writeFileSync(join(MODELS_DIR, `${lang}.json`), `${JSON.stringify(model)}\n`);
    const sizes = Object.entries(model.categories).map(([category, weights]) => `${category} ${Object.keys(weights!.weights).length}`);
    process.stdout.write(`${lang}: ${model.provenance.items} items; weights kept: ${sizes.join(', ')}\n`);
  }
}

/**
 * What the models learn from: the train side of the dev files' split (the test side is what
 * `monitor eval` measures) and every one of the project's own training posts.
 */
export function trainingItems(files: readonly string[], projectDir: string = PROJECT_TRAINING_DIR): { items: LabelledItem[]; sources: string[] } {
  const projectFiles = labelledFilesIn(projectDir);
  return {
    items: [
      ...files.flatMap((file) => readLabelledFile(file)).filter((item) => splitOf(item) === 'train'),
      ...projectFiles.flatMap((file) => readLabelledFile(file)),
    ],
    sources: [...files, ...projectFiles].map((file) => basename(file)),
  };
}

/**
 * The shared lexicon's names of protected groups in one language, which the models mask. An
 * invalid lexicon stops training with its file:line messages rather than masking nothing.
 */
export function lexiconGroupNames(lang: Language, root: string = PROJECT_ROOT): string[] {
  const path = `rules/lexicons/${lang}.yaml`;
  const { parsed, issues } = parseRuleFile({ path, content: readFileSync(join(root, path), 'utf8') });
  if (!parsed) throw new RuleSetError(issues);
  return (parsed.file.lists?.protected_groups?.[lang] ?? []).map(termWords);
}
