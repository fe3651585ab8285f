import { z } from 'zod/v4';
import { listOrganizations } from '../../db/organization-repository.js';
import { ConflictError, InvalidInputError, NotAuthenticatedError, RateLimitedError } from '../../lib/errors.js';
import { REVIEW_ROLES, flagScopeFor } from '../auth/access.js';
import { login, logout } from '../auth/login.js';
import { renderFlag, type DecisionDraft } from '../console/flag-view.js';
import { localeOf, translate } from '../console/i18n.js';
import { CONSOLE_CSS, signedInViewOf } from '../console/layout.js';
import { renderLogin } from '../console/login-view.js';
import { renderQueue } from '../console/queue-view.js';
import { enforceRateLimit } from '../rate-limit.js';
import { viewFlag } from '../review/flag-detail.js';
import { listQueue } from '../review/flag-queue.js';
import { claim, decide, release } from '../review/flag-service.js';
import { defineRoute, parseIn, PUBLIC, roles, SIGNED_IN, type RouteSpec } from '../route-spec.js';
import { consoleLang, humanText, idParams } from '../schemas/common.js';
import { decisionBody, flagListQuery, toFilters } from './flags.js';
import { checkFormText, pageContext, pageQuery, refusalIn, type PageContext } from './console-forms.js';
import { checkHealth } from './health.js';
import { LOGIN_RATE_LIMIT } from './session.js';

// The review console's own pages: sign-in, the flag queue, and a flag's page with its claim,
// reveal and decision forms. Groups, reports, rules, members, sources, organizations and the
// audit log have their pages in the console-*.ts files beside this one.

const reviewers = roles(...REVIEW_ROLES);
const CATEGORIES = [
  'client_identification', 'personal_info', 'defamation', 'discrimination', 'cyberbullying', 'threat',
  'spam', 'safeguarding', 'logo_misuse', 'missing_unofficial_label', 'missing_official_links', 'unregistered_group',
] as const;

const lang = consoleLang;
const queueQuery = flagListQuery.extend({ lang, org: z.string().max(100).optional(), item: z.string().max(20).optional(), category: z.string().max(100).optional(), severity: z.string().max(20).optional() });
const loginForm = z.strictObject({ email: z.string().max(320), password: z.string().max(256), next: z.string().max(2048).optional() });
/** The decision form as posted: only sizes are checked here, so a refused decision comes back on the flag's page with what was typed. */
const decisionForm = z.strictObject({
  kind: z.string().max(40).optional(),
  rationale: z.string().max(20_000).optional(),
  version: z.string().max(20),
  consentSought: z.literal('true').optional(),
  outcome: z.string().max(2000).optional(),
  then: z.enum(['stay', 'next']).optional(),
});
/** What a decision needs, checked in the visitor's language. */
const decisionFields = z.strictObject({
  kind: decisionBody.shape.kind,
  rationale: humanText(10, 5000),
  version: z.coerce.number().int().min(0),
});

/** Only same-site paths: an open redirect after login would hand the session to a phishing page. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** A flag's page; with an error, the notice on top (409 for a conflict, 400 for a refused form, whose draft is shown again). */
async function showFlag(
  { req, res, deps, principal }: PageContext, id: string,
  options: { error?: string; status?: 400 | 409; draft?: DecisionDraft; revealReason?: string; reveal?: { reason: string } } = {},
) {
  const { error, draft, revealReason, reveal } = options;
  const flag = await viewFlag(deps, principal, id, { ip: req.ip }, reveal);
  res.status(error ? (options.status ?? 409) : 200).type('html').send(
    renderFlag({ locale: localeOf(req), user: signedInViewOf(principal), flag, ...(error ? { error } : {}), ...(draft ? { draft } : {}), ...(revealReason !== undefined ? { revealReason } : {}) }),
  );
}

/** Claims or releases a flag from its page: back to the page, or the page with a conflict notice (409). */
async function changeClaim(page: PageContext, id: string, change: typeof claim) {
  const { req, res, deps, principal } = page;
  try {
    await change(deps, principal, id, { ip: req.ip });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await showFlag(page, id, { error: translate(localeOf(req), 'error.conflict') });
    return;
  }
  res.redirect(303, `/flags/${id}?lang=${localeOf(req)}`);
}

