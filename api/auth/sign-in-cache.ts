import type { Store } from '../../db/connection.js';
import { API_TOKENS_COLLECTION } from '../../db/models/api-tokens.js';
import { SESSIONS_COLLECTION } from '../../db/models/sessions.js';
import { USERS_COLLECTION } from '../../db/models/users.js';
import type { Principal } from './principal.js';
import { onePer } from '../../lib/one-per.js';

/**
 * Upper bound on how long a sign-in is trusted without re-reading the store, for writes whose
 * announcement never arrives (a command run with no Redis to relay it).
 */
export const SIGN_IN_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;
const WATCHED = new Set([USERS_COLLECTION, SESSIONS_COLLECTION, API_TOKENS_COLLECTION, '*']);

/**
 * Callers already resolved from a session or token hash. Reading the session and the user costs
 * two store round trips per request; any write to users, sessions or tokens (a logout, a disabled
 * user, a revoked token, from this process or relayed from another) empties the cache at once.
 * Only successes are kept, so unknown tokens cannot fill it.
 */
export class SignInCache {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(store: Pick<Store, 'changes'>) {
    store.changes.subscribe((change) => {
      if (WATCHED.has(change.collection)) this.entries.clear();
    });
  }

  get(key: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.principal;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps the caller until `notAfter` (the session's expiry) or the cache lifetime, whichever is first. */
  set(key: string, principal: Principal, notAfter = Number.POSITIVE_INFINITY, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { principal, expiresAt: Math.min(now + SIGN_IN_CACHE_MS, notAfter) });
  }
}

export const signInCacheOf: (store: Store) => SignInCache = onePer((store) => new SignInCache(store));
