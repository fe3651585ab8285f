import { analyse } from '../analysis.js';
import { detectLanguage } from '../language.js';
import { runDetector } from '../matchers/detectors.js';
import type { CompiledRuleSet } from '../rule-set/compiled.js';
import { foldText } from '../text/fold.js';

/** Whether a text names the organization (aliases, close misspellings), homonyms excluded. */
export function mentionsOrganization(text: string, ruleSet: CompiledRuleSet): boolean {
  const folded = foldText(text);
  const lang = detectLanguage(text, ruleSet.languages, undefined, folded);
  return runDetector(analyse(text, folded, lang, { scope: 'group_name', ruleSet }), 'mentions_org').length > 0;
}
