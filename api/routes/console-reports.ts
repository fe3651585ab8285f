import { z } from 'zod/v4';
import { listOrganizations } from '../../db/organization-repository.js';
import { localeOf, translate } from '../console/i18n.js';
import { renderReportForm } from '../console/report-view.js';
import { submitReport } from '../review/report-service.js';
import { defineRoute, parseIn, PUBLIC, type RouteSpec } from '../route-spec.js';
import { pageQuery } from './console-forms.js';
import { REPORT_RATE_LIMIT, reportBody } from './reports.js';

// The public incident report form: anyone, signed in or not, anonymous allowed.

/** The HTML form's fields: all strings; empty ones mean "not given". */
const reportForm = z.strictObject({
  org: z.string().max(40),
  category: z.string().max(40).optional(),
  memberName: z.string().max(200).optional(),
  memberId: z.string().max(200).optional(),
  place: z.string().max(2048),
  occurredAt: z.string().max(40).optional(),
  witnesses: z.string().max(2000).optional(),
  description: z.string().max(20_000),
  impact: z.string().max(5000).optional(),
  links: z.string().max(20_000).optional(),
  reporterContact: z.string().max(320).optional(),
});

/** Form strings to the API's report body: blanks dropped, links split by line, local time read as Québec time. */
function reportFromForm(form: z.infer<typeof reportForm>): Record<string, unknown> {
  const entries = Object.entries(form).filter(([, value]) => typeof value === 'string' && value.trim() !== '');
  const body: Record<string, unknown> = Object.fromEntries(entries.map(([key, value]) => [key, (value as string).trim()]));
  if (typeof body.links === 'string') body.links = body.links.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (typeof body.occurredAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(body.occurredAt)) {
    body.occurredAt = `${body.occurredAt}:00${quebecOffset(body.occurredAt)}`;
  }
  return body;
}

/** UTC offset of Québec time (America/Toronto) around a local date-time, e.g. "-04:00" in summer. */
function quebecOffset(local: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Toronto', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${local}:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  return name?.replace('GMT', '') || '+00:00';
}

export const consoleReportRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: '/report', tag: 'console', summary: 'Public incident report form', access: PUBLIC, page: true, query: pageQuery,
    responses: { 200: 'page' },
    async handle({ req, res, deps }) {
      const organizations = (await listOrganizations(deps.store.models)).map((org) => ({ slug: org.slug, name: org.name }));
      res.type('html').send(renderReportForm({ locale: localeOf(req), organizations }));
    },
  }),
  defineRoute({
    method: 'post', path: '/report', tag: 'console', summary: 'Submit the public incident form', access: PUBLIC, page: true, query: pageQuery,
    rateLimit: REPORT_RATE_LIMIT, body: reportForm, responses: { 201: 'acknowledged', 400: 'invalid' }, formPage: () => '/report',
    async handle({ req, res, deps, body }) {
      const locale = localeOf(req);
      const organizations = (await listOrganizations(deps.store.models)).map((org) => ({ slug: org.slug, name: org.name }));
      const parsed = parseIn(reportBody, reportFromForm(body), { where: 'form', locale });
      if ('issues' in parsed) {
        res.status(400).type('html').send(renderReportForm({ locale, organizations, error: `${translate(locale, 'error.invalid')} ${parsed.issues.join('; ')}`, draft: body }));
        return;
      }
      const { reference } = await submitReport(deps, parsed.data, { ip: req.ip });
      res.status(201).type('html').send(renderReportForm({ locale, organizations, reference }));
    },
  }),
];
