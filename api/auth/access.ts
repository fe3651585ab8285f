import type { FlagScope } from '../../db/flag-review-repository.js';
import type { Role } from '../../db/user-repository.js';
import { orgsWithRole, type Principal } from './principal.js';

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
