import { ConflictError } from '../../lib/errors.js';
import { REVIEW_ROLES } from '../auth/access.js';
import { hasRole } from '../auth/principal.js';
import { localeOf, translate } from '../console/i18n.js';
import { signedInViewOf } from '../console/layout.js';
import { memberPath, renderMember, type MemberForm, type MemberFormDraft } from '../console/member-view.js';
import { acknowledgeRules, liftBlacklist, viewSubject } from '../review/subject-service.js';
import { defineRoute, roles, type HandlerInput, type RouteSpec } from '../route-spec.js';
import { checkFormText, pageContext, pageQuery, rationaleForm, refusalIn, type PageContext } from './console-forms.js';
import { subjectParams } from './subjects.js';

const reviewers = roles(...REVIEW_ROLES);
/** The page the member forms are on (see RouteSpec.formPage). */
const memberPage = (params: Record<string, string>) => memberPath(params.org ?? '', params.memberKey ?? '');

/** A member's page; with an error, the notice on top (409 when the member changed meanwhile, 400 for a refused form, whose rationale is shown again). */
async function showMember(
  { req, res, deps, principal }: PageContext, params: { org: string; memberKey: string },
  options: { error?: string; status?: 400 | 409; draft?: MemberFormDraft } = {},
) {
  const { error, draft } = options;
  const subject = await viewSubject(deps, principal, params.org, params.memberKey, { ip: req.ip });
  res.status(error ? (options.status ?? 409) : 200).type('html').send(
    renderMember({ locale: localeOf(req), user: signedInViewOf(principal), subject, canLift: hasRole(principal, ['admin'], params.org), ...(error ? { error } : {}), ...(draft ? { draft } : {}) }),
  );
}

/** Ends a suspension or lifts a blacklist from the member page; a refused or outdated form comes back on it. */
async function submitStandingForm(input: HandlerInput<{ org: string; memberKey: string }, unknown, { rationale?: string | undefined }>, form: MemberForm) {
  const page = pageContext(input);
  const { req, res, deps, principal } = page;
  const { params, body } = input;
  const locale = localeOf(req);
  const draft: MemberFormDraft = { form, rationale: body.rationale ?? '' };
  const rationale = checkFormText(body.rationale, { field: 'rationale', max: 2000, locale });
  if ('issues' in rationale) return void (await showMember(page, params, { error: refusalIn(locale, rationale.issues), status: 400, draft }));
  try {
    const change = form === 'acknowledge' ? acknowledgeRules : liftBlacklist;
    await change(deps, principal, params.org, params.memberKey, rationale.data, { ip: req.ip });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return void (await showMember(page, params, { error: translate(locale, 'member.changed') }));
  }
  res.redirect(303, `${memberPath(params.org, params.memberKey)}?lang=${locale}`);
}

/** A member's sanctions page, and its forms: ending a suspension, lifting a blacklist. */
export const consoleMemberRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/members/:org/:memberKey', tag: 'console', summary: "A member's sanctions page", access: reviewers, page: true,
    params: subjectParams, query: pageQuery, responses: { 200: 'page', 404: 'not found' },
    async handle(input) {
      await showMember(pageContext(input), input.params);
    },
  }),
  defineRoute({
    method: 'post', path: '/members/:org/:memberKey/acknowledge', tag: 'console', summary: 'End a suspension from the console', access: reviewers, page: true,
    params: subjectParams, query: pageQuery, body: rationaleForm, responses: { 303: 'done', 400: 'rationale refused', 409: 'not suspended' },
    formPage: memberPage,
    async handle(input) {
      await submitStandingForm(input, 'acknowledge');
    },
  }),
  defineRoute({
    method: 'post', path: '/members/:org/:memberKey/lift', tag: 'console', summary: 'Lift a blacklist from the console', access: roles('admin'), page: true,
    params: subjectParams, query: pageQuery, body: rationaleForm, responses: { 303: 'done', 400: 'rationale refused', 409: 'not blacklisted' },
    formPage: memberPage,
    async handle(input) {
      await submitStandingForm(input, 'lift');
    },
  }),
];
