import type { Request, Response } from 'express';
import { z } from 'zod/v4';
import { NotAuthenticatedError } from '../../lib/errors.js';
import type { Principal } from '../auth/principal.js';
import { translate, type Locale } from '../console/i18n.js';
import type { ApiDeps } from '../deps.js';
import { parseIn, type HandlerInput } from '../route-spec.js';
import { consoleLang, humanText } from '../schemas/common.js';

// What the console's pages and forms share: the signed-in page context, the page query, a
// rationale checked in the visitor's language, and how a refusal reads.

/** What a console page is drawn with: the request, the answer, the dependencies and the signed-in visitor. */
export interface PageContext {
  req: Request;
  res: Response;
  deps: ApiDeps;
  principal: Principal;
}

/** A handler's input as a page context; the routes that use it admit signed-in visitors only. */
export function pageContext({ req, res, deps, principal }: HandlerInput<unknown, unknown, unknown>): PageContext {
  if (!principal) throw new NotAuthenticatedError('sign in to see this page');
  return { req, res, deps, principal };
}

/** A console page's query: its language only. */
export const pageQuery = z.strictObject({ lang: consoleLang });

/** A form with one rationale, as posted: only its size is checked here (see checkFormText). */
export const rationaleForm = z.strictObject({ rationale: z.string().max(20_000).optional() });

/**
 * A rationale (or reason) from a console form, checked in the visitor's language: only its size is
 * checked when the form is parsed, so that a refused one comes back on its page, filled in again.
 */
export function checkFormText(
  value: string | undefined,
  { field, max, locale }: { field: string; max: number; locale: Locale },
): { data: string } | { issues: string[] } {
  return parseIn(humanText(10, max), value ?? '', { where: `form.${field}`, locale });
}

export const refusalIn = (locale: Locale, issues: readonly string[]) => `${translate(locale, 'error.invalid')} ${issues.join('; ')}`;
