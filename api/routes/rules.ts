import { z } from 'zod/v4';
import { rulePrecision } from '../../db/flag-review-repository.js';
import { orgsWithRole } from '../auth/principal.js';
import { activateRuleVersion, assertAdminOf, backtestRuleVersion, rulesOverview, uploadRuleVersion } from '../review/rules-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { humanText, orgSlug, ruleSetVersion } from '../schemas/common.js';

const admins = roles('admin');
const orgParams = z.strictObject({ org: orgSlug });
const versionParams = orgParams.extend({ version: ruleSetVersion });
/** Packs are about 10 KB; the JSON body limit is 256 KB. */
const uploadBody = z.strictObject({ pack: z.string().min(1).max(200_000), rationale: humanText(10, 2000) });
const activateBody = z.strictObject({ rationale: humanText(10, 2000) });

export const rulesRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/rules/precision',
    tag: 'rules',
    summary: 'Per-rule precision from reviewer verdicts (confirmed vs dismissed)',
    access: admins,
    responses: { 200: 'precision per rule', 403: 'not an administrator' },
    async handle({ res, deps, principal }) {
      res.json({ rules: await rulePrecision(deps.store.models, orgsWithRole(principal!, ['admin'])) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/rules/:org',
    tag: 'rules',
    summary: "The organization's rule pack in force, its files, and every stored version",
    access: admins,
    params: orgParams,
    responses: { 200: 'the rules', 404: 'not an administrator of this organization' },
    async handle({ req, res, deps, principal, params }) {
      await assertAdminOf(deps, principal!, params.org, { ip: req.ip });
      res.json(await rulesOverview(deps, params.org));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/rules/:org/versions',
    tag: 'rules',
    summary: 'Uploads a new pack version: validated (file:line errors), inline examples run, stored inactive',
    access: admins,
    params: orgParams,
    body: uploadBody,
    responses: { 201: 'stored', 400: 'invalid pack or failing examples', 404: 'not an administrator of this organization', 409: 'same version already stored' },
    async handle({ req, res, deps, principal, params, body }) {
      await assertAdminOf(deps, principal!, params.org, { ip: req.ip });
      res.status(201).json(await uploadRuleVersion(deps, principal!, params.org, body, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/rules/:org/versions/:version/backtest',
    tag: 'rules',
    summary: 'Replays stored posts through the active and this version: new and lost flags, per-rule counts, samples, estimated precision',
    access: admins,
    params: versionParams,
    responses: { 200: 'backtest report', 404: 'no such version' },
    async handle({ req, res, deps, principal, params }) {
      await assertAdminOf(deps, principal!, params.org, { ip: req.ip });
      res.json(await backtestRuleVersion(deps, params.org, params.version));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/rules/:org/versions/:version/activate',
    tag: 'rules',
    summary: 'Activates a stored version (also to roll back); workers use it within seconds, without restart',
    access: admins,
    params: versionParams,
    body: activateBody,
    responses: { 200: 'activated', 400: 'rationale missing', 404: 'no such version' },
    async handle({ req, res, deps, principal, params, body }) {
      await assertAdminOf(deps, principal!, params.org, { ip: req.ip });
      res.json(await activateRuleVersion(deps, principal!, params.org, params.version, body.rationale, { ip: req.ip }));
    },
  }),
];
