import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod/v4';
import { checkGroup } from '../../classifier/groups/check-group.js';
import { loadLogoReferences } from '../../classifier/groups/logos.js';
import { perceptualHash } from '../../classifier/images/perceptual-hash.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import { checkArguments, readFlag } from './args.js';

const MAX_LINE_CHARS = 1_000_000;

const groupLine = z.object({
  id: z.union([z.string(), z.number()]),
  name: z.string().max(1000),
  description: z.string().max(100_000).default(''),
  url: z.string().max(2048).optional(),
  links: z.array(z.string().max(2048)).max(100).optional(),
  imagePaths: z.array(z.string().max(4096)).max(20).optional(),
});

/**
 * `monitor check-group --org <slug>`: JSONL {"id","name","description","url"?,"links"?,"imagePaths"?}
 * on stdin, one {"id","findings":[{category, severity, explanation, evidence}]} line per group on
 * stdout. No database. A bad line or an unreadable image gets an `error` line; the stream goes on.
 */
export async function runCheckGroupCommand(args: string[]): Promise<void> {
  checkArguments(args, { withValue: ['--org'] }, { en: 'usage: monitor check-group --org <slug> < input.jsonl', fr: 'utilisation : monitor check-group --org <identifiant> < entrée.jsonl' });
  const ruleSet = loadRuleSetForOrg(readFlag(args, '--org'));
  const logos = await loadLogoReferences(ruleSet);
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const output = await checkLine(line, lineNumber);
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) await new Promise((resolveDrain) => process.stdout.once('drain', resolveDrain));
  }

  async function checkLine(line: string, at: number): Promise<object> {
    if (line.length > MAX_LINE_CHARS) return { line: at, error: `line ${at} is longer than ${MAX_LINE_CHARS} characters` };
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { line: at, error: `line ${at} is not valid JSON` };
    }
    const parsed = groupLine.safeParse(json);
    if (!parsed.success) {
      const id = (json as { id?: unknown } | null)?.id ?? null;
      return { id, line: at, error: `line ${at}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}` };
    }
    const group = parsed.data;
    const images: { source: string; hash: string }[] = [];
    for (const path of group.imagePaths ?? []) {
      try {
        images.push({ source: path, hash: await perceptualHash(await readFile(path)) });
      } catch (error) {
        return { id: group.id, line: at, error: `line ${at}: image ${path} cannot be read as an image (${(error as Error).message})` };
      }
    }
    const findings = checkGroup({ ...group, images }, ruleSet, { logos }).map(({ category, severity, explanation, evidence }) => ({
      category,
      severity,
      explanation,
      evidence,
    }));
    return { id: group.id, findings };
  }
}
