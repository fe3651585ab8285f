import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleSetRegistry } from '../../classifier/rule-set/registry.js';
import { insertCapture, verifyCapture } from '../../db/capture-repository.js';
import { listFlagsForItem } from '../../db/flag-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { upsertCapturedPost } from '../../db/post-repository.js';
import { inProcessClassifier } from '../../jobs/post-classifier/post-classifier.js';
import { createClassifyPostsProcessor } from '../../jobs/processors/classify-posts.js';
import { apiDepsOf, aSignedInUser, startApi } from '../support/api-client.js';
import { createTestContext, type TestContext } from '../support/context.js';

// Test 44 of RELIABILITY.md: media of a possible child-safety case is neither kept nor shown.

const evidenceDir = mkdtempSync(join(tmpdir(), 'child-safety-evidence-'));
let context: TestContext;

beforeAll(async () => {
  context = await createTestContext('child-safety-media');
  await upsertOrganization(context.store.models, { slug: 'gostudent', name: 'GoStudent' });
});
afterAll(async () => {
  await context.dispose();
  rmSync(evidenceDir, { recursive: true, force: true });
});

/** A rendered page with its screenshot, captured and holding one post. */
async function capturedPost(externalId: string, text: string, screenshotByte: number) {
  const page = {
    url: `https://forum.example.org/t/${externalId}`,
    fetchedAt: new Date(),
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: new TextEncoder().encode(`<p>${text}</p>`),
    contentType: 'text/html',
    screenshot: new Uint8Array([0x89, 0x50, 0x4e, 0x47, screenshotByte]),
  };
  const captureId = await insertCapture(context.store.models, { org: 'gostudent', sourceId: 'forum' }, page, { evidenceDir });
  const stored = await upsertCapturedPost(context.store.models, { org: 'gostudent', sourceId: 'forum', externalId, text, captureId });
  return { page, captureId, postId: stored.postId };
}

describe('child-safety media', () => {
  it('when a post is classified as a possible child-safety case, then its screenshots are deleted, their hashes kept, and the console shows a notice instead', async () => {
    const childSafety = await capturedPost('cs-1', "Send me nudes, you're only 14 but mature", 1);
    const ordinary = await capturedPost('ok-1', 'Great session today, thanks!', 2);
    const classify = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(createRuleSetRegistry()) });
    const before = await context.store.models.Capture.findById(childSafety.captureId).lean();
    expect(existsSync(before!.screenshotPath!)).toBe(true);

    await classify({ postIds: [childSafety.postId] }, { id: 'j1', attemptsMade: 0 });
    await classify({ postIds: [ordinary.postId] }, { id: 'j2', attemptsMade: 0 });

    const withheld = await context.store.models.Capture.findById(childSafety.captureId).lean();
    expect(withheld!.screenshotPath).toBeUndefined();
    expect(withheld!.screenshotWithheld?.reason).toBe('child_safety');
    expect(withheld!.screenshotSha256).toBe(before!.screenshotSha256);
    expect(existsSync(before!.screenshotPath!)).toBe(false);
    expect(await verifyCapture(context.store.models, childSafety.captureId)).toBe(true);
    const kept = await context.store.models.Capture.findById(ordinary.captureId).lean();
    expect(existsSync(kept!.screenshotPath!)).toBe(true);

    const api = await startApi(apiDepsOf(context));
    try {
      const officer = await aSignedInUser(context, api.base, [{ org: 'gostudent', role: 'safeguarding_officer' }]);
      const [flag] = (await listFlagsForItem(context.store.models, 'post', childSafety.postId)).filter((row) => row.category === 'safeguarding');
      const detail = await officer.json<{ captures: { screenshot: boolean; screenshotWithheld?: { sha256: string } }[] }>('GET', `/api/flags/${String(flag!._id)}`);
      const screenshot = await officer.request('GET', `/api/captures/${childSafety.captureId}/screenshot`);
      const page = await (await officer.request('GET', `/flags/${String(flag!._id)}?lang=fr`)).text();

      expect(detail.body.captures).toEqual([expect.objectContaining({ screenshot: false, screenshotWithheld: { sha256: before!.screenshotSha256 } })]);
      expect(screenshot.status).toBe(404);
      expect(page).toContain('data-withheld');
      expect(page).toMatch(/Capture d(&#39;|&#x27;|')écran retirée/);
      expect(page).not.toContain('class="shot"');
    } finally {
      await api.close();
    }
  });

  it('when the page of such a post is crawled again, then the post says its media is withheld, so the new screenshot goes too', async () => {
    const first = await capturedPost('cs-2', "Send me nudes, you're only 14 but mature", 3);
    const classify = createClassifyPostsProcessor({ models: context.store.models, classifier: inProcessClassifier(createRuleSetRegistry()) });
    await classify({ postIds: [first.postId] }, { id: 'j3', attemptsMade: 0 });

    const again = await upsertCapturedPost(context.store.models, {
      org: 'gostudent', sourceId: 'forum', externalId: 'cs-2', text: "Send me nudes, you're only 14 but mature", captureId: first.captureId,
    });

    expect(again).toMatchObject({ changed: false, mediaWithheld: true });
  });
});
