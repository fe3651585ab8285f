import { describe, expect, it } from 'vitest';
import { buildRuleSet } from '../../classifier/rule-set/load.js';
import { RuleSetError } from '../../lib/errors.js';
import { noteReliability } from '../support/reliability.js';

// Rule files come from administrators' uploads: each hostile file below must be refused with a
// RuleSetError naming the file, without hanging, crashing or polluting prototypes.

const HEADER = 'schemaVersion: 1\nkind: pack\norganization:\n  slug: test-org\n  name: Test Org\n  aliases: [Test Org]\n  languages: [fr]\n';
const RULE = '  - id: r1\n    category: spam\n    severity: low\n    match: { words: { terms: { fr: [pub] } } }\n    explanation: { fr: "x", en: "x" }\n';

function billionLaughs(): string {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level += 1) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
  }
  return `${HEADER}x:\n${levels.map((line) => `  ${line}`).join('\n')}\nrules:\n${RULE}`;
}

const HOSTILE: [string, string][] = [
  ['billion laughs (nested aliases)', billionLaughs()],
  ['merge-key bomb', `${HEADER}base: &b { k1: 1, k2: 2 }\n${Array.from({ length: 200 }, (_, i) => `m${i}: { <<: *b }`).join('\n')}\nrules:\n${RULE}`],
  ['10,000 nested flow sequences', `${HEADER}rules: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
  ['1,000 nested block mappings', `${HEADER}deep:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\nrules:\n${RULE}`],
  ['duplicate keys', `${HEADER}rules:\n${RULE}rules:\n${RULE}`],
  ['!!js/function tag', `${HEADER}rules:\n  - id: !!js/function "function () { process.exit(1) }"\n`],
  ['!!python/object/apply tag', `${HEADER}rules: !!python/object/apply:os.system ["id"]\n`],
  ['unknown !include tag', `${HEADER}rules: !include /etc/passwd\n`],
  ['__proto__ and constructor keys', `${HEADER}__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\nrules:\n${RULE}`],
  ['file over the size cap', `${HEADER}rules:\n${RULE}# ${'x'.repeat(1_100_000)}\n`],
  ['NUL and control characters', `${HEADER}rules:\n  - id: "a\u0000b"\n    category: spam\u0007\n`],
  ['random binary bytes', Buffer.from(Array.from({ length: 4_096 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
  ['several documents', `${HEADER}rules:\n${RULE}---\n${HEADER}rules:\n${RULE}`],
  ['number overflow and YAML 1.1 booleans', `${HEADER}rules:\n  - id: r1\n    category: spam\n    severity: low\n    enabled: yes\n    match: { model: { name: spam, above: 1e999 } }\n    explanation: { fr: "x", en: "x" }\n`],
  ['a 500,000-character key', `${HEADER}${'k'.repeat(500_000)}: 1\nrules:\n${RULE}`],
  ['anchor on itself (cycle)', `${HEADER}loop: &l [*l]\nrules:\n${RULE}`],
];

describe('hostile rule files', () => {
  it(`when ${HOSTILE.length} hostile YAML files are loaded, then each is refused naming the file, and nothing is polluted`, ({ task }) => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(10);
    const outcomes = HOSTILE.map(([label, content]) => {
      try {
        buildRuleSet([{ path: 'rules/packs/hostile.yaml', content }]);
        return `${label}: accepted`;
      } catch (error) {
        if (!(error instanceof RuleSetError)) return `${label}: ${(error as Error).name} ${(error as Error).message.slice(0, 120)}`;
        return error.issues.length > 0 && error.issues.every((issue) => issue.startsWith('rules/packs/hostile.yaml:')) ? 'refused' : `${label}: ${error.issues.join(' | ')}`;
      }
    });

    expect(outcomes).toEqual(HOSTILE.map(() => 'refused'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    noteReliability(task, { kind: 'bad-inputs', family: 'hostile YAML', tried: HOSTILE.length });
  });
});
