import type { Request } from 'express';
import { ForbiddenError } from '../../lib/errors.js';
import type { Principal } from './principal.js';
import { constantTimeEqual } from './tokens.js';

/** Form field and header that carry the session's CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * For state-changing requests: refuse what a browser marks as coming from another site, and for
 * cookie sessions require the session's token (bearer tokens are not sent by browsers on their own,
 * so they carry no ambient authority). The token field is removed before schema validation.
 */
export function checkCsrf(req: Request, principal: Principal | undefined): void {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ForbiddenError(`cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
  // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` even for our own forms; then
  // Sec-Fetch-Site (checked above) is what tells same-origin apart, and without it we refuse.
  const origin = req.get('origin');
  if (origin === 'null') {
    if (site === undefined) throw new ForbiddenError('request of unknown origin refused');
  } else if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== req.get('host')) throw new ForbiddenError('cross-origin request refused');
  }
  const body = req.body as Record<string, unknown> | undefined;
  const sent = req.get(CSRF_HEADER) ?? (typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined);
  if (body && typeof body === 'object' && CSRF_FIELD in body) delete body[CSRF_FIELD];
  if (principal?.via !== 'session') return;
  if (!sent || !principal.csrfToken || !constantTimeEqual(sent, principal.csrfToken)) {
    throw new ForbiddenError('missing or wrong CSRF token: reload the page and try again');
  }
}
