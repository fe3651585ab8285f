import { dirname, join, relative, resolve } from 'node:path';
import { checkSync } from 'recheck';
import { RE2JS } from 're2js';
import type { BilingualText } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { DETECTORS } from '../matchers/detectors.js';
import { termWords } from '../matchers/word-index.js';
import type { ParsedRuleFile, RuleSource } from './parse.js';
import type { Condition, WordList } from './rule-file.generated.js';

// What a pack's files must satisfy beyond the schema, each problem reported with its file, line and
// JSON path (load.ts refuses the pack when any is found): lists defined once, false friends of known
// lists, lexicons present, unique rule ids, one kind per condition, known lists and detectors, and
// regular expressions RE2 accepts and recheck finds safe.

const CONDITION_KINDS = ['words', 'regex', 'detector', 'model', 'all', 'any', 'not'] as const;

/**
 * Merges lists (or false friends) by name across the pack and its lexicons; one language of one
 * list is defined once.
 */
export function collectLists(files: readonly ParsedRuleFile[], field: 'lists' | 'falseFriends', issues: BilingualText[]): Map<string, WordList> {
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
export function checkFalseFriends(files: readonly ParsedRuleFile[], lists: ReadonlyMap<string, WordList>): BilingualText[] {
  return files.flatMap(({ source, file, lineOf }) =>
    Object.keys(file.falseFriends ?? {})
      .filter((name) => !lists.has(name))
      .map((name) => {
        const where = `${source.path}:${lineOf(['falseFriends', name])} $.falseFriends.${name}:`;
        return { en: `${where} false friends of unknown list "${name}"`, fr: `${where} faux amis d'une liste inconnue « ${name} »` };
      }),
  );
}

export function checkLexiconsPresent(pack: ParsedRuleFile, sources: readonly RuleSource[]): BilingualText[] {
  const loaded = new Set(sources.slice(1).map((source) => source.path));
  return (pack.file.lexicons ?? []).flatMap((lexicon, index) => {
    const expected = relative(PROJECT_ROOT, resolve(dirname(join(PROJECT_ROOT, pack.source.path)), lexicon));
    if (loaded.has(expected) || loaded.has(lexicon)) return [];
    const where = `${pack.source.path}:${pack.lineOf(['lexicons', index])} $.lexicons[${index}]:`;
    return [{ en: `${where} lexicon file "${lexicon}" not found`, fr: `${where} fichier de lexique « ${lexicon} » introuvable` }];
  });
}

/** Checks a schema cannot express: unique ids, one kind per condition, lists that exist, safe regexes. */
export function checkRules(pack: ParsedRuleFile, lists: ReadonlyMap<string, WordList>, backtrackingCheck: boolean): BilingualText[] {
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
  if (condition.gap !== undefined && (kind !== 'all' || condition.ordered !== true)) {
    issues.push(ruleIssue(at([...path, 'gap']), ruleId, '"gap" goes with all and "ordered: true"', '« gap » va avec all et « ordered: true »'));
  }
  if (condition.within !== undefined && (kind === 'any' || kind === 'not' || kind === 'model')) {
    issues.push(
      ruleIssue(at([...path, 'within']), ruleId, `"within" goes with all, words, regex or detector, not ${kind}`,
        `« within » va avec all, words, regex ou detector, pas avec ${kind}`),
    );
  }
  // Zero words away is "around the match" for an exception; for a proximity it would be one word.
  if (condition.within === 0 && (path[0] !== 'unless' || path.length !== 2 || kind === 'all')) {
    issues.push(
      ruleIssue(at([...path, 'within']), ruleId, '"within: 0" goes only on a single check in unless (the exception holds the match)',
        '« within: 0 » ne va que sur une vérification simple dans unless (l\'exception contient la correspondance)'),
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
function checkPattern(pattern: string, ruleId: string, where: string, options: { backtracking?: boolean } = {}): BilingualText[] {
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
