import { z } from 'zod/v4';
import { REPORT_CATEGORIES, submitReport } from '../review/report-service.js';
import { defineRoute, PUBLIC, type RouteSpec } from '../route-spec.js';
import { humanText, orgSlug } from '../schemas/common.js';

export const REPORT_RATE_LIMIT = { name: 'report', limit: 10, windowSeconds: 3600 };

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const reportBody = z.strictObject({
  org: orgSlug,
  category: z.enum(REPORT_CATEGORIES).optional(),
  memberName: humanText(1, 200).optional(),
  memberId: humanText(1, 200).optional(),
  place: humanText(2, 2048),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  witnesses: humanText(1, 2000).optional(),
  description: humanText(20, 20_000),
  impact: humanText(1, 5000).optional(),
  links: z.array(httpUrl).max(10).optional(),
  reporterContact: humanText(3, 320).optional(),
});

export const reportRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post',
    path: '/api/reports',
    tag: 'reports',
    summary: 'Files a member incident report (anonymous allowed); answers with a reference number',
    access: PUBLIC,
    rateLimit: REPORT_RATE_LIMIT,
    body: reportBody,
    responses: { 201: 'report received', 400: 'invalid report', 429: 'too many reports from this address' },
    async handle({ req, res, deps, body }) {
      const { reference } = await submitReport(deps, body, { ip: req.ip });
      res.status(201).json({
        reference,
        message: {
          fr: `Merci. Votre signalement a été reçu sous la référence ${reference}.`,
          en: `Thank you. Your report was received under reference ${reference}.`,
        },
      });
    },
  }),
];
