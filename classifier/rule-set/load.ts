import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkSync } from 'recheck';
import { RE2JS } from 're2js';
import { RuleSetError, type BilingualText } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { DETECTORS } from '../matchers/detectors.js';
import { termWords } from '../matchers/word-index.js';
import { loadLinearModel, type LanguageModelFile, type LinearModel } from '../model/linear-model.js';
import { foldText } from '../text/fold.js';
import { singular } from '../text/plural.js';
import { createStemmers } from '../text/stemmers.js';
import { tokenize } from '../text/tokenize.js';
import type { Language } from '../types.js';
import { compileRule } from './compile.js';
import { inlineTermLists, wordIndexesOf } from './word-checks.js';
import { rulesByScopeAndLanguage } from './applicability.js';
import type { CompiledRuleSet, CompileScope } from './compiled.js';
import { fileTooLarge, MAX_RULE_FILE_BYTES, parseRuleFile, type ParsedRuleFile, type RuleSource } from './parse.js';
import type { Condition, WordList } from './rule-file.generated.js';

export const RULES_DIR = join(PROJECT_ROOT, 'rules');
export const MODELS_DIR = join(PROJECT_ROOT, 'classifier/models');
const CONDITION_KINDS = ['words', 'regex', 'detector', 'model', 'all', 'any', 'not'] as const;

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
  const indexedLists = new Map([...lists, ...[...inlineListNames].map(([terms, name]) => [name, terms] as const)]);
  const models = options.modelsFor?.(languages) ?? {};
  const scope: CompileScope = {
    languages,
    stemmers,
    modelCategories: new Set(Object.values(models).flatMap((model) => model.categories)),
    lists,
    listIndexes: wordIndexesOf(indexedLists, languages, stemmers, falseFriends),
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

/**
 * Merges lists (or false friends) by name across the pack and its lexicons; one language of one
 * list is defined once.
 */
function collectLists(files: readonly ParsedRuleFile[], field: 'lists' | 'falseFriends', issues: BilingualText[]): Map<string, WordList> {
  const lists = new Map<string, WordList>();
  const origin = new Map<string, string>();
  for (const { source, file, lineOf } of files) {
    for (const [name, list] of Object.entries(file[field] ?? {})) {
      const merged: WordList = { ...lists.get(name) };
      for (const [lang, terms] of Object.entries(list) as [keyof WordList, string[]][]) {
        const key = `${name}.${lang}`;
        if (merged[lang] !== undefined) {
          const where = `${source.path}:${lineOf([field, name, lang])} $.${field}.${key}:`;
          const first = origin.get(key)!;
          issues.push(
            field === 'lists'
              ? { en: `${where} list "${name}" (${lang}) is already defined in ${first}`, fr: `${where} la liste « ${name} » (${lang}) est déjà définie dans ${first}` }
              : { en: `${where} false friends of "${name}" (${lang}) is already defined in ${first}`, fr: `${where} les faux amis de « ${name} » (${lang}) sont déjà définis dans ${first}` },
          );
          continue;
        }
        merged[lang] = terms;
        origin.set(key, source.path);
        terms.forEach((term, index) => {
          if (hasWord(term)) return;
          const where = `${source.path}:${lineOf([field, name, lang, index])} $.${field}.${key}[${index}]:`;
          const problem = wordlessTerm(term);
          issues.push({ en: `${where} ${problem.en}`, fr: `${where} ${problem.fr}` });
        });
      }
      lists.set(name, merged);
    }
  }
  return lists;
}

/** False friends belong to a list of the pack or its lexicons. */
function checkFalseFriends(files: readonly ParsedRuleFile[], lists: ReadonlyMap<string, WordList>): BilingualText[] {
  return files.flatMap(({ source, file, lineOf }) =>
    Object.keys(file.falseFriends ?? {})
      .filter((name) => !lists.has(name))
      .map((name) => {
        const where = `${source.path}:${lineOf(['falseFriends', name])} $.falseFriends.${name}:`;
        return { en: `${where} false friends of unknown list "${name}"`, fr: `${where} faux amis d'une liste inconnue « ${name} »` };
      }),
  );
}

function checkLexiconsPresent(pack: ParsedRuleFile, sources: readonly RuleSource[]): BilingualText[] {
  const loaded = new Set(sources.slice(1).map((source) => source.path));
  return (pack.file.lexicons ?? []).flatMap((lexicon, index) => {
    const expected = relative(PROJECT_ROOT, resolve(dirname(join(PROJECT_ROOT, pack.source.path)), lexicon));
    if (loaded.has(expected) || loaded.has(lexicon)) return [];
    const where = `${pack.source.path}:${pack.lineOf(['lexicons', index])} $.lexicons[${index}]:`;
    return [{ en: `${where} lexicon file "${lexicon}" not found`, fr: `${where} fichier de lexique « ${lexicon} » introuvable` }];
  });
}

/** Checks a schema cannot express: unique ids, one kind per condition, lists that exist, safe regexes. */
function checkRules(pack: ParsedRuleFile, lists: ReadonlyMap<string, WordList>, backtrackingCheck: boolean): BilingualText[] {
  const issues: BilingualText[] = [];
  const seen = new Map<string, number>();
  const languages = new Set(pack.file.organization!.languages);
  (pack.file.rules ?? []).forEach((rule, index) => {
    const at = (path: (string | number)[]) => `${pack.source.path}:${pack.lineOf(['rules', index, ...path])} $.rules[${index}]${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
    if (seen.has(rule.id)) {
      const first = `rules[${seen.get(rule.id)}]`;
      issues.push({ en: `${at(['id'])}: duplicate rule id "${rule.id}" (first at ${first})`, fr: `${at(['id'])}: identifiant de règle en double « ${rule.id} » (déjà en ${first})` });
    } else seen.set(rule.id, index);
    for (const lang of rule.languages ?? []) {
      if (!languages.has(lang)) {
        issues.push(ruleIssue(at(['languages']), rule.id, `language ${lang} is not one of the organization's languages`, `la langue ${lang} n'est pas une langue de l'organisation`));
      }
    }
    const check = { ruleId: rule.id, at, lists, backtrackingCheck };
    checkCondition(rule.match, ['match'], check, issues);
    (rule.unless ?? []).forEach((condition, k) => checkCondition(condition, ['unless', k], check, issues));
  });
  return issues;
}

