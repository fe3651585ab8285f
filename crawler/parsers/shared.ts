import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Whitespace folded to single spaces; HTML entities are already decoded by the parser. Matches only
 * runs and non-space whitespace, so ordinary text (single spaces) costs no replacement.
 */
export function cleanText(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** A date the source wrote, or undefined when it is missing or unreadable. */
export function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Resolves a link against the page URL; only http(s) results are kept. */
export function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
