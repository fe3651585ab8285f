// Generates classifier/rule-set/rule-file.generated.ts from rules/rule-file.schema.json.
// `--check` exits 1 when the committed file is stale (run by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const SCHEMA = 'rules/rule-file.schema.json';
const TARGET = 'classifier/rule-set/rule-file.generated.ts';

export async function generateRuleTypes() {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  return compile(schema, 'RuleFile', {
    bannerComment: `/* Generated from ${SCHEMA} by scripts/generate-rule-types.mjs. Do not edit. */`,
    additionalProperties: false,
    style: { singleQuote: true, printWidth: 110 },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = await generateRuleTypes();
  if (process.argv.includes('--check')) {
    const current = readFileSync(TARGET, 'utf8');
    if (current !== output) {
      process.stderr.write(`${TARGET} is stale: run node scripts/generate-rule-types.mjs\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, output);
  }
}