/** The page the flag forms are on (see RouteSpec.formPage), from a route's raw params. */
const flagPage = (params: Record<string, string>) => `/flags/${encodeURIComponent(params.id ?? '')}`;

export const consoleRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/console.css', tag: 'console', summary: 'Console style sheet', access: PUBLIC, page: true, responses: { 200: 'CSS' },
    async handle({ res }) {
      res.type('text/css').send(CONSOLE_CSS);
    },
  }),
  defineRoute({
    method: 'get', path: '/login', tag: 'console', summary: 'Sign-in page', access: PUBLIC, page: true,
    query: z.strictObject({ lang, next: z.string().max(2048).optional() }),
    responses: { 200: 'page' },
    async handle({ req, res, query }) {
      res.type('html').send(renderLogin({ locale: localeOf(req), next: safeNext(query.next) }));
    },
  }),
  defineRoute({
    method: 'post', path: '/login', tag: 'console', summary: 'Sign in from the console form', access: PUBLIC, page: true,
    query: pageQuery, body: loginForm, responses: { 303: 'signed in', 401: 'wrong credentials', 429: 'too many attempts' },
    async handle({ req, res, deps, body }) {
      const locale = localeOf(req);
      const next = safeNext(body.next);
      try {
        await enforceRateLimit(deps.redis, deps.config.jobs.queuePrefix, LOGIN_RATE_LIMIT, req);
        await login(deps, res, { email: body.email.trim().toLowerCase(), password: body.password }, req.ip);
        res.redirect(303, `${next}${next.includes('?') ? '&' : '?'}lang=${locale}`);
      } catch (error) {
        if (!(error instanceof NotAuthenticatedError) && !(error instanceof RateLimitedError)) throw error;
        const tooMany = error instanceof RateLimitedError;
        if (tooMany) res.set('Retry-After', String(error.retryAfterSeconds));
        res.status(tooMany ? 429 : 401).type('html').send(renderLogin({ locale, next, email: body.email, error: tooMany ? 'tooMany' : 'failed' }));
      }
    },
  }),
  defineRoute({
    method: 'post', path: '/logout', tag: 'console', summary: 'Sign out from the console', access: SIGNED_IN, page: true, responses: { 303: 'signed out' },
    async handle({ req, res, deps, principal }) {
      await logout(deps, res, principal!, req.ip);
      res.redirect(303, `/login?lang=${localeOf(req)}`);
    },
  }),
  defineRoute({
    method: 'get', path: '/', tag: 'console', summary: 'The flag queue', access: reviewers, page: true, query: queueQuery, responses: { 200: 'page' },
    async handle({ req, res, deps, principal, query }) {
      const scope = flagScopeFor(principal!);
      const known = <T extends string>(value: string | undefined, allowed: readonly T[]) => (value && allowed.includes(value as T) ? (value as T) : undefined);
      const organizations = (await listOrganizations(deps.store.models)).filter((org) => scope.orgs.includes(org.slug));
      // `lang` here is the console's language, not a filter on the flags' language.
      const { lang: _consoleLanguage, ...listQuery } = query;
      const filters = {
        ...listQuery,
        org: known(query.org, organizations.map((org) => org.slug)),
        item: known(query.item, ['post', 'report', 'group'] as const),
        category: known(query.category, CATEGORIES),
        severity: known(query.severity, ['low', 'medium', 'high', 'urgent'] as const),
      };
      const [page, health] = await Promise.all([
        listQueue(deps, principal!, toFilters(filters), { page: query.page, pageSize: query.pageSize }),
        checkHealth(deps),
      ]);
      const queryBase = new URLSearchParams(
        Object.entries({ org: filters.org, item: filters.item, category: filters.category, severity: filters.severity }).filter(([, v]) => v) as [string, string][],
      ).toString();
      res.type('html').send(
        renderQueue({
          locale: localeOf(req), user: signedInViewOf(principal!), view: query.view, counts: page.counts, items: page.items, page: page.page,
          hasNext: page.page * page.pageSize < page.total,
          filters: { ...(filters.org ? { org: filters.org } : {}), ...(filters.item ? { item: filters.item } : {}), ...(filters.category ? { category: filters.category } : {}), ...(filters.severity ? { severity: filters.severity } : {}) },
          organizations: organizations.map((org) => ({ slug: org.slug, name: org.name })), categories: CATEGORIES, queryBase, health,
        }),
      );
    },
  }),
  defineRoute({
    method: 'get', path: '/flags/:id', tag: 'console', summary: "A flag's page", access: reviewers, page: true, params: idParams, query: pageQuery,
    responses: { 200: 'page', 404: 'not found' },
    async handle(input) {
      await showFlag(pageContext(input), input.params.id);
    },
  }),
  defineRoute({
    method: 'post', path: '/flags/:id/reveal', tag: 'console', summary: 'Show a masked identity (reason audited)', access: reviewers, page: true,
    params: idParams, query: pageQuery, body: z.strictObject({ reason: z.string().max(20_000).optional() }), responses: { 200: 'page', 400: 'reason refused' },
    formPage: flagPage,
    async handle(input) {
      const { req, params, body } = input;
      const locale = localeOf(req);
      const reason = checkFormText(body.reason, { field: 'reason', max: 1000, locale });
      if ('issues' in reason) {
        await showFlag(pageContext(input), params.id, { error: refusalIn(locale, reason.issues), status: 400, revealReason: body.reason ?? '' });
        return;
      }
      await showFlag(pageContext(input), params.id, { reveal: { reason: reason.data } });
    },
  }),
  defineRoute({
    method: 'post', path: '/flags/:id/claim', tag: 'console', summary: 'Claim from the console', access: reviewers, page: true,
    params: idParams, query: pageQuery, responses: { 303: 'claimed', 409: 'conflict' }, formPage: flagPage,
    async handle(input) {
      await changeClaim(pageContext(input), input.params.id, claim);
    },
  }),
  defineRoute({
    method: 'post', path: '/flags/:id/release', tag: 'console', summary: 'Release a claim from the console', access: reviewers, page: true,
    params: idParams, query: pageQuery, responses: { 303: 'released', 409: 'conflict' }, formPage: flagPage,
    async handle(input) {
      await changeClaim(pageContext(input), input.params.id, release);
    },
  }),
  defineRoute({
    method: 'post', path: '/flags/:id/decision', tag: 'console', summary: 'Decide from the console; "submit and next" opens the next open flag',
    access: reviewers, page: true, params: idParams, query: pageQuery, body: decisionForm, responses: { 303: 'decided', 400: 'refused', 409: 'conflict' },
    formPage: flagPage,
    async handle(input) {
      const page = pageContext(input);
      const { req, res, deps, principal } = page;
      const { params, body } = input;
      const locale = localeOf(req);
      const draft: DecisionDraft = { kind: body.kind, rationale: body.rationale, outcome: body.outcome, consentSought: body.consentSought === 'true' };
      const refuse = (issues: readonly string[]) => showFlag(page, params.id, { error: refusalIn(locale, issues), status: 400, draft });
      const parsed = parseIn(decisionFields, { kind: body.kind, rationale: body.rationale, version: body.version }, { where: 'form', locale });
      if ('issues' in parsed) return void (await refuse(parsed.issues));
      try {
        await decide(deps, principal, params.id, {
          ...parsed.data,
          ...(body.consentSought ? { consentSought: true } : {}),
          ...(body.outcome?.trim() ? { outcome: body.outcome.trim() } : {}),
        }, { ip: req.ip });
      } catch (error) {
        if (error instanceof ConflictError) {
          await showFlag(page, params.id, { error: translate(locale, 'error.conflict') });
          return;
        }
        if (error instanceof InvalidInputError) return void (await refuse(error.issuesIn(locale)));
        throw error;
      }
      if (body.then === 'next') {
        const next = await listQueue(deps, principal, { view: 'open' }, { page: 1, pageSize: 1 });
        const nextId = next.items[0]?.id;
        res.redirect(303, nextId ? `/flags/${nextId}?lang=${locale}` : `/?lang=${locale}`);
        return;
      }
      res.redirect(303, `/flags/${params.id}?lang=${locale}`);
    },
  }),
];
