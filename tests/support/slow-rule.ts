import { shippedPackSources } from '../../classifier/rule-set/load.js';
import type { RuleSource } from '../../classifier/rule-set/parse.js';

// Test 24 of RELIABILITY.md. This pattern passes every upload check (RE2 accepts it, recheck finds
// no backtracking), yet RE2's linear-time matching of it on 100 KB of text takes seconds: only a
// runtime budget stops it.
const SLOW_RULE = `
  - id: slow-rule
    category: spam
    severity: low
    match: { regex: ".{1,300}z" }
    explanation: { fr: "lent", en: "slow" }
`;

/**
 * 100 KB on which the slow rule runs for seconds. It opens with the "z" the pattern must hold, so
 * that the text is not ruled out before RE2 runs (classifier/matchers/required-text.ts), and no
 * match can end on it: RE2 reads the whole text in vain.
 */
export const ADVERSARIAL_TEXT = `z${`${'ab'.repeat(50)} `.repeat(1_000)}`;

/** Portage's shipped pack plus the slow rule, as files to plant straight into the store (past the upload checks). */
export function packWithSlowRule(): RuleSource[] {
  const [pack, ...lexicons] = shippedPackSources('portage');
  return [{ path: pack!.path, content: pack!.content + SLOW_RULE }, ...lexicons];
}
