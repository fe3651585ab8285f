import { createHash } from 'node:crypto';
import type { FetchedPage } from '../crawler/types.js';
import type { Models } from './models/index.js';

/** Stores one fetch as immutable evidence; returns its id. */
export async function insertCapture(models: Models, owner: { org: string; sourceId: string }, page: FetchedPage): Promise<string> {
  const body = Buffer.from(page.body);
  const created = await models.Capture.create({
    ...owner,
    url: page.url,
    fetchedAt: page.fetchedAt,
    httpStatus: page.status,
    headers: page.headers,
    contentType: page.contentType,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    // Stored as text (latin1 keeps every byte), so the hash can be re-computed from the record.
    body: body.toString('latin1'),
  });
  return String(created._id);
}

/** Re-computes a capture's hash from its stored body: true when the evidence is intact. */
export async function verifyCapture(models: Models, captureId: string): Promise<boolean> {
  const row = await models.Capture.findById(captureId).lean();
  if (!row) return false;
  return createHash('sha256').update(Buffer.from(row.body ?? '', 'latin1')).digest('hex') === row.bodySha256;
}
