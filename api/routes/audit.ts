import { z } from 'zod/v4';
import { listAudit } from '../../db/audit-repository.js';
import { orgsWithRole } from '../auth/principal.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';

/** An audited action's code, as the log stores it (flag.decide). */
export const auditAction = z.string().regex(/^[a-z_.]{1,60}$/, 'an action code, e.g. flag.decide');

const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
  action: auditAction.optional(),
  target: z.string().min(1).max(200).optional(),
});

export const auditRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary: 'The audit log of the organizations you administer, newest first; `before` pages back by sequence number, `action` and `target` filter exactly',
    access: roles('admin'),
    query: auditQuery,
    responses: { 200: 'audit entries', 403: 'not an administrator' },
    async handle({ res, deps, principal, query }) {
      const orgs = orgsWithRole(principal!, ['admin']);
      const { limit, before, action, target } = query;
      const entries = await listAudit(deps.store.models, { orgs, limit, ...(before ? { before } : {}), ...(action ? { action } : {}), ...(target ? { target } : {}) });
      res.json({ entries: entries.map(({ seq, at, actor, action, org, target, ip, data, hash }) => ({ seq, at, actor, action, org, target, ip, data, hash })) });
    },
  }),
];
