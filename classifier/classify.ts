import { analyse, type Analysis, type Hit } from './analysis.js';
import { detectLanguage } from './language.js';
import { foldText } from './text/fold.js';
import { modelScore } from './rule-set/compile.js';
import { isNear } from './rule-set/passages.js';
import type { CompiledRule, CompiledRuleSet, Match } from './rule-set/compiled.js';
import type { Category, Finding, PostInput, Span, Verdict } from './types.js';

/** Longer texts are cut to this many UTF-16 units (and the verdict says so). */
export const MAX_TEXT_CHARS = 100_000;
const MAX_SPANS = 10;
const MATCH_IN_EXPLANATION_CHARS = 80;

const CATEGORY_ORDER: readonly Category[] = [
  'safeguarding', 'threat', 'client_identification', 'personal_info', 'discrimination', 'cyberbullying',
  'defamation', 'spam', 'logo_misuse', 'missing_unofficial_label', 'missing_official_links', 'unregistered_group',
];

/** Told where classify() is, so a caller can hold each step to a time budget (jobs/post-classifier/). */
export interface ClassifyObserver {
  /** Before the text is folded, tokenized and scored (the shared analysis of every rule). */
  beforeAnalysis(): void;
  /** Before the rule at this index of `ruleSet.rules` runs. */
  beforeRule(index: number): void;
}

/**
 * Runs every rule of the set on one text, in rule-file order, and returns the findings sorted so
 * that the same input always gives the same verdict. Pure in what it returns: no I/O or clock,
 * and the verdict depends on the post and the rule set alone. What it shares between calls is
 * there for speed only: caches of words already read (text/written-words.ts, the tokenizer's forms,
 * the word index's lookups) and scratch buffers reused by the fold. An observer, when given, is
 * only told which step starts.
 */
export function classify(post: PostInput, ruleSet: CompiledRuleSet, observer?: ClassifyObserver): Verdict {
  observer?.beforeAnalysis();
  const truncated = post.text.length > MAX_TEXT_CHARS;
  const text = truncated ? cutAtBoundary(post.text, MAX_TEXT_CHARS) : post.text;
  const folded = foldText(text);
  const lang = detectLanguage(text, ruleSet.languages, post.lang, folded);
  const analysis = analyse(text, folded, lang, { scope: post.scope ?? 'post_text', ruleSet, author: post.author, earlierCopies: post.earlierCopies });
  const findings: Finding[] = [];
  for (const index of ruleSet.rulesFor[analysis.scope][analysis.lang]) {
    const rule = ruleSet.rules[index]!;
    observer?.beforeRule(index);
    const hits = rule.match(analysis);
    if (hits === null) continue;
    const kept = keptHits(rule, analysis, hits);
    if (kept.length === 0) continue;
    findings.push(toFinding(rule, analysis, kept));
  }
  findings.sort(
    (a, b) =>
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      b.score - a.score ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { lang, findings, truncated };
}

/**
 * The hits that no exception sets aside: none when one holds anywhere in the text; else the hits
 * of the passages no exception stands near (each hit its own passage when the match has none).
 */
function keptHits(rule: CompiledRule, analysis: Analysis, hits: Match): readonly Hit[] {
  const all: readonly (readonly Hit[])[] = hits.passages ?? hits.map((hit) => [hit]);
  let kept = all;
  for (const exception of rule.unless) {
    const exceptionHits = exception.holds(analysis);
    if (exceptionHits === null) continue;
    if (exception.within === undefined) return [];
    const near = { within: exception.within, side: exception.side };
    kept = kept.filter((passage) => !isNear(analysis, passage, exceptionHits, near));
    if (kept.length === 0) return [];
  }
  return kept === all ? hits : [...new Set(kept.flat())];
}

function toFinding(rule: CompiledRule, analysis: Analysis, hits: readonly Hit[]): Finding {
  const spans = toSpans(analysis.original, hits);
  const model = rule.modelCategory === undefined ? undefined : modelScore(analysis, rule.modelCategory);
  const score = model === undefined ? rule.score : Math.max(model, Math.min(rule.score, model + 0.1));
  const matched = quoteOf(analysis.original, spans);
  const fill = (template: string) =>
    template.replaceAll('{match}', matched).replaceAll('{org}', analysis.ruleSet.organization.name);
  return {
    category: rule.category,
    severity: rule.severity,
    score: Math.round(score * 1000) / 1000,
    ruleId: rule.id,
    ruleVersion: analysis.ruleSet.version,
    spans,
    explanation: { fr: fill(rule.explanation.fr), en: fill(rule.explanation.en) },
  };
}

/** Sorted, merged, capped spans with their text. */
function toSpans(original: string, hits: readonly Hit[]): Span[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Hit[] = [];
  for (const hit of sorted) {
    const last = merged[merged.length - 1];
    if (last && hit.start <= last.end) last.end = Math.max(last.end, hit.end);
    else merged.push({ ...hit });
  }
  return merged.slice(0, MAX_SPANS).map(({ start, end }) => ({ start, end, text: original.slice(start, end) }));
}

/** The passage from the first to the last span when short, else the longest span, cut to length. */
function quoteOf(original: string, spans: readonly Span[]): string {
  if (spans.length === 0) return '';
  const whole = original.slice(spans[0]!.start, spans[spans.length - 1]!.end);
  const longest = spans.reduce((best, span) => (span.text.length > best.text.length ? span : best)).text;
  const quote = whole.length <= MATCH_IN_EXPLANATION_CHARS ? whole : longest;
  return quote.length <= MATCH_IN_EXPLANATION_CHARS ? quote : `${quote.slice(0, MATCH_IN_EXPLANATION_CHARS - 1)}…`;
}

/** Cuts without splitting a surrogate pair. */
function cutAtBoundary(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
