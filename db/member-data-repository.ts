import mongoose from 'mongoose';
import { deleteCaptures } from './capture-repository.js';
import type { Models } from './models/index.js';

const trusted = mongoose.trusted;

/**
 * Everything stored about one member of an organization: their posts (by author), the member
 * reports naming them (by member id or name), the flags on either, and their sanctions record.
 */
export interface MemberData {
  posts: { _id: mongoose.Types.ObjectId; sourceId: string; url?: string; text: string; publishedAt?: Date; createdAt: Date; removedAt?: Date; versions?: { captureId?: mongoose.Types.ObjectId }[] }[];
  reports: { _id: mongoose.Types.ObjectId; reference: string; place: string; occurredAt?: Date; description: string; impact?: string; createdAt: Date }[];
  flags: { _id: mongoose.Types.ObjectId; itemType: string; itemId: mongoose.Types.ObjectId; category: string; severity: string; status: string; decision?: { kind?: string; rationale?: string; at?: Date }; legalHold?: { at?: Date } }[];
  subject?: { _id: mongoose.Types.ObjectId; level: string; standing: string; sanctions: { kind?: string; at?: Date; rationale?: string }[] };
}

export async function collectMemberData(models: Models, org: string, memberKey: string): Promise<MemberData> {
  const [posts, reports, subject] = await Promise.all([
    models.Post.find({ org, author: memberKey }, { sourceId: 1, url: 1, text: 1, publishedAt: 1, createdAt: 1, removedAt: 1, versions: 1 }).lean(),
    // Only what concerns the member: never the reporter's contact or the witnesses' names.
    models.Report.find({ org, $or: [{ memberId: memberKey }, { memberName: memberKey }] }, { reference: 1, place: 1, occurredAt: 1, description: 1, impact: 1, createdAt: 1 }).lean(),
    models.Subject.findOne({ org, memberKey }, { level: 1, standing: 1, sanctions: 1 }).lean(),
  ]);
  const itemIds = [...posts, ...reports].map((row) => row._id);
  const flags = itemIds.length === 0 ? [] : await models.Flag.find({ itemId: trusted({ $in: itemIds }) }, { itemType: 1, itemId: 1, category: 1, severity: 1, status: 1, decision: 1, legalHold: 1 }).lean();
  return { posts, reports, flags, ...(subject ? { subject } : {}) } as unknown as MemberData;
}

export interface ErasureResult {
  posts: number;
  reports: number;
  flags: number;
  captures: number;
  subject: boolean;
}

/**
 * Deletes the member's data. The captures of their posts go too unless another post or a group
 * check still points to them (a page capture holds other members' posts). The caller checks first
 * that no case about the member is open or held.
 */
export async function eraseMemberData(models: Models, data: MemberData): Promise<ErasureResult> {
  const postIds = data.posts.map((post) => post._id);
  const captureIds = [...new Set(data.posts.flatMap((post) => (post.versions ?? []).flatMap((v) => (v.captureId ? [String(v.captureId)] : []))))];
  let capturesGone: string[] = [];
  if (captureIds.length > 0) {
    const asIds = captureIds.map((id) => new mongoose.Types.ObjectId(id));
    const stillUsed = new Set<string>();
    const others = await models.Post.find({ 'versions.captureId': trusted({ $in: asIds }), _id: trusted({ $nin: postIds }) }, { versions: 1 }).lean();
    for (const post of others) for (const version of post.versions ?? []) if (version.captureId) stillUsed.add(String(version.captureId));
    const groups = await models.Group.find({ 'lastCheck.captureId': trusted({ $in: asIds }) }, { 'lastCheck.captureId': 1 }).lean();
    for (const group of groups) if (group.lastCheck?.captureId) stillUsed.add(String(group.lastCheck.captureId));
    capturesGone = captureIds.filter((id) => !stillUsed.has(id));
  }
  if (postIds.length > 0) await models.Post.deleteMany({ _id: trusted({ $in: postIds }) });
  if (data.reports.length > 0) await models.Report.deleteMany({ _id: trusted({ $in: data.reports.map((report) => report._id) }) });
  const captures = await deleteCaptures(models, capturesGone);
  if (data.flags.length > 0) await models.Flag.deleteMany({ _id: trusted({ $in: data.flags.map((flag) => flag._id) }) });
  if (data.subject) await models.Subject.deleteOne({ _id: data.subject._id });
  return { posts: postIds.length, reports: data.reports.length, flags: data.flags.length, captures: captures.captures, subject: data.subject !== undefined };
}
