import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import mongoose from 'mongoose';
import { join } from 'node:path';
import type { FetchedPage } from '../crawler/types.js';
import type { Models } from './models/index.js';

export interface CaptureOptions {
  /** Folder for screenshots; files are named by their SHA-256, so a re-write is harmless. */
  evidenceDir?: string;
}

/** Stores one fetch as immutable evidence; returns its id. */
export async function insertCapture(
  models: Models,
  owner: { org: string; sourceId: string },
  page: FetchedPage,
  options: CaptureOptions = {},
): Promise<string> {
  const body = Buffer.from(page.body);
  const screenshot = page.screenshot && options.evidenceDir ? await writeScreenshot(options.evidenceDir, page.screenshot) : undefined;
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
    ...(screenshot ? { screenshotPath: screenshot.path, screenshotSha256: screenshot.sha256 } : {}),
  });
  return String(created._id);
}

async function writeScreenshot(dir: string, png: Uint8Array): Promise<{ path: string; sha256: string }> {
  const sha256 = createHash('sha256').update(png).digest('hex');
  const path = join(dir, `${sha256}.png`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path, png, { flag: 'w', mode: 0o600 });
  return { path, sha256 };
}

/** Re-computes a capture's hashes (body, and screenshot file if any): true when the evidence is intact. */
export async function verifyCapture(models: Models, captureId: string): Promise<boolean> {
  const row = await models.Capture.findById(captureId).lean();
  if (!row) return false;
  const bodyIntact = createHash('sha256').update(Buffer.from(row.body ?? '', 'latin1')).digest('hex') === row.bodySha256;
  // A withheld screenshot was deleted on purpose: the record still names its hash.
  if (!row.screenshotPath) return bodyIntact;
  const png = await readFile(row.screenshotPath).catch(() => undefined);
  return bodyIntact && png !== undefined && createHash('sha256').update(png).digest('hex') === row.screenshotSha256;
}

export interface CaptureSummary {
  id: string;
  org: string;
  url: string;
  fetchedAt: Date;
  httpStatus: number;
  bodySha256: string;
  screenshotSha256?: string;
  /** The screenshot was deleted because the page may hold a child-safety case. */
  screenshotWithheld?: boolean;
}

/** What a reviewer sees of a capture (no body); undefined when the id is unknown. */
export async function getCaptureSummary(models: Models, captureId: string): Promise<CaptureSummary | undefined> {
  const row = await models.Capture.findById(captureId, { body: 0, headers: 0 }).lean();
  if (!row) return undefined;
  return {
    id: String(row._id),
    org: row.org,
    url: row.url,
    fetchedAt: row.fetchedAt,
    httpStatus: row.httpStatus,
    bodySha256: row.bodySha256,
    ...(row.screenshotSha256 ? { screenshotSha256: row.screenshotSha256 } : {}),
    ...(row.screenshotWithheld ? { screenshotWithheld: true } : {}),
  };
}

/**
 * The screenshot's bytes, re-hashed against the record: a file that changed since the capture is
 * refused rather than shown as evidence.
 */
export async function readCaptureScreenshot(models: Models, captureId: string): Promise<{ org: string; png: Buffer } | undefined> {
  const row = await models.Capture.findById(captureId, { org: 1, screenshotPath: 1, screenshotSha256: 1 }).lean();
  if (!row?.screenshotPath) return undefined;
  const png = await readFile(row.screenshotPath).catch(() => undefined);
  if (!png || createHash('sha256').update(png).digest('hex') !== row.screenshotSha256) return undefined;
  return { org: row.org, png };
}

/**
 * Deletes captures (retention, erasure) with their screenshot files. Files are named by their hash,
 * so one is removed only when no remaining capture points to it.
 */
export async function deleteCaptures(models: Models, captureIds: readonly string[]): Promise<{ captures: number; screenshots: number }> {
  if (captureIds.length === 0) return { captures: 0, screenshots: 0 };
  const ids = mongoose.trusted({ $in: captureIds.map((id) => new mongoose.Types.ObjectId(id)) });
  const rows = await models.Capture.find({ _id: ids }, { screenshotPath: 1 }).lean();
  const { deletedCount } = await models.Capture.deleteMany({ _id: ids });
  const screenshots = await removeUnreferencedFiles(models, rows.flatMap((row) => (row.screenshotPath ? [row.screenshotPath] : [])));
  return { captures: deletedCount, screenshots };
}

/**
 * Deletes the screenshots of these captures and records why, keeping their hashes: media of a
 * possible child-safety case is not kept or shown, only its URL and hash. Returns how many were
 * withheld.
 */
export async function withholdScreenshots(models: Models, captureIds: readonly string[], at = new Date()): Promise<number> {
  let withheld = 0;
  const paths: string[] = [];
  for (const id of new Set(captureIds)) {
    const row = await models.Capture.findById(id, { screenshotPath: 1 }).lean();
    if (!row?.screenshotPath) continue;
    await models.Capture.updateOne({ _id: row._id }, { $unset: { screenshotPath: 1 }, $set: { screenshotWithheld: { reason: 'child_safety', at } } });
    paths.push(row.screenshotPath);
    withheld += 1;
  }
  await removeUnreferencedFiles(models, paths);
  return withheld;
}

async function removeUnreferencedFiles(models: Models, paths: readonly string[]): Promise<number> {
  let removed = 0;
  for (const path of new Set(paths)) {
    if ((await models.Capture.countDocuments({ screenshotPath: path })) > 0) continue;
    await rm(path, { force: true });
    removed += 1;
  }
  return removed;
}
