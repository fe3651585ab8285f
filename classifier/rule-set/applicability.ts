import type { DetectedLanguage, Scope } from '../types.js';
import type { CompiledRule, CompiledRuleSet } from './compiled.js';

/**
 * Which rules read which texts, worked out once rather than for every text: by scope and language,
 * the indexes in `rules` of the rules that apply, in file order.
 */
export function rulesByScopeAndLanguage(rules: readonly CompiledRule[]): CompiledRuleSet['rulesFor'] {
  const rulesFor = (scope: Scope, lang: DetectedLanguage) => rules.flatMap((rule, index) => (appliesTo(rule, scope, lang) ? [index] : []));
  const forScope = (scope: Scope) => ({ fr: rulesFor(scope, 'fr'), en: rulesFor(scope, 'en'), ja: rulesFor(scope, 'ja'), und: rulesFor(scope, 'und') });
  return { post_text: forScope('post_text'), group_name: forScope('group_name'), group_description: forScope('group_description') };
}

function appliesTo(rule: CompiledRule, scope: Scope, lang: DetectedLanguage): boolean {
  if (!rule.scope.includes(scope)) return false;
  if (rule.languages === undefined) return true;
  if (lang !== 'und') return rule.languages.includes(lang);
  // Undetermined text is cut into words the Latin way, where a Japanese term is never found: a
  // Japanese-only rule could only misread the other lists' words ("dumb" as an insult in Japanese).
  return rule.languages.some((language) => language !== 'ja');
}
