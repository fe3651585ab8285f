import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { ServiceUnavailableError } from '../lib/errors.js';
import { onePer } from '../lib/one-per.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './models/index.js';

/** What an audit entry says; `data` holds ids and short strings, never crawled content. */
export interface AuditInput {
  actor: string;
  action: string;
  org?: string;
  target?: string;
  ip?: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface AuditRow extends AuditInput {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const MAX_APPEND_ATTEMPTS = 50;

/** JSON with sorted keys and ISO dates, so the hash does not depend on field order in storage. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditEntry(entry: Omit<AuditRow, 'hash'>): string {
  const { seq, at, actor, action, org, target, ip, data, prevHash } = entry;
  return createHash('sha256').update(canonical({ seq, at, actor, action, org, target, ip, data, prevHash })).digest('hex');
}

/**
 * Per store: the last entry this process knows of (the store is asked only when another process
 * got ahead), and the tail of this process's appends, which run one after the other: concurrent
 * appends from one process would otherwise all race for the same seq and retry.
 */
const chainOf = onePer((_models: Models) => ({ known: undefined as ChainHead | undefined, tail: Promise.resolve() as Promise<unknown> }));
interface ChainHead {
  seq: number;
  hash: string;
}
/** Entries another process appended since are stepped over one by one up to this, then the head is looked up. */
const MAX_STEPS_BY_ID = 5;

/**
 * Appends one entry to the hash chain. seq is the last seq + 1 under a unique index, so two
 * writers racing for the same seq make one of them retry on the new head. An entry's _id is its
 * seq: the embedded store finds a document fast only by _id, and looking the head up by a sort
 * on seq scans the whole log, which made every audited request slower as the log grew (0.3 s
 * per request at a few thousand entries). Callers await this before they act (or answer), so a
 * failed audit write fails the action.
 */
export function recordAudit(models: Models, input: AuditInput): Promise<AuditRow> {
  const chain = chainOf(models);
  const appended = chain.tail.then(() => appendAudit(models, input));
  chain.tail = appended.catch(() => undefined);
  return appended;
}

async function appendAudit(models: Models, input: AuditInput): Promise<AuditRow> {
  const cache = chainOf(models);
  let head = cache.known ?? (await findChainHead(models));
  let steps = 0;
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
    const unhashed = { ...input, seq: head.seq + 1, at: new Date(), prevHash: head.hash };
    const row: AuditRow = { ...unhashed, hash: hashAuditEntry(unhashed) };
    try {
      await models.AuditEvent.create({ _id: row.seq, ...row });
      if ((cache.known?.seq ?? 0) < row.seq) cache.known = { seq: row.seq, hash: row.hash };
      return row;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      steps += 1;
      const taken = steps <= MAX_STEPS_BY_ID ? await models.AuditEvent.findById(row.seq, { seq: 1, hash: 1 }).lean() : null;
      head = taken ? { seq: taken.seq, hash: taken.hash } : await findChainHead(models);
      if (!taken) steps = 0;
    }
  }
  throw new ServiceUnavailableError('the audit log is too busy to append; the action was not performed');
}

/** The newest entry, by a sort over the whole log: once per process, or when far behind. */
async function findChainHead(models: Models): Promise<ChainHead> {
  const head = await models.AuditEvent.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
  return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not match, when ok is false. */
  brokenAt?: number;
  reason?: string;
}

/** Walks the chain in seq order and names the first entry that was edited, removed or reordered. */
export async function verifyAuditChain(models: Models): Promise<AuditVerification> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for await (const doc of models.AuditEvent.find().sort({ seq: 1 }).lean().cursor()) {
    const row = doc as unknown as AuditRow;
    if (row.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
    if (row.prevHash !== expectedPrev) return { ok: false, checked, brokenAt: row.seq, reason: `entry ${row.seq} does not link to entry ${row.seq - 1}` };
    const { hash, ...unhashed } = row as AuditRow & { _id?: unknown; __v?: unknown };
    const { _id: _ignoredId, __v: _ignoredVersion, ...fields } = unhashed as typeof unhashed & { _id?: unknown; __v?: unknown };
    if (hashAuditEntry(fields) !== hash) return { ok: false, checked, brokenAt: row.seq, reason: `entry ${row.seq} was modified` };
    expectedPrev = hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked };
}

export interface AuditQuery {
  orgs: readonly string[];
  limit: number;
  before?: number;
  /** Only this action, and only this target (exact matches). */
  action?: string;
  target?: string;
}

/** The newest entries first, for the organizations the caller administers. */
export async function listAudit(models: Models, query: AuditQuery): Promise<AuditRow[]> {
  const filter: Record<string, unknown> = { org: mongoose.trusted({ $in: [...query.orgs] }) };
  if (query.before !== undefined) filter.seq = mongoose.trusted({ $lt: query.before });
  if (query.action !== undefined) filter.action = query.action;
  if (query.target !== undefined) filter.target = query.target;
  return (await models.AuditEvent.find(filter).sort({ seq: -1 }).limit(query.limit).lean()) as unknown as AuditRow[];
}
