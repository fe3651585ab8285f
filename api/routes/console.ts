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
import { claim, decide, listQueue, release, viewFlag } from '../review/flag-service.js';
import { defineRoute, parseIn, PUBLIC, roles, SIGNED_IN, type RouteSpec } from '../route-spec.js';
import { renderReportForm } from '../console/report-view.js';
import { renderGroupForm, renderGroupList, renderGroupStatus } from '../console/group-view.js';
import { listGroupsFor, recheckGroup, registerGroup, viewGroup } from '../review/group-service.js';
import { GROUP_PLATFORMS, GROUP_REGISTRATION_RATE_LIMIT, registrationBody } from './groups.js';
import { rulePrecision } from '../../db/flag-review-repository.js';
import { renderRules, type RulesPageView } from '../console/rules-view.js';
import { activateRuleVersion, assertAdminOf, backtestRuleVersion, rulesOverview, uploadRuleVersion } from '../review/rules-service.js';
import { submitReport } from '../review/report-service.js';
import { REPORT_RATE_LIMIT, reportBody } from './reports.js';
import { consoleLang, humanText, idParams, orgSlug, ruleSetVersion } from '../schemas/common.js';
import { decisionBody, flagListQuery, toFilters } from './flags.js';
import { checkFormText, pageContext, pageQuery, rationaleForm, refusalIn, type PageContext } from './console-forms.js';
import { checkHealth } from './health.js';
import { LOGIN_RATE_LIMIT } from './session.js';

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

/** The HTML form's fields: all strings; empty ones mean "not given". */
const reportForm = z.strictObject({
  org: z.string().max(40),
  category: z.string().max(40).optional(),
  memberName: z.string().max(200).optional(),
  memberId: z.string().max(200).optional(),
  place: z.string().max(2048),
  occurredAt: z.string().max(40).optional(),
  witnesses: z.string().max(2000).optional(),
  description: z.string().max(20_000),
  impact: z.string().max(5000).optional(),
  links: z.string().max(20_000).optional(),
  reporterContact: z.string().max(320).optional(),
});

/** Form strings to the API's report body: blanks dropped, links split by line, local time read as Québec time. */
function reportFromForm(form: z.infer<typeof reportForm>): Record<string, unknown> {
  const entries = Object.entries(form).filter(([, value]) => typeof value === 'string' && value.trim() !== '');
  const body: Record<string, unknown> = Object.fromEntries(entries.map(([key, value]) => [key, (value as string).trim()]));
  if (typeof body.links === 'string') body.links = body.links.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (typeof body.occurredAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(body.occurredAt)) {
    body.occurredAt = `${body.occurredAt}:00${quebecOffset(body.occurredAt)}`;
  }
  return body;
}

/** UTC offset of Québec time (America/Toronto) around a local date-time, e.g. "-04:00" in summer. */
function quebecOffset(local: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Toronto', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${local}:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  return name?.replace('GMT', '') || '+00:00';
}

/** The pages console forms are on (see RouteSpec.formPage), from a route's raw params. */
const flagPage = (params: Record<string, string>) => `/flags/${encodeURIComponent(params.id ?? '')}`;
const rulesPage = (params: Record<string, string>) => `/rules/${encodeURIComponent(params.org ?? '')}`;

const rulesOrgParams = z.strictObject({ org: orgSlug });
const rulesVersionParams = rulesOrgParams.extend({ version: ruleSetVersion });

async function showRules(
  { req, res, deps, principal }: PageContext,
  org: string,
  extra: Pick<RulesPageView, 'errors' | 'draft' | 'draftRationale' | 'activationDraft' | 'saved' | 'backtest'> = {},
): Promise<void> {
  const [overview, precision] = await Promise.all([rulesOverview(deps, org), rulePrecision(deps.store.models, [org])]);
  res.type('html').send(renderRules({ locale: localeOf(req), user: signedInViewOf(principal), overview, precision, ...extra }));
}

const groupForm = z.strictObject({
  org: z.string().max(40),
  platform: z.string().max(40),
  url: z.string().max(2048),
  name: z.string().max(300),
  description: z.string().max(20_000).optional(),
  creatorEmail: z.string().max(320),
  accessConsent: z.literal('true').optional(),
});
const groupTokenForm = z.strictObject({ token: z.string().max(100).optional() });

