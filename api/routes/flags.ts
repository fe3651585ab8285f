import { z } from 'zod/v4';
import { DECISION_KINDS, FLAG_STATUSES, SEVERITIES } from '../../db/models/flags.js';
import { REVIEW_ROLES, SAFEGUARDING_ROLES } from '../auth/access.js';
import { captureScreenshot, viewFlag } from '../review/flag-detail.js';
import { listQueueJson } from '../review/flag-queue.js';
import { changeLegalHold, claim, decide, release } from '../review/flag-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { humanText, idParams } from '../schemas/common.js';

const reviewers = roles(...REVIEW_ROLES);
const filterValue = z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only');

export const flagListQuery = z.strictObject({
  view: z.enum(FLAG_STATUSES).default('open'),
  org: filterValue.optional(),
  item: z.enum(['post', 'report', 'group']).optional(),
  category: filterValue.optional(),
  severity: z.enum(SEVERITIES).optional(),
  source: filterValue.optional(),
  lang: filterValue.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const legalHoldBody = z.strictObject({
  hold: z.boolean(),
  reason: humanText(10, 2000),
});

export const decisionBody = z.strictObject({
  kind: z.enum(DECISION_KINDS),
  rationale: humanText(10, 5000),
  version: z.number().int().min(0),
  consentSought: z.boolean().optional(),
  outcome: humanText(3, 2000).optional(),
});

export const revealBody = z.strictObject({ reason: humanText(10, 1000) });

export type FlagListQuery = z.infer<typeof flagListQuery>;

/** Query parameters to repository filters. */
export function toFilters(query: FlagListQuery) {
  return {
    view: query.view,
    ...(query.org ? { org: query.org } : {}),
    ...(query.item ? { itemType: query.item } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.source ? { sourceId: query.source } : {}),
    ...(query.lang ? { lang: query.lang } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
  };
}

export const flagRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/api/captures/:id/screenshot',
    tag: 'flags',
    summary: "A capture's screenshot (PNG), re-hashed before it is served; the view is audited",
    access: reviewers,
    params: idParams,
    responses: { 200: 'the PNG', 404: 'no screenshot in your organizations, or the file changed' },
    async handle({ req, res, deps, principal, params }) {
      res.type('image/png').send(await captureScreenshot(deps, principal!, params.id, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/flags',
    tag: 'flags',
    summary: 'One page of a queue view (open, claimed, escalated, resolved), by severity then age, with counts per view',
    access: reviewers,
    query: flagListQuery,
    responses: { 200: 'a page of flags', 400: 'invalid filter', 401: 'not signed in', 403: 'not a reviewer' },
    async handle({ res, deps, principal, query }) {
      res.set('Content-Type', 'application/json; charset=utf-8').send(await listQueueJson(deps, principal!, toFilters(query), { page: query.page, pageSize: query.pageSize }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/flags/:id',
    tag: 'flags',
    summary: "A flag's detail with its findings, evidence spans and captures; the view is audited",
    access: reviewers,
    params: idParams,
    responses: { 200: 'the flag', 404: 'no such flag in your organizations' },
    async handle({ req, res, deps, principal, params }) {
      res.json(await viewFlag(deps, principal!, params.id, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/flags/:id/reveal',
    tag: 'flags',
    summary: 'The detail with masked identities shown; needs a reason, which is audited',
    access: reviewers,
    params: idParams,
    body: revealBody,
    responses: { 200: 'the unmasked flag', 400: 'reason missing', 404: 'no such flag in your organizations' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await viewFlag(deps, principal!, params.id, { ip: req.ip }, { reason: body.reason }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/flags/:id/claim',
    tag: 'flags',
    summary: 'Takes the exclusive claim on a flag for the configured time (renews your own claim)',
    access: reviewers,
    params: idParams,
    responses: { 200: 'claimed', 404: 'no such flag in your organizations', 409: 'claimed by someone else or resolved' },
    async handle({ req, res, deps, principal, params }) {
      res.json(await claim(deps, principal!, params.id, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/flags/:id/release',
    tag: 'flags',
    summary: 'Gives your claim back',
    access: reviewers,
    params: idParams,
    responses: { 200: 'released', 404: 'no such flag in your organizations', 409: 'not claimed by you' },
    async handle({ req, res, deps, principal, params }) {
      res.json(await release(deps, principal!, params.id, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/flags/:id/decision',
    tag: 'flags',
    summary: 'Decides a flag (rationale required); of two concurrent decisions one wins and the other gets 409',
    access: reviewers,
    params: idParams,
    body: decisionBody,
    responses: { 200: 'decided', 400: 'invalid decision', 404: 'no such flag in your organizations', 409: 'changed, claimed by someone else or resolved' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await decide(deps, principal!, params.id, body, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/flags/:id/legal-hold',
    tag: 'flags',
    summary: 'Places or lifts a legal hold (reason required, audited): a held flag, its item and its evidence outlive the retention period',
    access: roles(...SAFEGUARDING_ROLES),
    params: idParams,
    body: legalHoldBody,
    responses: { 200: 'hold placed or lifted', 400: 'reason missing', 404: 'no such flag in your organizations, or not an administrator or safeguarding officer of it' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await changeLegalHold(deps, principal!, params.id, body, { ip: req.ip }));
    },
  }),
];
