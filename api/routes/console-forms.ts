import { z } from 'zod/v4';
import { translate, type Locale } from '../console/i18n.js';
import { parseIn } from '../route-spec.js';
import { consoleLang, humanText } from '../schemas/common.js';

// What the console's pages and forms share: the page query, a rationale checked in the visitor's
// language, and how a refusal reads.

/** A console page's query: its language only. */
export const pageQuery = z.strictObject({ lang: consoleLang });

/** A form with one rationale, as posted: only its size is checked here (see checkFormText). */
export const rationaleForm = z.strictObject({ rationale: z.string().max(20_000).optional() });

/**
 * A rationale (or reason) from a console form, checked in the visitor's language: only its size is
 * checked when the form is parsed, so that a refused one comes back on its page, filled in again.
 */
export function checkFormText(value: string | undefined, field: string, max: number, locale: Locale): { data: string } | { issues: string[] } {
  return parseIn(humanText(10, max), value ?? '', { where: `form.${field}`, locale });
}

export const refusalIn = (locale: Locale, issues: readonly string[]) => `${translate(locale, 'error.invalid')} ${issues.join('; ')}`;
