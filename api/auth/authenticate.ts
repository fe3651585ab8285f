import { parse as parseCookies } from 'cookie';
import type { RequestHandler, Response } from 'express';
import { findActiveApiToken, findLiveSession } from '../../db/session-repository.js';
import { findUserById } from '../../db/user-repository.js';
import type { ApiDeps } from '../deps.js';
import type { Principal } from './principal.js';
import { signInCacheOf } from './sign-in-cache.js';
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
 * res.locals.principal; it never rejects (routes declare what they need). Resolved callers are
 * cached until a user, session or token is written (sign-in-cache.ts), so disabling a user,
 * logging out or bumping a session generation takes effect at once.
 */
export function authenticate(deps: ApiDeps): RequestHandler {
  const cookieName = sessionCookieName(deps.config.review.secureCookies);
  const cache = signInCacheOf(deps.store);
  return async (req, res, next) => {
    try {
      const bearer = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.get('authorization') ?? '')?.[1];
      if (bearer) {
        const hash = tokenHash(bearer);
        const cached = cache.get(`token:${hash}`);
        const principal = cached ?? (await principalOfToken(deps, hash));
        if (principal && !cached) cache.set(`token:${hash}`, principal);
        if (principal) res.locals.principal = principal;
      } else {
        const cookie = req.get('cookie');
        const sessionToken = cookie ? parseCookies(cookie)[cookieName] : undefined;
        if (sessionToken && sessionToken.length <= 100) {
          const hash = tokenHash(sessionToken);
          const cached = cache.get(`session:${hash}`);
          const resolved = cached ? { principal: cached, expiresAt: undefined } : await principalOfSession(deps, hash);
          if (resolved) {
            if (resolved.expiresAt) cache.set(`session:${hash}`, resolved.principal, resolved.expiresAt.getTime());
            res.locals.principal = resolved.principal;
          }
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

async function principalOfToken(deps: ApiDeps, hash: string): Promise<Principal | undefined> {
  const token = await findActiveApiToken(deps.store.models, hash);
  const user = token && (await findUserById(deps.store.models, token.userId));
  return user && !user.disabled ? { ...describeUser(user), via: 'token' } : undefined;
}

async function principalOfSession(deps: ApiDeps, hash: string): Promise<{ principal: Principal; expiresAt: Date } | undefined> {
  const session = await findLiveSession(deps.store.models, hash);
  const user = session && (await findUserById(deps.store.models, session.userId));
  if (!session || !user || user.disabled || user.sessionGeneration !== session.generation) return undefined;
  return {
    principal: { ...describeUser(user), via: 'session', csrfToken: session.csrfToken, sessionHash: hash },
    expiresAt: session.expiresAt,
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
