import { z } from 'zod/v4';
import { listAudit } from '../../db/audit-repository.js';
import { flagScopeFor } from '../auth/access.js';
import { hasRole } from '../auth/principal.js';
import { renderAudit } from '../console/audit-view.js';
import { localeOf } from '../console/i18n.js';
import { signedInViewOf } from '../console/layout.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { consoleLang } from '../schemas/common.js';
import { auditAction } from './audit.js';

const lang = consoleLang;
const AUDIT_PAGE = 100;
const auditPageQuery = z.strictObject({
  lang,
  before: z.coerce.number().int().min(1).optional(),
  action: z.union([z.literal(''), auditAction]).optional(),
  target: z.string().max(200).optional(),
});

/** The audit log page (administrators). */
export const consoleAuditRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/audit', tag: 'console', summary: 'Audit log page: filters by action and target, pages of 100 back by sequence number', access: roles('admin'), page: true,
    query: auditPageQuery, responses: { 200: 'page' },
    async handle({ req, res, deps, principal, query }) {
      // Empty filters come from the form's "all" choices.
      const filters = { ...(query.action ? { action: query.action } : {}), ...(query.target?.trim() ? { target: query.target.trim() } : {}) };
      const orgs = flagScopeFor(principal!).orgs.filter((org) => hasRole(principal!, ['admin'], org));
      const entries = await listAudit(deps.store.models, { orgs, limit: AUDIT_PAGE, ...filters, ...(query.before ? { before: query.before } : {}) });
      const olderThan = entries.length === AUDIT_PAGE ? entries[entries.length - 1]!.seq : undefined;
      res.type('html').send(
        renderAudit({ locale: localeOf(req), user: signedInViewOf(principal!), entries, filters, ...(query.before ? { before: query.before } : {}), ...(olderThan ? { olderThan } : {}) }),
      );
    },
  }),
];
