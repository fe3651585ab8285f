import { z } from 'zod/v4';
import { replaceOfficialAccounts, replaceSafeguardingContacts } from '../review/organization-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { emailAddress, humanText, orgSlug } from '../schemas/common.js';
import { GROUP_PLATFORMS } from './groups.js';

const orgParams = z.strictObject({ org: orgSlug });

/** Settings administrators keep per organization beside its rule pack. */
export const organizationRoutes: RouteSpec[] = [
  defineRoute({
    method: 'put',
    path: '/api/organizations/:org/safeguarding-contacts',
    tag: 'safeguarding',
    summary: 'Replaces the authorities to contact in a child-safety case (administrators); shown on safeguarding flags',
    access: roles('admin'),
    params: orgParams,
    body: z.strictObject({
      contacts: z
        .array(
          z.strictObject({
            name: humanText(2, 200),
            phone: z.string().trim().regex(/^[0-9+() .-]{3,50}$/, 'a phone number').optional(),
            email: emailAddress.optional(),
            url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
            notes: humanText(1, 1000).optional(),
          }),
        )
        .max(20),
    }),
    responses: { 200: 'replaced', 400: 'invalid contacts', 404: 'not an administrator of this organization' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await replaceSafeguardingContacts(deps, principal!, params.org, body.contacts, { ip: req.ip }));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/organizations/:org/official-accounts',
    tag: 'groups',
    summary: "Replaces the official accounts kept beside the rule pack's (administrators); group checks accept links to them",
    access: roles('admin'),
    params: orgParams,
    body: z.strictObject({
      accounts: z.array(z.strictObject({ platform: z.enum(GROUP_PLATFORMS), url: z.url({ protocol: /^https?$/ }).max(2048) })).max(20),
    }),
    responses: { 200: 'replaced', 400: 'invalid accounts', 404: 'not an administrator of this organization' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await replaceOfficialAccounts(deps, principal!, params.org, body.accounts, { ip: req.ip }));
    },
  }),
];
