import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { labelledFilesIn, readLabelledFile, splitOf } from '../../classifier/evaluation/dataset.js';
import { trainLanguageModel } from '../../classifier/model/training.js';
import { MODELS_DIR } from '../../classifier/rule-set/load.js';
import { parseRuleFile } from '../../classifier/rule-set/parse.js';
import { RuleSetError } from '../../lib/errors.js';
import type { Language } from '../../classifier/types.js';
import { PROJECT_ROOT } from '../../lib/paths.js';

export const DEV_DATA_DIR = resolve(PROJECT_ROOT, '../shared/data/eval-dev');
const TRAINED_LANGUAGES: Language[] = ['fr', 'en'];

/** Dev files given on the command line, or every file of ../shared/data/eval-dev. */
export function devFiles(args: readonly string[]): string[] {
  const files = args.filter((arg) => !arg.startsWith('--'));
  if (files.length > 0) return files.map((file) => resolve(file));
  return labelledFilesIn(DEV_DATA_DIR);
}

/** `monitor train [files…]`: trains classifier/models/<lang>.json on the train side of the split. */
export async function runTrainCommand(args: string[]): Promise<void> {
  const files = devFiles(args);
  const items = files.flatMap((file) => readLabelledFile(file)).filter((item) => splitOf(item) === 'train');
  mkdirSync(MODELS_DIR, { recursive: true });
  for (const lang of TRAINED_LANGUAGES) {
    const model = trainLanguageModel(lang, items, files.map((file) => basename(file)), lexiconGroupNames(lang));
    writeFileSync(join(MODELS_DIR, `${lang}.json`), `${JSON.stringify(model)}\n`);
    const sizes = Object.entries(model.categories).map(([category, weights]) => `${category} ${Object.keys(weights!.weights).length}`);
    process.stdout.write(`${lang}: ${model.provenance.items} items; weights kept: ${sizes.join(', ')}\n`);
  }
}

/**
 * The shared lexicon's names of protected groups in one language, which the models mask. An
 * invalid lexicon stops training with its file:line messages rather than masking nothing.
 */
export function lexiconGroupNames(lang: Language, root: string = PROJECT_ROOT): string[] {
  const path = `rules/lexicons/${lang}.yaml`;
  const { parsed, issues } = parseRuleFile({ path, content: readFileSync(join(root, path), 'utf8') });
  if (!parsed) throw new RuleSetError(issues);
  return parsed.file.lists?.protected_groups?.[lang] ?? [];
}
