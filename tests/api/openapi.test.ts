import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../api/routes/index.js';
import { apiDepsOf, startApi } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  context = await createTestContext('api-openapi');
  api = await startApi(apiDepsOf(context));
});

afterAll(async () => {
  await api.close();
  await context.dispose();
});

describe('GET /api/openapi.json', () => {
  it('when fetched anonymously, then it is a valid OpenAPI 3.1 document', async () => {
    const response = await fetch(`${api.base}/api/openapi.json`);
    const document = (await response.json()) as Record<string, unknown>;

    const result = await new Validator().validate(document);

    expect(response.status).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('when compared with the route table, then every API route is documented with its method, and request bodies forbid unknown fields', async () => {
    const document = (await (await fetch(`${api.base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { additionalProperties?: boolean } } } } }>>;
    };
    const apiRoutes = ROUTES.filter((route) => route.path.startsWith('/api/'));

    for (const route of apiRoutes) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.body) expect(operation!.requestBody!.content['application/json'].schema.additionalProperties).toBe(false);
    }
  });
});
