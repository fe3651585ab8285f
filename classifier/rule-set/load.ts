import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { RuleSetError, type BilingualText } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { loadLinearModel, type LanguageModelFile, type LinearModel } from '../model/linear-model.js';
import { foldText } from '../text/fold.js';
import { singular } from '../text/plural.js';
import { createStemmers } from '../text/stemmers.js';
import { tokenize } from '../text/tokenize.js';
import type { Language } from '../types.js';
import { compileRule } from './compile.js';
import { censorVocabularyOf } from '../text/censored-words.js';
import { inlineTermLists, collectReadListNames, wordIndexesOf } from './word-checks.js';
import type { WordList } from './rule-file.generated.js';
import { rulesByScopeAndLanguage } from './applicability.js';
import { checkFalseFriends, checkLexiconsPresent, checkRules, collectLists } from './pack-checks.js';
import type { CompiledRuleSet, CompileScope } from './compiled.js';
import { fileTooLarge, MAX_RULE_FILE_BYTES, parseRuleFile, type ParsedRuleFile, type RuleSource } from './parse.js';

export const RULES_DIR = join(PROJECT_ROOT, 'rules');
export const MODELS_DIR = join(PROJECT_ROOT, 'classifier/models');

/** Reads a pack file and the lexicons it names from disk (UTF-8 checked, size capped). */
export function readPackSources(packPath: string): RuleSource[] {
  const sources = [readSource(packPath)];
  const parsed = parseRuleFile(sources[0]!);
  for (const lexicon of parsed.parsed?.file.lexicons ?? []) {
    const path = resolve(dirname(packPath), lexicon);
    if (existsSync(path)) sources.push(readSource(path));
  }
  return sources;
}

function readSource(path: string): RuleSource {
  const display = relative(PROJECT_ROOT, path).startsWith('..') ? path : relative(PROJECT_ROOT, path);
  if (statSync(path).size > MAX_RULE_FILE_BYTES) throw new RuleSetError([fileTooLarge(display)]);
  try {
    return { path: display, content: new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)) };
  } catch {
    throw new RuleSetError([{ en: `${display}:1 file is not valid UTF-8`, fr: `${display}:1 le fichier n'est pas en UTF-8 valide` }]);
  }
}

/**
 * Sources for a pack given as text (an administrator's upload) under the organization's pack
 * path, with the shipped lexicons it names. Lexicons resolve inside rules/lexicons only, so an
 * uploaded pack cannot make the server read other files.
 */
export function packSourcesFromContent(org: string, content: string): RuleSource[] {
  const packPath = packPathFor(org);
  const display = relative(PROJECT_ROOT, packPath);
  if (Buffer.byteLength(content, 'utf8') > MAX_RULE_FILE_BYTES) throw new RuleSetError([fileTooLarge(display)]);
  const pack = { path: display, content };
  const sources: RuleSource[] = [pack];
  const lexiconsDir = join(RULES_DIR, 'lexicons');
  for (const lexicon of parseRuleFile(pack).parsed?.file.lexicons ?? []) {
    const path = resolve(dirname(packPath), lexicon);
    if (dirname(path) === lexiconsDir && existsSync(path)) sources.push(readSource(path));
  }
  return sources;
}

/** The pack file of an organization in rules/. */
export function packPathFor(org: string): string {
  return join(RULES_DIR, 'packs', `${org}.yaml`);
}

/** Loads the statistical models shipped in classifier/models/ (absent ones are skipped). */
export function loadModels(languages: readonly Language[], dir = MODELS_DIR): Partial<Record<Language, LinearModel>> {
  const models: Partial<Record<Language, LinearModel>> = {};
  for (const lang of languages) {
    const path = join(dir, `${lang}.json`);
    if (existsSync(path)) models[lang] = loadLinearModel(JSON.parse(readFileSync(path, 'utf8')) as LanguageModelFile);
  }
  return models;
}

export interface BuildOptions {
  /** Models for the pack's languages, given the languages once the pack is read. @default none */
  modelsFor?: (languages: readonly Language[]) => Partial<Record<Language, LinearModel>>;
  /**
   * Run recheck's backtracking analysis on every pattern. Off for versions that passed it at
   * upload: its fuzzer stops at a timeout, so on a busier machine it may judge differently and a
   * worker would refuse a version the API accepted. Whatever runs is held to the runtime budget
   * (jobs/post-classifier/). @default true
   */
  backtrackingCheck?: boolean;
}

/**
 * Builds a frozen rule set from a pack (first source) and its lexicons, or throws a RuleSetError
 * listing every problem with file, line and JSON path. Nothing partial is ever returned.
 */
