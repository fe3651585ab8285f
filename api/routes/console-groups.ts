import { z } from 'zod/v4';
import { listOrganizations } from '../../db/organization-repository.js';
import { ConflictError, InvalidInputError } from '../../lib/errors.js';
import { renderGroupForm, renderGroupList, renderGroupStatus } from '../console/group-view.js';
import { localeOf, translate } from '../console/i18n.js';
import { signedInViewOf } from '../console/layout.js';
import { listGroupsFor, recheckGroup, registerGroup, viewGroup } from '../review/group-service.js';
import { defineRoute, parseIn, PUBLIC, SIGNED_IN, type RouteSpec } from '../route-spec.js';
import { consoleLang, idParams } from '../schemas/common.js';
import { pageQuery } from './console-forms.js';
import { GROUP_PLATFORMS, GROUP_REGISTRATION_RATE_LIMIT, registrationBody } from './groups.js';

// Console pages for unofficial groups: the public registration form, a group's check for its
// creator (link token) or staff, and the list of groups.

/** The registration form as posted: sizes only, so a refused form comes back with what was typed. */
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

export const consoleGroupRoutes: RouteSpec[] = [
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
    params: idParams, query: z.strictObject({ lang: consoleLang, token: z.string().max(100).optional() }), responses: { 200: 'page', 404: 'not found' },
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
];
