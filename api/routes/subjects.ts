import { z } from 'zod/v4';
import { REVIEW_ROLES } from '../auth/access.js';
import { eraseMember, exportMemberData } from '../review/member-data-service.js';
import { acknowledgeRules, liftBlacklist, viewSubject } from '../review/subject-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { humanText, orgSlug } from '../schemas/common.js';

export const subjectParams = z.strictObject({
  org: orgSlug,
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
  defineRoute({
    method: 'get',
    path: '/api/subjects/:org/:memberKey/export',
    tag: 'sanctions',
    summary: "Everything stored about a member (posts, reports about them, flags, sanctions) for an access request; administrators only, audited",
    access: roles('admin'),
    params: subjectParams,
    responses: { 200: 'the member’s data', 404: 'nothing stored about this member in your organizations' },
    async handle({ req, res, deps, principal, params }) {
      res.json(await exportMemberData(deps, principal!, params.org, params.memberKey, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/subjects/:org/:memberKey/erase',
    tag: 'sanctions',
    summary: "Erases a member's data (rationale required, audited); refused while a case about them is open or held",
    access: roles('admin'),
    params: subjectParams,
    body: rationaleBody,
    responses: { 200: 'what was erased', 400: 'rationale missing', 404: 'nothing stored about this member in your organizations', 409: 'a case is open or under legal hold' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await eraseMember(deps, principal!, params.org, params.memberKey, body.rationale, { ip: req.ip }));
    },
  }),
];
