import { createInterface } from 'node:readline';
import { classify } from '../../classifier/classify.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import type { EarlierCopies } from '../../classifier/types.js';
import { checkArguments, readFlag } from './args.js';

/** Longest input line read; longer lines are answered with an error line, not buffered whole. */
const MAX_LINE_CHARS = 12_000_000;

/**
 * `monitor classify --org <slug>`: JSONL {"id","text","lang"?} on stdin, one JSONL verdict per
 * input line on stdout, in order. Streams, so memory stays flat whatever the input size. Needs no
 * database or Redis. A bad line gets an `error` line naming what was wrong; the stream goes on.
 */
export async function runClassifyCommand(args: string[]): Promise<void> {
  checkArguments(args, { withValue: ['--org'] }, { en: 'usage: monitor classify --org <slug> < input.jsonl', fr: 'utilisation : monitor classify --org <identifiant> < entrée.jsonl' });
  const org = readFlag(args, '--org');
  const ruleSet = loadRuleSetForOrg(org);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // A reader that stops reading (`| head`) closes the pipe: stop quietly, as other filters do.
  let readerGone = false;
  const onOutputError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
    lines.close();
  };
  process.stdout.on('error', onOutputError);
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      if (readerGone) break;
      lineNumber += 1;
      if (line.trim() === '') continue;
      const output = classifyLine(line, lineNumber, ruleSet);
      if (!process.stdout.write(`${JSON.stringify(output)}\n`)) await drainedOrGone();
    }
  } finally {
    process.stdout.off('error', onOutputError);
  }
}

/** Resolves when stdout can take more, or when it fails (its reader is gone: the loop then stops). */
function drainedOrGone(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off('drain', done);
      process.stdout.off('error', done);
      resolve();
    };
    process.stdout.once('drain', done);
    process.stdout.once('error', done);
  });
}

function classifyLine(line: string, lineNumber: number, ruleSet: ReturnType<typeof loadRuleSetForOrg>): object {
  if (line.length > MAX_LINE_CHARS) return { line: lineNumber, error: `line ${lineNumber} is longer than ${MAX_LINE_CHARS} characters` };
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { line: lineNumber, error: `line ${lineNumber} is not valid JSON` };
  }
  const record = input as { id?: unknown; text?: unknown; lang?: unknown; author?: unknown; earlierCopies?: unknown };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { line: lineNumber, error: `line ${lineNumber} is not a JSON object` };
  }
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (typeof record.text !== 'string') return { id, line: lineNumber, error: `line ${lineNumber}: "text" must be a string` };
  if (record.lang !== undefined && typeof record.lang !== 'string') {
    return { id, line: lineNumber, error: `line ${lineNumber}: "lang" must be a string` };
  }
  if (record.author !== undefined && typeof record.author !== 'string') {
    return { id, line: lineNumber, error: `line ${lineNumber}: "author" must be a string` };
  }
  if (record.earlierCopies !== undefined && !isEarlierCopies(record.earlierCopies)) {
    return { id, line: lineNumber, error: `line ${lineNumber}: "earlierCopies" must be {"byAuthor": a whole number from 0, "byOthers": [names]}` };
  }
  const verdict = classify({ text: record.text, lang: record.lang, author: record.author, earlierCopies: record.earlierCopies }, ruleSet);
  return { id, lang: verdict.lang, findings: verdict.findings, ...(verdict.truncated ? { truncated: true } : {}) };
}

/** What the classify job would find in the store: earlier posts in the same words (see PostInput). */
function isEarlierCopies(value: unknown): value is EarlierCopies {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { byAuthor, byOthers, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    Number.isSafeInteger(byAuthor) && (byAuthor as number) >= 0 &&
    Array.isArray(byOthers) && byOthers.every((name) => typeof name === 'string')
  );
}
