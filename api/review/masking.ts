import type { FlagRow } from '../../db/flag-review-repository.js';

// Masking of flags that identify someone (a client named, personal information): what reviewers
// see before they reveal the identity with a reason.

/** Categories whose author and evidence spans stay hidden until a reviewer reveals them with a reason. */
export const MASKED_CATEGORIES = ['client_identification', 'personal_info'] as const;
/** What stands for each hidden character. */
export const MASK = '•';

export interface Span {
  start: number;
  end: number;
  text: string;
}

export function isMasked(category: string): boolean {
  return (MASKED_CATEGORIES as readonly string[]).includes(category);
}

/** The evidence spans of every finding of a flag. */
export function spansOf(flag: FlagRow): Span[] {
  return flag.findings.flatMap((finding) => (Array.isArray(finding.spans) ? (finding.spans as Span[]) : []));
}

/** Replaces each evidence span with bullets; offsets stay valid because lengths are kept. */
export function maskSpans(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const span of spans) {
    if (span.start < 0 || span.end > out.length || span.start >= span.end) continue;
    out = out.slice(0, span.start) + MASK.repeat(span.end - span.start) + out.slice(span.end);
  }
  return out;
}

/**
 * A finding's explanation quotes the words it matched ("« Sophie Gagnon en thérapie »"): on a
 * masked flag they are masked there too, including a quote cut short with "…".
 */
export function maskExplanation(explanation: unknown, spans: readonly Span[]): unknown {
  const secrets = spans.map((span) => span.text).filter((text) => typeof text === 'string' && text.length > 0);
  const mask = (sentence: unknown) => (typeof sentence === 'string' ? secrets.reduce(maskQuoted, sentence) : sentence);
  if (typeof explanation !== 'object' || explanation === null) return explanation;
  const { fr, en } = explanation as { fr?: unknown; en?: unknown };
  return { ...explanation, fr: mask(fr), en: mask(en) };
}

function maskQuoted(sentence: string, secret: string): string {
  const out = sentence.replaceAll(secret, MASK.repeat(secret.length));
  for (let length = secret.length - 1; length > 0; length--) {
    const cut = `${secret.slice(0, length)}…`;
    if (out.includes(cut)) return out.replaceAll(cut, `${MASK.repeat(length)}…`);
  }
  return out;
}
