import { z } from 'zod/v4';
import { ServiceUnavailableError } from '../../lib/errors.js';
import { localeOf } from '../console/i18n.js';
import { signedInViewOf } from '../console/layout.js';
import { renderSources } from '../console/sources-view.js';
import { listSources, requestCrawl } from '../review/source-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { consoleLang } from '../schemas/common.js';
import { sourceId } from './sources.js';

const lang = consoleLang;

/** The sources page: what the crawler watches and how each source is doing, with "crawl now" (administrators). */
export const consoleSourceRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/sources', tag: 'console', summary: 'Sources of your organizations with their crawl status (administrators)', access: roles('admin'), page: true,
    query: z.strictObject({ lang, requested: sourceId.optional() }), responses: { 200: 'page' },
    async handle({ req, res, deps, principal, query }) {
      const sources = await listSources(deps, principal!);
      // The notice only names a source the page lists: the query cannot put words on the page.
      const requested = sources.find((source) => source.sourceId === query.requested)?.sourceId;
      res.type('html').send(renderSources({ locale: localeOf(req), user: signedInViewOf(principal!), sources, ...(requested ? { notice: { kind: 'requested', sourceId: requested } } : {}) }));
    },
  }),
  defineRoute({
    method: 'post', path: '/sources/:sourceId/crawl', tag: 'console', summary: 'Crawl a source now from the console (administrators)', access: roles('admin'), page: true,
    params: z.strictObject({ sourceId }), query: z.strictObject({ lang }), responses: { 303: 'requested', 404: 'no such source in your organizations', 503: 'queue down; the request is saved' },
    formPage: () => '/sources',
    async handle({ req, res, deps, principal, params }) {
      const locale = localeOf(req);
      try {
        await requestCrawl(deps, principal!, params.sourceId, { ip: req.ip });
      } catch (error) {
        if (!(error instanceof ServiceUnavailableError)) throw error;
        const sources = await listSources(deps, principal!);
        res.status(503).type('html').send(renderSources({ locale, user: signedInViewOf(principal!), sources, notice: { kind: 'queueDown', sourceId: params.sourceId } }));
        return;
      }
      res.redirect(303, `/sources?lang=${locale}&requested=${params.sourceId}`);
    },
  }),
];
