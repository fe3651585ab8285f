import { z } from 'zod/v4';
import { replaceOfficialAccounts, replaceSafeguardingContacts } from '../review/organization-service.js';
import { defineRoute, roles, type RouteSpec } from '../route-spec.js';
import { emailAddress, humanText, orgSlug, phoneNumber } from '../schemas/common.js';
import { GROUP_PLATFORMS } from './groups.js';

const orgParams = z.strictObject({ org: orgSlug });

/** One authority to contact in a safeguarding case (a child or a person at risk); the console's form checks each row with it. */
export const safeguardingContact = z.strictObject({
  name: humanText(2, 200),
  phone: phoneNumber.optional(),
  email: emailAddress.optional(),
  url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  notes: humanText(1, 1000).optional(),
});

/** One official account, beside the rule pack's. */
export const officialAccount = z.strictObject({ platform: z.enum(GROUP_PLATFORMS), url: z.url({ protocol: /^https?$/ }).max(2048) });

/** The most of each an organization keeps. */
export const MAX_SAFEGUARDING_CONTACTS = 20;
export const MAX_OFFICIAL_ACCOUNTS = 20;

/** Settings administrators keep per organization beside its rule pack. */
export const organizationRoutes: RouteSpec[] = [
  defineRoute({
    method: 'put',
    path: '/api/organizations/:org/safeguarding-contacts',
    tag: 'safeguarding',
    summary: 'Replaces the authorities to contact in a safeguarding case, a child or a person at risk (administrators); shown on safeguarding flags',
    access: roles('admin'),
    params: orgParams,
    body: z.strictObject({ contacts: z.array(safeguardingContact).max(MAX_SAFEGUARDING_CONTACTS) }),
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
    body: z.strictObject({ accounts: z.array(officialAccount).max(MAX_OFFICIAL_ACCOUNTS) }),
    responses: { 200: 'replaced', 400: 'invalid accounts', 404: 'not an administrator of this organization' },
    async handle({ req, res, deps, principal, params, body }) {
      res.json(await replaceOfficialAccounts(deps, principal!, params.org, body.accounts, { ip: req.ip }));
    },
  }),
];
