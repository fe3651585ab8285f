import { Ajv, type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { PROJECT_ROOT } from '../../lib/paths.js';
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
 * Parses and validates one file; returns the problems as `file:line path message` lines instead of
 * throwing, so that every problem of every file can be reported at once.
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

type ParseResult = { parsed?: ParsedRuleFile; issues: string[] };
const parsedSources = new WeakMap<RuleSource, ParseResult>();

function parseUncached(source: RuleSource): ParseResult {
  if (Buffer.byteLength(source.content) > MAX_RULE_FILE_BYTES) {
    return { issues: [`${source.path}:1 file is larger than ${MAX_RULE_FILE_BYTES} bytes`] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.content, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core' });
  const yamlIssues = [...doc.errors, ...doc.warnings].map(
    (error) => `${source.path}:${error.linePos?.[0]?.line ?? 1} ${error.message.split('\n')[0]}`,
  );
  if (yamlIssues.length > 0) return { issues: yamlIssues };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { issues: [`${source.path}:1 ${(error as Error).message}`] };
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

function describeSchemaError(
  file: string,
  error: ErrorObject,
  lineOf: (path: readonly (string | number)[]) => number,
): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  const jsonPath = `$${path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${file}:${lineOf([...path, extra])} ${jsonPath}.${extra}: unknown field "${extra}"`;
  }
  if (error.keyword === 'enum') {
    message += `: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  }
  return `${file}:${lineOf(path)} ${jsonPath}: ${message}`;
}