export const consoleRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/groups', tag: 'console', summary: 'Unofficial groups of your organizations (staff) or yours (creators)', access: SIGNED_IN, page: true,
    query: pageQuery, responses: { 200: 'page' },
    async handle({ req, res, deps, principal }) {
      res.type('html').send(renderGroupList({ locale: localeOf(req), user: signedInViewOf(principal!), groups: await listGroupsFor(deps, principal!) }));
    },
  }),
  defineRoute({
    method: 'get', path: '/groups/register', tag: 'console', summary: 'Public registration form for unofficial groups', access: PUBLIC, page: true,
    query: pageQuery, responses: { 200: 'page' },
    async handle({ req, res, deps }) {
      const organizations = (await listOrganizations(deps.store.models)).map((org) => ({ slug: org.slug, name: org.name }));
      res.type('html').send(renderGroupForm({ locale: localeOf(req), organizations, platforms: GROUP_PLATFORMS }));
    },
  }),
  defineRoute({
    method: 'post', path: '/groups/register', tag: 'console', summary: 'Register a group from the console form', access: PUBLIC, page: true,
    query: pageQuery, rateLimit: GROUP_REGISTRATION_RATE_LIMIT, body: groupForm, responses: { 201: 'registered', 400: 'invalid' }, formPage: () => '/groups/register',
    async handle({ req, res, deps, principal, body }) {
      const locale = localeOf(req);
      const parsed = parseIn(registrationBody, { ...body, description: body.description ?? '', accessConsent: body.accessConsent === 'true' }, { where: 'form', locale });
      const organizations = (await listOrganizations(deps.store.models)).map((org) => ({ slug: org.slug, name: org.name }));
      const fail = (message: string) =>
        res.status(400).type('html').send(renderGroupForm({ locale, organizations, platforms: GROUP_PLATFORMS, error: `${translate(locale, 'error.invalid')} ${message}`, draft: body }));
      if ('issues' in parsed) return void fail(parsed.issues.join('; '));
      try {
        const registered = await registerGroup(deps, parsed.data, principal, { ip: req.ip });
        res.status(201).type('html').send(renderGroupStatus({ locale, group: registered, token: registered.token, link: registered.link }));
      } catch (error) {
        if (error instanceof InvalidInputError) return void fail(error.issuesIn(locale).join('; '));
        if (error instanceof ConflictError) return void fail(error.messageIn(locale));
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'get', path: '/groups/:id', tag: 'console', summary: "A group's check, for its creator (link token) or staff", access: PUBLIC, page: true,
    params: idParams, query: z.strictObject({ lang, token: z.string().max(100).optional() }), responses: { 200: 'page', 404: 'not found' },
    async handle({ req, res, deps, principal, params, query }) {
      const group = await viewGroup(deps, params.id, { ...(query.token ? { token: query.token } : {}), principal }, { ip: req.ip });
      res.type('html').send(renderGroupStatus({ locale: localeOf(req), group, ...(query.token ? { token: query.token } : {}), ...(principal?.csrfToken ? { csrfToken: principal.csrfToken } : {}) }));
    },
  }),
  defineRoute({
    method: 'post', path: '/groups/:id/recheck', tag: 'console', summary: 'Re-run a group check from the console', access: PUBLIC, page: true,
    params: idParams, query: pageQuery, body: groupTokenForm, rateLimit: { name: 'group-recheck', limit: 30, windowSeconds: 3600 }, responses: { 200: 'page' },
    formPage: (params) => `/groups/${encodeURIComponent(params.id ?? '')}`,
    async handle({ req, res, deps, principal, params, body }) {
      const group = await recheckGroup(deps, params.id, { ...(body.token ? { token: body.token } : {}), principal }, { ip: req.ip });
      res.type('html').send(renderGroupStatus({ locale: localeOf(req), group, ...(body.token ? { token: body.token } : {}), ...(principal?.csrfToken ? { csrfToken: principal.csrfToken } : {}) }));
    },
  }),
  defineRoute({
    method: 'get', path: '/report', tag: 'console', summary: 'Public incident report form', access: PUBLIC, page: true, query: pageQuery,
    responses: { 200: 'page' },
    async handle({ req, res, deps }) {
      const organizations = (await listOrganizations(deps.store.models)).map((org) => ({ slug: org.slug, name: org.name }));
      res.type('html').send(renderReportForm({ locale: localeOf(req), organizations }));
    },
  }),
  defineRoute({
    method: 'post', path: '/report', tag: 'console', summary: 'Submit the public incident form', access: PUBLIC, page: true, query: pageQuery,
    rateLimit: REPORT_RATE_LIMIT, body: reportForm, responses: { 201: 'acknowledged', 400: 'invalid' }, formPage: () => '/report',
    async handle({ req, res, deps, body }) {
      const locale = localeOf(req);
      const organizations = (await listOrganizations(deps.store.models)).map((org) => ({ slug: org.slug, name: org.name }));
      const parsed = parseIn(reportBody, reportFromForm(body), { where: 'form', locale });
      if ('issues' in parsed) {
        res.status(400).type('html').send(renderReportForm({ locale, organizations, error: `${translate(locale, 'error.invalid')} ${parsed.issues.join('; ')}`, draft: body }));
        return;
      }
      const { reference } = await submitReport(deps, parsed.data, { ip: req.ip });
      res.status(201).type('html').send(renderReportForm({ locale, organizations, reference }));
    },
  }),
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
  defineRoute({
    method: 'get', path: '/rules/:org', tag: 'console', summary: 'Rule pack page: versions, upload, backtest, activation', access: roles('admin'), page: true,
    params: rulesOrgParams, query: pageQuery, responses: { 200: 'page', 404: 'not found' },
    async handle(input) {
      const page = pageContext(input);
      await assertAdminOf(page.deps, page.principal, input.params.org, { ip: page.req.ip });
      await showRules(page, input.params.org);
    },
  }),
  defineRoute({
    method: 'post', path: '/rules/:org/versions', tag: 'console', summary: 'Upload a rule pack version from the console', access: roles('admin'), page: true,
    params: rulesOrgParams, query: pageQuery, body: z.strictObject({ pack: z.string().max(200_000), rationale: z.string().max(20_000) }), responses: { 201: 'saved', 400: 'invalid' },
    formPage: rulesPage,
    async handle(input) {
      const page = pageContext(input);
      const { req, res, deps, principal } = page;
      const { params, body } = input;
      await assertAdminOf(deps, principal, params.org, { ip: req.ip });
      try {
        const rationale = checkFormText(body.rationale, { field: 'rationale', max: 2000, locale: localeOf(req) });
        if ('issues' in rationale) throw new InvalidInputError('rationale', { issues: rationale.issues });
        const { version } = await uploadRuleVersion(deps, principal, params.org, { pack: body.pack, rationale: rationale.data }, { ip: req.ip });
        res.status(201);
        await showRules(page, params.org, { saved: version });
      } catch (error) {
        if (!(error instanceof InvalidInputError) && !(error instanceof ConflictError)) throw error;
        const errors = error instanceof InvalidInputError ? [...error.issuesIn(localeOf(req))] : [error.messageIn(localeOf(req))];
        res.status(400);
        await showRules(page, params.org, { errors, draft: body.pack, draftRationale: body.rationale });
      }
    },
  }),
  defineRoute({
    method: 'post', path: '/rules/:org/versions/:version/backtest', tag: 'console', summary: 'Backtest a version from the console', access: roles('admin'), page: true,
    params: rulesVersionParams, query: pageQuery, responses: { 200: 'page' }, formPage: rulesPage,
    async handle(input) {
      const page = pageContext(input);
      const { params } = input;
      await assertAdminOf(page.deps, page.principal, params.org, { ip: page.req.ip });
      await showRules(page, params.org, { backtest: await backtestRuleVersion(page.deps, params.org, params.version) });
    },
  }),
  defineRoute({
    method: 'post', path: '/rules/:org/versions/:version/activate', tag: 'console', summary: 'Activate a version from the console', access: roles('admin'), page: true,
    params: rulesVersionParams, query: pageQuery, body: rationaleForm, responses: { 303: 'activated', 400: 'rationale refused' },
    formPage: rulesPage,
    async handle(input) {
      const page = pageContext(input);
      const { req, res, deps, principal } = page;
      const { params, body } = input;
      await assertAdminOf(deps, principal, params.org, { ip: req.ip });
      const locale = localeOf(req);
      const rationale = checkFormText(body.rationale, { field: 'rationale', max: 2000, locale });
      if ('issues' in rationale) {
        const activationDraft = { version: params.version, rationale: body.rationale ?? '' };
        res.status(400);
        await showRules(page, params.org, { errors: [refusalIn(locale, rationale.issues)], activationDraft });
        return;
      }
      await activateRuleVersion(deps, principal, params.org, params.version, rationale.data, { ip: req.ip });
      res.redirect(303, `/rules/${params.org}?lang=${locale}`);
    },
  }),
];