export function buildRuleSet(sources: readonly RuleSource[], options: BuildOptions = {}): CompiledRuleSet {
  const issues: BilingualText[] = [];
  const parsed: ParsedRuleFile[] = [];
  for (const source of sources) {
    const result = parseRuleFile(source);
    issues.push(...result.issues);
    if (result.parsed) parsed.push(result.parsed);
  }
  if (issues.length > 0) throw new RuleSetError(issues);

  const [pack] = parsed;
  if (!pack || pack.file.kind !== 'pack' || !pack.file.organization) {
    const where = `${sources[0]?.path ?? 'pack'}:1 $.kind:`;
    throw new RuleSetError([
      { en: `${where} the first file must be a pack with an organization`, fr: `${where} le premier fichier doit être un paquet (pack) avec son organisation` },
    ]);
  }
  const lists = collectLists(parsed, 'lists', issues);
  const falseFriends = collectLists(parsed, 'falseFriends', issues);
  issues.push(...checkFalseFriends(parsed, lists));
  issues.push(...checkLexiconsPresent(pack, sources));
  issues.push(...checkRules(pack, lists, options.backtrackingCheck ?? true));
  if (issues.length > 0) throw new RuleSetError(issues);

  const organization = pack.file.organization;
  const languages = organization.languages;
  const stemmers = createStemmers();
  const inlineListNames = inlineTermLists(pack.file.rules ?? []);
  const read = collectReadListNames(pack.file.rules ?? []);
  const onlyRead = (byName: ReadonlyMap<string, WordList>) => new Map([...byName].filter(([name]) => read.has(name)));
  const indexedLists = new Map([...onlyRead(lists), ...[...inlineListNames].map(([terms, name]) => [name, terms] as const)]);
  const models = options.modelsFor?.(languages) ?? {};
  const scope: CompileScope = {
    languages,
    stemmers,
    modelCategories: new Set(Object.values(models).flatMap((model) => model.categories)),
    lists,
    listIndexes: wordIndexesOf(indexedLists, languages, stemmers, onlyRead(falseFriends)),
    inlineListNames,
  };
  const primary = languages[0]!;
  const aliasSequences = [organization.name, ...organization.aliases]
    .map((alias) => keysOf(alias, primary, scope))
    .filter((keys) => keys.length > 0);
  // Homonyms and context words are keyed in every language of the pack: "portage routes" read as
  // English must stem like the list's "portage route" did.
  const phraseIndex = (phrases: readonly string[] | undefined) =>
    indexByFirstKey(
      uniqueSequences(
        languages.flatMap((lang) => (phrases ?? []).map((phrase) => keysOf(phrase, lang, scope).map(singular))).filter((keys) => keys.length > 0),
      ),
    );
  const rules = (pack.file.rules ?? []).map((rule) => compileRule(rule, scope));
  const ruleSet: CompiledRuleSet = {
    version: versionOf(sources),
    organization: {
      ...organization,
      aliases: aliasSequences,
      aliasIndex: indexByFirstKey(aliasSequences),
      homonymIndex: phraseIndex(organization.homonyms),
      homonymContextIndex: phraseIndex(organization.homonymContext),
      organizationContextIndex: phraseIndex(organization.organizationContext),
      aliasKeys: new Set(aliasSequences.flat()),
      minimumAge: organization.minimumAge ?? 18,
    },
    languages,
    rules,
    rulesFor: rulesByScopeAndLanguage(rules),
    stemmers,
    models,
    censorVocabularies: Object.fromEntries(
      languages.map((lang) => [lang, censorVocabularyOf(scope.listIndexes.byLanguage[lang]?.words ?? new Set())]),
    ),
    files: sources.map((source) => source.path),
  };
  return Object.freeze(ruleSet);
}

/** Reads and builds an organization's pack from rules/packs, with the shipped models. */
export function loadRuleSetForOrg(org: string): CompiledRuleSet {
  return buildRuleSet(shippedPackSources(org), { modelsFor: (languages) => loadModels(languages) });
}

/** The files of an organization's pack in rules/packs, with its lexicons. */
export function shippedPackSources(org: string): RuleSource[] {
  const path = packPathFor(org);
  if (!existsSync(path)) {
    const expected = relative(PROJECT_ROOT, path);
    throw new RuleSetError([
      { en: `no rule pack for organization "${org}" (expected ${expected})`, fr: `aucun paquet de règles pour l'organisation « ${org} » (attendu : ${expected})` },
    ]);
  }
  return readPackSources(path);
}

function uniqueSequences(sequences: readonly string[][]): string[][] {
  return [...new Map(sequences.map((keys) => [keys.join('\u0000'), keys])).values()];
}

function indexByFirstKey(sequences: readonly string[][]): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const keys of sequences) index.set(keys[0]!, [...(index.get(keys[0]!) ?? []), keys]);
  return index;
}

function keysOf(text: string, lang: Language, scope: CompileScope): string[] {
  return tokenize(text, foldText(text), lang, scope.stemmers[lang]).map((token) => token.key);
}

/** A pack's version: the hash of its files' paths and contents (recorded on every finding). */
export function versionOf(sources: readonly RuleSource[]): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source.path).update('\0').update(source.content).update('\0');
  return hash.digest('hex').slice(0, 16);
}
