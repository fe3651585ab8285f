import { z } from 'zod/v4';
import { listSources, requestCrawl } from '../review/source-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';

/** A source's id, as source files write it. */
export const sourceId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'a source id');

/** The crawler's sources, for administrators: their status, and crawls on demand. */
export const sourceRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/sources',
    tag: 'sources',
    summary: 'The sources of your organizations with their crawl status: state, last run, items stored, last error (administrators)',
    access: roles('admin'),
    responses: { 200: 'the sources', 401: 'not signed in', 403: 'not an administrator' },
    async handle({ res, deps, principal }) {
      res.json({ sources: await listSources(deps, principal!) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/crawl-requests',
    tag: 'sources',
    summary: 'Crawls a source now (administrators). Saved first: when the job queue is down the answer is 503 and the request is queued once it is back',
    access: roles('admin'),
    body: z.strictObject({ sourceId }),
    responses: { 202: 'queued', 400: 'invalid body', 404: 'no such source in your organizations', 503: 'queue unavailable; the request is saved' },
    async handle({ req, res, deps, principal, body }) {
      res.status(202).json(await requestCrawl(deps, principal!, body.sourceId, { ip: req.ip }));
    },
  }),
];
