import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCapture, verifyCapture } from '../../db/capture-repository.js';
import { createTestContext, type TestContext } from '../support/context.js';

let context: TestContext;
const evidenceDir = mkdtempSync(join(tmpdir(), 'monitor-evidence-'));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

beforeAll(async () => {
  context = await createTestContext('capture-evidence');
});
afterAll(async () => {
  await context.dispose();
  rmSync(evidenceDir, { recursive: true, force: true });
});

const page = (body: string, screenshot?: Uint8Array) => ({
  url: 'https://forum.example.org/fil-42',
  fetchedAt: new Date('2026-11-21T10:00:00Z'),
  status: 200,
  headers: { 'content-type': 'text/html; charset=windows-1252' },
  body: Uint8Array.from(Buffer.from(body, 'latin1')),
  contentType: 'text/html; charset=windows-1252',
  ...(screenshot ? { screenshot } : {}),
});

describe('captures as evidence', () => {
  it('when a page with any bytes is captured, then its stored body re-hashes to the recorded SHA-256', async () => {
    const id = await insertCapture(context.store.models, { org: 'portage', sourceId: 'forum' }, page('d\xe9pendance \x00\xff'));

    expect(await verifyCapture(context.store.models, id)).toBe(true);
  });

  it('when a screenshot is kept, then it is a file named by its hash, and tampering with it breaks verification', async () => {
    const id = await insertCapture(context.store.models, { org: 'portage', sourceId: 'forum' }, page('<p>x</p>', PNG), { evidenceDir });
    const row = await context.store.models.Capture.findById(id).lean();

    expect(row?.screenshotPath).toBe(join(evidenceDir, `${row?.screenshotSha256}.png`));
    expect(await verifyCapture(context.store.models, id)).toBe(true);
    writeFileSync(row!.screenshotPath!, 'altered');
    expect(await verifyCapture(context.store.models, id)).toBe(false);
  });

  it('when the stored body is altered, then verification fails', async () => {
    const id = await insertCapture(context.store.models, { org: 'portage', sourceId: 'forum' }, page('<p>original</p>'));
    await context.store.models.Capture.collection.updateOne({ _id: (await context.store.models.Capture.findById(id).lean())!._id }, { $set: { body: '<p>edited</p>' } });

    expect(await verifyCapture(context.store.models, id)).toBe(false);
  });
});
