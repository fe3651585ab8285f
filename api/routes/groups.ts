import { z } from 'zod/v4';
import { listGroupsFor, recheckGroup, recordLogoConsent, registerGroup, viewGroup } from '../review/group-service.js';
import { defineRoute, PUBLIC, roles, SIGNED_IN, type RouteSpec } from '../route-spec.js';
import { emailAddress, humanText, idParams, orgSlug } from '../schemas/common.js';

export const GROUP_REGISTRATION_RATE_LIMIT = { name: 'group-registration', limit: 10, windowSeconds: 3600 };
export const GROUP_PLATFORMS = ['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok', 'reddit', 'discord', 'bluesky', 'forum', 'other'] as const;

export const registrationBody = z.strictObject({
  org: orgSlug,
  platform: z.enum(GROUP_PLATFORMS),
  url: z.string().trim().min(8).max(2048),
  name: humanText(2, 300),
  description: humanText(0, 20_000).default(''),
  creatorEmail: emailAddress,
  accessConsent: z.boolean(),
});

const tokenQuery = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/).optional() });

/** The creator's link token comes as `x-group-token` (API) or `?token=` (the e-mailed link). */
function tokenOf(header: string | undefined, query: { token?: string }): string | undefined {
  return header ?? query.token;
}

export const groupRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/groups',
    tag: 'groups',
    summary: "Groups you may see: your organizations' (staff) or the ones you registered (group_creator accounts)",
    access: SIGNED_IN,
    responses: { 200: 'groups', 401: 'not signed in' },
    async handle({ res, deps, principal }) {
      res.json({ groups: await listGroupsFor(deps, principal!) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/groups',
    tag: 'groups',
    summary: 'Registers an unofficial group and checks it at once; answers with what to fix and the creator link token',
    access: PUBLIC,
    rateLimit: GROUP_REGISTRATION_RATE_LIMIT,
    body: registrationBody,
    responses: { 201: 'registered and checked', 400: 'invalid registration', 409: 'already registered', 429: 'too many registrations' },
    async handle({ req, res, deps, principal, body }) {
      res.status(201).json(await registerGroup(deps, body, principal, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/groups/:id',
    tag: 'groups',
    summary: "A group's status and findings: for its creator (link token) and the organization's staff",
    access: PUBLIC,
    params: idParams,
    query: tokenQuery,
    responses: { 200: 'status', 404: 'no such group for you' },
    async handle({ req, res, deps, principal, params, query }) {
      res.json(await viewGroup(deps, params.id, { token: tokenOf(req.get('x-group-token'), query), principal }, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/groups/:id/recheck',
    tag: 'groups',
    summary: 'Reads the page again and re-runs the checks (after the creator fixed it)',
    access: PUBLIC,
    rateLimit: { name: 'group-recheck', limit: 30, windowSeconds: 3600 },
    params: idParams,
    query: tokenQuery,
    responses: { 200: 'checked', 404: 'no such group for you' },
    async handle({ req, res, deps, principal, params, query }) {
      res.json(await recheckGroup(deps, params.id, { token: tokenOf(req.get('x-group-token'), query), principal }, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/groups/:id/logo-consent',
    tag: 'groups',
    summary: 'Records a written consent to use the logo (administrators), then re-checks the group',
    access: roles('admin'),
    params: idParams,
    body: z.strictObject({ grantedAt: z.iso.date(), scope: humanText(3, 500) }),
    responses: { 200: 'recorded', 404: 'no such group in your organizations' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await recordLogoConsent(deps, principal!, params.id, { grantedAt: new Date(body.grantedAt), scope: body.scope }, { ip: req.ip }));
    },
  }),
];
