import { recordAudit } from '../../db/audit-repository.js';
import { getOrganization } from '../../db/organization-repository.js';
import { fileReport, type NewReport } from '../../db/report-repository.js';
import { queueSafeguardingAlerts } from '../../jobs/notices/safeguarding-alerts.js';
import { InvalidInputError } from '../../lib/errors.js';
import type { ApiDeps } from '../deps.js';
import type { RequestOrigin } from '../auth/principal.js';

/** What a reporter may say the incident was about; `other` when unsure. */
export const REPORT_CATEGORIES = [
  'cyberbullying', 'threat', 'discrimination', 'defamation', 'client_identification', 'personal_info', 'safeguarding', 'spam', 'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

const SEVERITY_OF: Record<ReportCategory, NewReport['severity']> = {
  safeguarding: 'urgent',
  threat: 'high',
  client_identification: 'high',
  cyberbullying: 'medium',
  discrimination: 'medium',
  defamation: 'medium',
  personal_info: 'medium',
  spam: 'low',
  other: 'medium',
};

export type ReportInput = Omit<NewReport, 'severity' | 'category' | 'occurredAt'> & { category?: ReportCategory; occurredAt?: string };

/**
 * Files a member incident report: stored, linked to the member's posts, flagged for review and
 * audited (without its content). Safeguarding reports are urgent and reach only the safeguarding lane.
 */
export async function submitReport(deps: ApiDeps, input: ReportInput, origin: RequestOrigin): Promise<{ reference: string; id: string; flagId: string }> {
  if (!(await getOrganization(deps.store.models, input.org))) {
    throw new InvalidInputError(`body.org: no organization ${JSON.stringify(input.org)}`);
  }
  const category = input.category ?? 'other';
  const { occurredAt: _occurredAt, ...fields } = input;
  const stored = await fileReport(deps.store.models, {
    ...fields,
    category,
    severity: SEVERITY_OF[category],
    ...(input.occurredAt ? { occurredAt: new Date(input.occurredAt) } : {}),
  });
  await recordAudit(deps.store.models, {
    actor: 'anonymous',
    action: 'report.filed',
    org: input.org,
    target: `report:${stored.id}`,
    ip: origin.ip,
    data: { reference: stored.reference, category },
  });
  if (category === 'safeguarding') {
    await queueSafeguardingAlerts(deps.store.models, deps.queues, deps.config.notices, { org: input.org, flagId: stored.flagId });
  }
  return { reference: stored.reference, id: stored.id, flagId: stored.flagId };
}
