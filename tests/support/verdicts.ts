import { classify } from '../../classifier/classify.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import type { Finding, PostInput, Verdict } from '../../classifier/types.js';

/** What a test may say of a post besides its text: language, scope, author, earlier copies. */
export type PostDetails = Omit<PostInput, 'text'>;

/** A rule set and the ways the classifier tests read its verdicts. */
export interface VerdictReader {
  ruleSet: CompiledRuleSet;
  verdictOf(text: string, details?: PostDetails): Verdict;
  /** The rules that flag the post, in the order classify reports them. */
  ruleIdsOf(text: string, details?: PostDetails): string[];
  /** The categories the post is flagged in, each once, sorted. */
  categoriesOf(text: string, details?: PostDetails): string[];
  /** The first finding of one rule, if it flags the post. */
  findingOf(text: string, ruleId: string, details?: PostDetails): Finding | undefined;
  /** The original text of every span one rule quotes. */
  spansOf(text: string, ruleId: string, details?: PostDetails): string[];
}

/** Reads the verdicts of any rule set; `defaults` (a language, say) apply to every post. */
export function createVerdictReader(ruleSet: CompiledRuleSet, defaults: PostDetails = {}): VerdictReader {
  const verdictOf = (text: string, details: PostDetails = {}) => classify({ ...defaults, ...details, text }, ruleSet);
  const findingsOf = (text: string, details?: PostDetails) => verdictOf(text, details).findings;
  return {
    ruleSet,
    verdictOf,
    ruleIdsOf: (text, details) => findingsOf(text, details).map((finding) => finding.ruleId),
    categoriesOf: (text, details) => [...new Set(findingsOf(text, details).map((finding) => finding.category))].sort(),
    findingOf: (text, ruleId, details) => findingsOf(text, details).find((finding) => finding.ruleId === ruleId),
    spansOf: (text, ruleId, details) =>
      findingsOf(text, details)
        .filter((finding) => finding.ruleId === ruleId)
        .flatMap((finding) => finding.spans.map((span) => span.text)),
  };
}

/** The verdicts of a shipped pack. */
export function createPackReader(org: string): VerdictReader {
  return createVerdictReader(loadRuleSetForOrg(org));
}
