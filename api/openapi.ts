import { z } from 'zod/v4';
import type { RouteSpec } from './route-spec.js';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'string' } } },
    },
  },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * OpenAPI 3.1 built from the same route table that mounts the API, so the document cannot drift
 * from what the server validates. Console pages are left out.
 */
export function buildOpenApiDocument(routes: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes.filter((r) => r.path.startsWith('/api/') || r.path === '/health')) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      ...(route.access.kind === 'public' ? { security: [] } : {}),
      ...(route.access.kind === 'role' ? { 'x-roles': route.access.roles } : {}),
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, description]) => [
          status,
          Number(status) >= 400
            ? { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
            : Number(status) === 204
              ? { description }
              : { description, content: { 'application/json': { schema: {} } } },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Social-media policy compliance monitor API',
      version,
      description: 'Flag queue, decisions and administration. Errors are {error: {code, message}}.',
    },
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-monitor_session', description: 'set by POST /api/session; unsafe requests also send x-csrf-token' },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'API token from `monitor users token`' },
      },
    },
  };
}
