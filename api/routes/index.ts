import { buildOpenApiDocument } from '../openapi.js';
import { defineRoute, PUBLIC, type RouteSpec } from '../route-spec.js';
import { auditRoutes } from './audit.js';
import { consoleRoutes } from './console.js';
import { consoleAuditRoutes } from './console-audit.js';
import { consoleGroupRoutes } from './console-groups.js';
import { consoleMemberRoutes } from './console-members.js';
import { consoleOrganizationRoutes } from './console-organizations.js';
import { consoleReportRoutes } from './console-reports.js';
import { consoleRulesRoutes } from './console-rules.js';
import { consoleSourceRoutes } from './console-sources.js';
import { flagRoutes } from './flags.js';
import { groupRoutes } from './groups.js';
import { healthRoutes } from './health.js';
import { organizationRoutes } from './organizations.js';
import { reportRoutes } from './reports.js';
import { rulesRoutes } from './rules.js';
import { subjectRoutes } from './subjects.js';
import { sessionRoutes } from './session.js';
import { sourceRoutes } from './sources.js';

const API_VERSION = '0.1.0';

let openApiDocument: Record<string, unknown> | undefined;

const openApiRoute = defineRoute({
  method: 'get',
  path: '/api/openapi.json',
  tag: 'meta',
  summary: 'This OpenAPI 3.1 document',
  access: PUBLIC,
  responses: { 200: 'the document' },
  async handle({ res }) {
    openApiDocument ??= buildOpenApiDocument(ROUTES, API_VERSION);
    res.json(openApiDocument);
  },
});

/** Every route the app serves, with its access rule: the table tests/api/route-access.test.ts walks. */
export const ROUTES: readonly RouteSpec[] = [...healthRoutes, ...sessionRoutes, ...flagRoutes, ...reportRoutes, ...groupRoutes, ...organizationRoutes, ...sourceRoutes, ...rulesRoutes, ...subjectRoutes, ...auditRoutes, openApiRoute, ...consoleGroupRoutes, ...consoleReportRoutes, ...consoleRoutes, ...consoleRulesRoutes, ...consoleMemberRoutes, ...consoleSourceRoutes, ...consoleOrganizationRoutes, ...consoleAuditRoutes];
