import mongoose from 'mongoose';
import { NotFoundError } from '../lib/errors.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './models/index.js';

export interface NewNotice {
  org: string;
  flagId: string;
  kind: 'safeguarding_alert' | 'group_notice';
  dedupeKey?: string;
  channel: 'email' | 'webhook';
  to: string;
  subject: string;
  text: string;
}

export interface NoticeRow extends Omit<NewNotice, 'flagId'> {
  _id: mongoose.Types.ObjectId;
  flagId: mongoose.Types.ObjectId;
  status: 'pending' | 'sent' | 'skipped';
  attempts: number;
  lastError?: string;
  sentAt?: Date;
}

/** Stores the notice once per (flag, kind, channel, recipient); returns its id either way. */
export async function ensureNotice(models: Models, notice: NewNotice): Promise<string> {
  const key = { flagId: new mongoose.Types.ObjectId(notice.flagId), kind: notice.kind, channel: notice.channel, to: notice.to, dedupeKey: notice.dedupeKey ?? '' };
  try {
    const row = await models.Notice.findOneAndUpdate(
      key,
      { $setOnInsert: { ...notice, ...key, status: 'pending', attempts: 0 } },
      { upsert: true, new: true },
    ).lean();
    return String(row!._id);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return String((await models.Notice.findOne(key, { _id: 1 }).lean())!._id);
  }
}

export async function getNoticeOrThrow(models: Models, id: string): Promise<NoticeRow> {
  const row = await models.Notice.findById(id).lean();
  if (!row) throw new NotFoundError(`notice ${id} not found`);
  return row as unknown as NoticeRow;
}

export async function markNoticeSent(models: Models, id: string, at: Date): Promise<void> {
  await models.Notice.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at }, $inc: { attempts: 1 }, $unset: { lastError: 1 } });
}

export async function markNoticeSkipped(models: Models, id: string, reason: string): Promise<void> {
  await models.Notice.updateOne({ _id: id }, { $set: { status: 'skipped', lastError: reason.slice(0, 1000) } });
}

export async function markNoticeFailedAttempt(models: Models, id: string, error: string): Promise<void> {
  await models.Notice.updateOne({ _id: id }, { $set: { lastError: error.slice(0, 1000) }, $inc: { attempts: 1 } });
}

export async function listNoticesForFlag(models: Models, flagId: string): Promise<NoticeRow[]> {
  return (await models.Notice.find({ flagId: new mongoose.Types.ObjectId(flagId) }).sort({ channel: 1, to: 1 }).lean()) as unknown as NoticeRow[];
}
