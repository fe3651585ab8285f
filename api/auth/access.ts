import { recordAudit } from '../../db/audit-repository.js';
import type { FlagScope } from '../../db/flag-review-repository.js';
import type { Models } from '../../db/models/index.js';
import type { Role } from '../../db/user-repository.js';
import { NotFoundError } from '../../lib/errors.js';
import { hasRole, orgsWithRole, type Principal } from './principal.js';

/** Roles that work the flag queue. */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'safeguarding_officer', 'admin'];
/** Roles that see safeguarding (child-safety) cases. */
export const SAFEGUARDING_ROLES: readonly Role[] = ['safeguarding_officer', 'admin'];

/** The one place that turns memberships into what flags a caller may see. */
export function flagScopeFor(principal: Principal): FlagScope {
  return { orgs: orgsWithRole(principal, REVIEW_ROLES), restrictedOrgs: orgsWithRole(principal, SAFEGUARDING_ROLES) };
}

export function auditActor(principal: Principal | undefined): string {
  return principal ? `user:${principal.userId}` : 'anonymous';
}

export interface DeniedAttempt {
  org: string;
  /** What was asked for, e.g. `flag:<id>`, `rules:<org>`. */
  target: string;
  ip?: string;
}

/** Records a refused attempt on another organization's data (the caller is answered 404). */
export async function recordDenied(models: Models, principal: Principal | undefined, attempt: DeniedAttempt): Promise<void> {
  await recordAudit(models, { actor: auditActor(principal), action: 'authz_denied', org: attempt.org, target: attempt.target, ...(attempt.ip ? { ip: attempt.ip } : {}) });
}

/**
 * Passes when the caller holds one of `roles` in the attempt's organization; otherwise the attempt
 * is audited and the thing is reported missing, so other organizations' ids reveal nothing.
 */
export async function requireOrgRole(
  models: Models,
  principal: Principal | undefined,
  roles: readonly Role[],
  attempt: DeniedAttempt,
  notFoundMessage: string,
): Promise<void> {
  if (principal && hasRole(principal, roles, attempt.org)) return;
  await recordDenied(models, principal, attempt);
  throw new NotFoundError(notFoundMessage);
}
