import { parse as parseCookies } from 'cookie';
import type { RequestHandler, Response } from 'express';
import { findActiveApiToken, findLiveSession } from '../../db/session-repository.js';
import { findUserById } from '../../db/user-repository.js';
import type { ApiDeps } from '../deps.js';
import type { Principal } from './principal.js';
import { tokenHash } from './tokens.js';

/** `__Host-` pins the cookie to this host, path / and https; plain http (tests) cannot use it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-monitor_session' : 'monitor_session';
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/**
 * Resolves the caller from a bearer token or the session cookie and leaves it in
 * res.locals.principal; it never rejects (routes declare what they need). The user is re-read on
 * every request, so disabling a user or bumping its session generation takes effect at once.
 */
export function authenticate(deps: ApiDeps): RequestHandler {
  const cookieName = sessionCookieName(deps.config.review.secureCookies);
  return async (req, res, next) => {
    const bearer = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.get('authorization') ?? '')?.[1];
    if (bearer) {
      const token = await findActiveApiToken(deps.store.models, tokenHash(bearer));
      const user = token && (await findUserById(deps.store.models, token.userId));
      if (user && !user.disabled) {
        res.locals.principal = { ...describeUser(user), via: 'token' } satisfies Principal;
      }
      next();
      return;
    }
    const cookie = req.get('cookie');
    const sessionToken = cookie ? parseCookies(cookie)[cookieName] : undefined;
    if (sessionToken && sessionToken.length <= 100) {
      const hash = tokenHash(sessionToken);
      const session = await findLiveSession(deps.store.models, hash);
      const user = session && (await findUserById(deps.store.models, session.userId));
      if (session && user && !user.disabled && user.sessionGeneration === session.generation) {
        res.locals.principal = {
          ...describeUser(user),
          via: 'session',
          csrfToken: session.csrfToken,
          sessionHash: hash,
        } satisfies Principal;
      }
    }
    next();
  };
}

function describeUser(user: NonNullable<Awaited<ReturnType<typeof findUserById>>>) {
  return {
    userId: String(user._id),
    email: user.email,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    memberships: user.memberships,
  };
}