interface ConditionCheck {
  ruleId: string;
  at: (path: (string | number)[]) => string;
  lists: ReadonlyMap<string, WordList>;
  backtrackingCheck: boolean;
}

function checkCondition(condition: Condition, path: (string | number)[], check: ConditionCheck, issues: BilingualText[]): void {
  const { ruleId, at, lists } = check;
  const kinds = CONDITION_KINDS.filter((kind) => condition[kind] !== undefined);
  if (kinds.length !== 1) {
    const expected = CONDITION_KINDS.join(', ');
    issues.push(
      ruleIssue(at(path), ruleId, `a condition needs exactly one of ${expected} (found ${kinds.join(', ') || 'none'})`,
        `une condition demande exactement un de ${expected} (trouvé : ${kinds.join(', ') || 'aucun'})`),
    );
    return;
  }
  const kind = kinds[0]!;
  if (condition.side !== undefined && condition.within === undefined) {
    issues.push(ruleIssue(at([...path, 'side']), ruleId, '"side" needs "within"', '« side » demande « within »'));
  }
  if (condition.ordered !== undefined && kind !== 'all') {
    issues.push(ruleIssue(at([...path, 'ordered']), ruleId, `"ordered" goes with all, not ${kind}`, `« ordered » va avec all, pas avec ${kind}`));
  }
  if (condition.within !== undefined && (kind === 'any' || kind === 'not' || kind === 'model')) {
    issues.push(
      ruleIssue(at([...path, 'within']), ruleId, `"within" goes with all, words, regex or detector, not ${kind}`,
        `« within » va avec all, words, regex ou detector, pas avec ${kind}`),
    );
  }
  if (kind === 'words') {
    for (const name of condition.words!.lists ?? []) {
      if (!lists.has(name)) issues.push(ruleIssue(at([...path, 'words', 'lists']), ruleId, `unknown list "${name}"`, `liste inconnue « ${name} »`));
    }
    for (const [lang, terms] of Object.entries(condition.words!.terms ?? {})) {
      (terms as string[]).forEach((term, index) => {
        if (hasWord(term)) return;
        const problem = wordlessTerm(term);
        issues.push(ruleIssue(at([...path, 'words', 'terms', lang, index]), ruleId, problem.en, problem.fr));
      });
    }
  }
  if (kind === 'regex') issues.push(...checkPattern(condition.regex!, ruleId, at([...path, 'regex']), { backtracking: check.backtrackingCheck }));
  if (kind === 'detector' && !(DETECTORS as readonly string[]).includes(condition.detector!)) {
    const name = String(condition.detector);
    issues.push(ruleIssue(at([...path, 'detector']), ruleId, `unknown detector "${name}"`, `détecteur inconnu « ${name} »`));
  }
  if (kind === 'all' || kind === 'any') {
    condition[kind]!.forEach((child, index) => checkCondition(child, [...path, kind, index], check, issues));
  }
  if (kind === 'not') checkCondition(condition.not!, [...path, 'not'], check, issues);
}

const recheckVerdicts = new Map<string, ReturnType<typeof checkSync>>();

/** A term matches words: one made only of punctuation, or of the "=" marker alone, would never match. */
function hasWord(term: string): boolean {
  return /[\p{L}\p{N}]/u.test(termWords(term));
}

function wordlessTerm(term: string): BilingualText {
  const quoted = JSON.stringify(term);
  return { en: `term ${quoted} has no word to match (letters or digits)`, fr: `le terme ${quoted} n'a aucun mot à chercher (lettres ou chiffres)` };
}

/** "file:line path: rule id: message", in English and French. */
function ruleIssue(where: string, ruleId: string, en: string, fr: string): BilingualText {
  return { en: `${where}: rule ${ruleId}: ${en}`, fr: `${where}: règle ${ruleId} : ${fr}` };
}

/** RE2 must accept the pattern (no backreferences or look-around), and recheck must find it safe. */
export function checkPattern(pattern: string, ruleId: string, where: string, options: { backtracking?: boolean } = {}): BilingualText[] {
  const quoted = JSON.stringify(pattern);
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const reason = (error as Error).message;
    return [
      ruleIssue(where, ruleId, `pattern ${quoted} is not supported by the RE2 engine (${reason})`,
        `le motif ${quoted} n'est pas accepté par le moteur RE2 (${reason})`),
    ];
  }
  if (options.backtracking === false) return [];
  let verdict = recheckVerdicts.get(pattern);
  if (!verdict) {
    verdict = checkSync(pattern, 'iu', { timeout: 2_000 });
    recheckVerdicts.set(pattern, verdict);
  }
  if (verdict.status === 'vulnerable') {
    const attack = JSON.stringify(verdict.attack.pattern);
    return [
      ruleIssue(where, ruleId, `pattern ${quoted} is unsafe: ${verdict.complexity.summary} backtracking (recheck attack string ${attack})`,
        `le motif ${quoted} est dangereux : retour arrière ${verdict.complexity.summary} (chaîne d'attaque de recheck ${attack})`),
    ];
  }
  return [];
}
