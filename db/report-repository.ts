import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { upsertFlagsForItem, type StoredFinding } from './flag-repository.js';
import type { Models } from './models/index.js';

export interface NewReport {
  org: string;
  category: string;
  severity: StoredFinding['severity'];
  memberName?: string;
  memberId?: string;
  place: string;
  occurredAt?: Date;
  witnesses?: string;
  description: string;
  impact?: string;
  links?: string[];
  reporterContact?: string;
}

export interface StoredReport {
  id: string;
  reference: string;
  flagId: string;
  linkedPostIds: string[];
}

/** A reference a person can read over the phone: no 0/O or 1/I. */
function newReference(now: Date): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = [...randomBytes(6)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `R-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${random}`;
}

/** Posts of the organization whose author is the reported member (by id or name). */
async function postsByMember(models: Models, org: string, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await models.Post.find({ org, author: mongoose.trusted({ $in: [...keys] }) }, { _id: 1 }).limit(50).lean();
  return rows.map((row) => String(row._id));
}

/**
 * Stores the report, links the member's stored posts, and opens its flag (itemType `report`) so it
 * enters the same queue as classifier findings.
 */
export async function fileReport(models: Models, input: NewReport, now = new Date()): Promise<StoredReport> {
  const memberKeys = [input.memberId, input.memberName].filter((key): key is string => !!key);
  const linkedPostIds = await postsByMember(models, input.org, memberKeys);
  const { severity, ...fields } = input;
  const report = await models.Report.create({ ...fields, reference: newReference(now), status: 'flagged', linkedPostIds });
  const reportId = String(report._id);
  await upsertFlagsForItem(models, { org: input.org, itemType: 'report', itemId: reportId }, [
    {
      category: input.category, severity, score: 1, ruleId: 'member-report', ruleVersion: 'report',
      explanation: { fr: 'Signalé par un membre au moyen du formulaire d’incident.', en: 'Reported by a member through the incident form.' },
    },
  ]);
  const flag = await models.Flag.findOne({ itemType: 'report', itemId: report._id }, { _id: 1 }).lean();
  return { id: reportId, reference: report.reference, flagId: String(flag!._id), linkedPostIds };
}

export interface ReportRow extends Omit<NewReport, 'severity'> {
  _id: mongoose.Types.ObjectId;
  reference: string;
  linkedPostIds: mongoose.Types.ObjectId[];
  createdAt: Date;
}

export async function getReportById(models: Models, id: string): Promise<ReportRow | undefined> {
  const row = await models.Report.findById(id).lean();
  return (row ?? undefined) as ReportRow | undefined;
}
