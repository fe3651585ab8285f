import type { Response } from 'express';
import { recordAudit } from '../../db/audit-repository.js';
import { deleteSession, insertSession } from '../../db/session-repository.js';
import { findUserByEmail } from '../../db/user-repository.js';
import { NotAuthenticatedError } from '../../lib/errors.js';
import type { ApiDeps } from '../deps.js';
import { assertAccountNotThrottled, countAccountFailure } from '../rate-limit.js';
import { sessionCookieName } from './authenticate.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { newSecretToken, tokenHash } from './tokens.js';

// Verified against when the e-mail is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined;

export interface LoginResult {
  csrfToken: string;
  user: { id: string; email: string; memberships: Principal['memberships'] };
}

/**
 * Checks the password and opens a new session (a fresh random id, never one the client sent).
 * Failures say the same thing for unknown e-mails, wrong passwords and disabled accounts, and
 * count against the account (besides the per-address limit of the route).
 */
export async function login(deps: ApiDeps, res: Response, credentials: { email: string; password: string }, ip?: string): Promise<LoginResult> {
  const models = deps.store.models;
  const prefix = deps.config.jobs.queuePrefix;
  await assertAccountNotThrottled(deps.redis, prefix, credentials.email);
  const user = await findUserByEmail(models, credentials.email);
  decoyHash ??= hashPassword('decoy-password-never-matches');
  const valid = await verifyPassword(credentials.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !valid || user.disabled) {
    await countAccountFailure(deps.redis, prefix, credentials.email);
    await recordAudit(models, { actor: user ? `user:${String(user._id)}` : 'anonymous', action: 'login.failed', ip, data: { email: credentials.email.slice(0, 320) } });
    throw new NotAuthenticatedError('wrong e-mail or password, or the account is disabled');
  }
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  await recordAudit(models, { actor: `user:${String(user._id)}`, action: 'login', ip });
  await insertSession(models, {
    tokenHash: tokenHash(token),
    userId: String(user._id),
    generation: user.sessionGeneration,
    csrfToken,
    ...(ip ? { ip } : {}),
    expiresAt: new Date(Date.now() + deps.config.review.sessionMs),
  });
  res.cookie(sessionCookieName(deps.config.review.secureCookies), token, {
    httpOnly: true,
    secure: deps.config.review.secureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: deps.config.review.sessionMs,
  });
  return { csrfToken, user: { id: String(user._id), email: user.email, memberships: user.memberships } };
}

export async function logout(deps: ApiDeps, res: Response, principal: Principal, ip?: string): Promise<void> {
  await recordAudit(deps.store.models, { actor: `user:${principal.userId}`, action: 'logout', ip });
  if (principal.sessionHash) await deleteSession(deps.store.models, principal.sessionHash);
  res.clearCookie(sessionCookieName(deps.config.review.secureCookies), {
    httpOnly: true,
    secure: deps.config.review.secureCookies,
    sameSite: 'lax',
    path: '/',
  });
}
