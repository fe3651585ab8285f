import type { Membership, Role } from '../../db/user-repository.js';

/** The signed-in caller, as every route sees it after authentication. */
export interface Principal {
  userId: string;
  email: string;
  displayName?: string;
  memberships: readonly Membership[];
  via: 'session' | 'token';
  /** Set for cookie sessions: forms and unsafe requests must echo it. */
  csrfToken?: string;
  sessionHash?: string;
}

export function orgsWithRole(principal: Principal, roles: readonly Role[]): string[] {
  return [...new Set(principal.memberships.filter((m) => roles.includes(m.role)).map((m) => m.org))];
}

export function hasRole(principal: Principal, roles: readonly Role[], org?: string): boolean {
  return principal.memberships.some((m) => roles.includes(m.role) && (org === undefined || m.org === org));
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip?: string;
}
