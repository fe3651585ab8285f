import { z } from 'zod/v4';
import type { SafeguardingContact } from '../../db/organization-repository.js';
import { localeOf, translate, type Locale } from '../console/i18n.js';
import { signedInViewOf } from '../console/layout.js';
import {
  ACCOUNT_FIELDS, CONTACT_FIELDS, FORM_PATHS, organizationPath, renderOrganization, type FormRow, type OrganizationForm, type OrganizationPageView,
} from '../console/organization-view.js';
import { replaceOfficialAccounts, replaceSafeguardingContacts, viewOrganizationSettings } from '../review/organization-service.js';
import { defineRoute, parseIn, roles, type RouteSpec } from '../route-spec.js';
import { consoleLang, orgSlug } from '../schemas/common.js';
import { pageContext, type PageContext } from './console-forms.js';
import { GROUP_PLATFORMS } from './groups.js';
import { MAX_OFFICIAL_ACCOUNTS, MAX_SAFEGUARDING_CONTACTS, officialAccount, safeguardingContact } from './organizations.js';

const orgParams = z.strictObject({ org: orgSlug });
const lang = consoleLang;
const LIST_NAMES: Record<OrganizationForm, string> = { contacts: 'child-safety contacts', accounts: 'official accounts' };
const MAX_ROWS: Record<OrganizationForm, number> = { contacts: MAX_SAFEGUARDING_CONTACTS, accounts: MAX_OFFICIAL_ACCOUNTS };

/**
 * A list form as posted: `<field>-<row>` keys, rows 1 to 20; only names and sizes are checked
 * here (an unknown key is named), each row is checked on its own after.
 */
const rowsForm = z.strictObject(
  Object.fromEntries(
    [...CONTACT_FIELDS, ...ACCOUNT_FIELDS].flatMap((field) =>
      Array.from({ length: Math.max(...Object.values(MAX_ROWS)) }, (_, index) => [`${field}-${index + 1}`, z.string().max(5000).optional()]),
    ),
  ),
);

/** The posted rows in order, as typed, without the empty rows at the end. */
function rowsAsTyped(posted: Partial<Record<string, string>>, form: OrganizationForm): FormRow[] {
  const fields = form === 'contacts' ? CONTACT_FIELDS : ACCOUNT_FIELDS;
  const rows = Array.from({ length: MAX_ROWS[form] }, (_, index) =>
    Object.fromEntries(fields.map((field) => [field, posted[`${field}-${index + 1}`] ?? ''])) as FormRow,
  );
  while (rows.length > 0 && isEmpty(rows[rows.length - 1]!, form)) rows.pop();
  return rows;
}

/** A platform is always chosen in its select: an account row is empty without its address. */
function isEmpty(row: FormRow, form: OrganizationForm): boolean {
  const filled = (field: string) => (row[field] ?? '').trim() !== '';
  return form === 'accounts' ? !filled('url') : CONTACT_FIELDS.every((field) => !filled(field));
}

/** Each filled row checked in the visitor's language, blank fields left out; problems name the row (form.contact2.phone). */
function checkRows<T>(rows: FormRow[], form: OrganizationForm, schema: z.ZodType<T>, locale: Locale): { data: T[] } | { issues: string[] } {
  const rowName = form === 'contacts' ? 'contact' : 'account';
  const data: T[] = [];
  const issues: string[] = [];
  rows.forEach((row, index) => {
    if (isEmpty(row, form)) return;
    const values = Object.fromEntries(Object.entries(row).map(([field, value]) => [field, value?.trim()]).filter(([, value]) => value));
    const parsed = parseIn(schema, values, { where: `form.${rowName}${index + 1}`, locale });
    if ('issues' in parsed) issues.push(...parsed.issues);
    else data.push(parsed.data);
  });
  return issues.length > 0 ? { issues } : { data };
}

async function showOrganization(
  { req, res, deps, principal }: PageContext, org: string,
  extra: Pick<OrganizationPageView, 'saved' | 'refused'> = {},
): Promise<void> {
  const settings = await viewOrganizationSettings(deps, principal, org, { ip: req.ip });
  res.type('html').send(renderOrganization({ locale: localeOf(req), user: signedInViewOf(principal), settings, platforms: GROUP_PLATFORMS, maxRows: MAX_ROWS, ...extra }));
}

/** Replaces one list from its form; a refused form comes back with its problems and its rows as typed, and nothing is stored. */
async function saveList(page: PageContext, org: string, { form, posted }: { form: OrganizationForm; posted: Partial<Record<string, string>> }) {
  const { req, res, deps, principal } = page;
  const locale = localeOf(req);
  const rows = rowsAsTyped(posted, form);
  const origin = { ip: req.ip };
  const refuse = (issues: string[]) => {
    res.status(400);
    return showOrganization(page, org, { refused: { form, errors: issues.map((issue) => `${translate(locale, 'error.invalid')} ${issue}`), rows } });
  };
  if (form === 'contacts') {
    const checked = checkRows(rows, form, safeguardingContact, locale);
    if ('issues' in checked) return void (await refuse(checked.issues));
    await replaceSafeguardingContacts(deps, principal, org, checked.data as SafeguardingContact[], origin);
  } else {
    const checked = checkRows(rows, form, officialAccount, locale);
    if ('issues' in checked) return void (await refuse(checked.issues));
    await replaceOfficialAccounts(deps, principal, org, checked.data, origin);
  }
  res.redirect(303, `${organizationPath(org)}?lang=${locale}&saved=${form}#${form}`);
}

/** The organization's settings page (administrators): child-safety contacts and official accounts. */
export const consoleOrganizationRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/organizations/:org', tag: 'console', summary: "An organization's settings: child-safety contacts and official accounts (administrators)",
    access: roles('admin'), page: true, params: orgParams, query: z.strictObject({ lang, saved: z.enum(['contacts', 'accounts']).optional() }),
    responses: { 200: 'page', 404: 'not an administrator of this organization' },
    async handle(input) {
      const { params, query } = input;
      await showOrganization(pageContext(input), params.org, query.saved ? { saved: query.saved } : {});
    },
  }),
  ...(['contacts', 'accounts'] as const).map((form) =>
    defineRoute({
      method: 'post', path: `/organizations/:org/${FORM_PATHS[form]}`, tag: 'console', summary: `Replace the ${LIST_NAMES[form]} from the console (administrators)`,
      access: roles('admin'), page: true, params: orgParams, query: z.strictObject({ lang }), body: rowsForm,
      responses: { 303: 'saved', 400: 'a row refused', 404: 'not an administrator of this organization' },
      formPage: (params) => organizationPath(params.org ?? ''),
      async handle(input) {
        await saveList(pageContext(input), input.params.org, { form, posted: input.body });
      },
    }),
  ),
];
