import { z } from 'zod/v4';
import { REVIEW_ROLES } from '../auth/access.js';
import { acknowledgeRules, liftBlacklist, viewSubject } from '../review/subject-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { humanText } from '../schemas/common.js';

export const subjectParams = z.strictObject({
  org: z.string().regex(/^[a-z0-9-]{2,40}$/, 'an organization slug'),
  memberKey: z.string().min(1).max(200),
});
const rationaleBody = z.strictObject({ rationale: humanText(10, 2000) });

export const subjectRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/subjects/:org/:memberKey',
    tag: 'sanctions',
    summary: "A member's sanctions (warnings, suspensions, blacklist) and the suggested next step; audited",
    access: roles(...REVIEW_ROLES),
    params: subjectParams,
    responses: { 200: 'the member', 404: 'no such member in your organizations' },
    async handle({ req, res, deps, principal, params }) {
      res.json(await viewSubject(deps, principal!, params.org, params.memberKey, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subjects/:org/:memberKey/acknowledge',
    tag: 'sanctions',
    summary: 'Records that a suspended member acknowledged the rules, which ends the suspension',
    access: roles(...REVIEW_ROLES),
    params: subjectParams,
    body: rationaleBody,
    responses: { 200: 'suspension ended', 404: 'no such member', 409: 'not suspended' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await acknowledgeRules(deps, principal!, params.org, params.memberKey, body.rationale, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subjects/:org/:memberKey/lift',
    tag: 'sanctions',
    summary: 'Lifts a blacklist (administrators, rationale required)',
    access: roles('admin'),
    params: subjectParams,
    body: rationaleBody,
    responses: { 200: 'lifted', 404: 'no such member', 409: 'not blacklisted' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await liftBlacklist(deps, principal!, params.org, params.memberKey, body.rationale, { ip: req.ip }));
    },
  }),
];
