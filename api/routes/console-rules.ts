import { z } from 'zod/v4';
import { rulePrecision } from '../../db/flag-review-repository.js';
import { ConflictError, InvalidInputError } from '../../lib/errors.js';
import { localeOf } from '../console/i18n.js';
import { signedInViewOf } from '../console/layout.js';
import { renderRules, type RulesPageView } from '../console/rules-view.js';
import { activateRuleVersion, assertAdminOf, backtestRuleVersion, rulesOverview, uploadRuleVersion } from '../review/rules-service.js';
import { defineRoute, roles, type HandlerInput, type RouteSpec } from '../route-spec.js';
import { orgSlug, ruleSetVersion } from '../schemas/common.js';
import { checkFormText, pageContext, pageQuery, rationaleForm, refusalIn, type PageContext } from './console-forms.js';

// The rule pack page (administrators): versions, upload with line-numbered errors, backtest,
// activation.

/** The page the rule forms are on (see RouteSpec.formPage), from a route's raw params. */
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

/** The page's context once the caller is known as an administrator of the pack's organization (audited otherwise). */
async function adminPageOf(input: HandlerInput<{ org: string }, unknown, unknown>): Promise<PageContext> {
  const page = pageContext(input);
  await assertAdminOf(page.deps, page.principal, input.params.org, { ip: page.req.ip });
  return page;
}

export const consoleRulesRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/rules/:org', tag: 'console', summary: 'Rule pack page: versions, upload, backtest, activation', access: roles('admin'), page: true,
    params: rulesOrgParams, query: pageQuery, responses: { 200: 'page', 404: 'not found' },
    async handle(input) {
      const page = await adminPageOf(input);
      await showRules(page, input.params.org);
    },
  }),
  defineRoute({
    method: 'post', path: '/rules/:org/versions', tag: 'console', summary: 'Upload a rule pack version from the console', access: roles('admin'), page: true,
    params: rulesOrgParams, query: pageQuery, body: z.strictObject({ pack: z.string().max(200_000), rationale: z.string().max(20_000) }), responses: { 201: 'saved', 400: 'invalid' },
    formPage: rulesPage,
    async handle(input) {
      const page = await adminPageOf(input);
      const { req, res, deps, principal } = page;
      const { params, body } = input;
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
      const page = await adminPageOf(input);
      const { params } = input;
      await showRules(page, params.org, { backtest: await backtestRuleVersion(page.deps, params.org, params.version) });
    },
  }),
  defineRoute({
    method: 'post', path: '/rules/:org/versions/:version/activate', tag: 'console', summary: 'Activate a version from the console', access: roles('admin'), page: true,
    params: rulesVersionParams, query: pageQuery, body: rationaleForm, responses: { 303: 'activated', 400: 'rationale refused' },
    formPage: rulesPage,
    async handle(input) {
      const page = await adminPageOf(input);
      const { req, res, deps, principal } = page;
      const { params, body } = input;
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
