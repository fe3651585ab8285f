import { Ajv, type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { BilingualText } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { frenchSchemaMessage } from './schema-messages-fr.js';
import type { RuleFile } from './rule-file.generated.js';

/** A rule file's text and where it came from (a path for messages). */
export interface RuleSource {
  path: string;
  content: string;
}

export interface ParsedRuleFile {
  source: RuleSource;
  file: RuleFile;
  /** Line of a JSON path in the file, for messages. */
  lineOf(path: readonly (string | number)[]): number;
}

export const MAX_RULE_FILE_BYTES = 1_000_000;
const MAX_ALIASES = 100;

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'rules/rule-file.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<RuleFile>(schema);

/**
 * Parses and validates one file; returns the problems as `file:line path message` lines (English
 * and French) instead of throwing, so that every problem of every file can be reported at once.
 */
export function parseRuleFile(source: RuleSource): ParseResult {
  // readPackSources parses the pack to find its lexicons; buildRuleSet then gets the same object.
  let result = parsedSources.get(source);
  if (!result) {
    result = parseUncached(source);
    parsedSources.set(source, result);
  }
  return result;
}

type ParseResult = { parsed?: ParsedRuleFile; issues: BilingualText[] };
const parsedSources = new WeakMap<RuleSource, ParseResult>();

function parseUncached(source: RuleSource): ParseResult {
  if (Buffer.byteLength(source.content) > MAX_RULE_FILE_BYTES) {
    return { issues: [fileTooLarge(source.path)] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.content, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core' });
  // The YAML library words its messages in English only.
  const yamlIssues = [...doc.errors, ...doc.warnings].map((error) => {
    const message = error.message.split('\n')[0]!;
    // linePos is only filled in with prettyErrors (which puts a code excerpt in the message); pos always is.
    const where = `${source.path}:${lineCounter.linePos(error.pos[0]).line}`;
    return { en: `${where} ${message}`, fr: `${where} YAML invalide : ${message}` };
  });
  if (yamlIssues.length > 0) return { issues: yamlIssues };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = (error as Error).message;
    return { issues: [{ en: `${source.path}:1 ${message}`, fr: `${source.path}:1 YAML refusé : ${message}` }] };
  }
  const lineOf = (path: readonly (string | number)[]) => lineOfPath(doc, lineCounter, path);
  if (!validate(data)) {
    return { issues: (validate.errors ?? []).map((error) => describeSchemaError(source.path, error, lineOf)) };
  }
  return { parsed: { source, file: data, lineOf }, issues: [] };
}

function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** A file over the size limit, said in both languages. */
export function fileTooLarge(file: string): BilingualText {
  return {
    en: `${file}:1 file is larger than ${MAX_RULE_FILE_BYTES} bytes`,
    fr: `${file}:1 le fichier dépasse ${MAX_RULE_FILE_BYTES} octets`,
  };
}

function describeSchemaError(
  file: string,
  error: ErrorObject,
  lineOf: (path: readonly (string | number)[]) => number,
): BilingualText {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  const jsonPath = `$${path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    const where = `${file}:${lineOf([...path, extra])} ${jsonPath}.${extra}:`;
    return { en: `${where} unknown field "${extra}"`, fr: `${where} champ inconnu « ${extra} »` };
  }
  let en = error.message ?? 'is invalid';
  let fr = frenchSchemaMessage(error);
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.join(', ');
    en += `: ${allowed}`;
    fr += ` : ${allowed}`;
  }
  const where = `${file}:${lineOf(path)} ${jsonPath}:`;
  return { en: `${where} ${en}`, fr: `${where} ${fr}` };
}
