import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserTabs } from '../../crawler/browser-tabs.js';
import { launchCrawlingChromium, sharedBrowser } from '../../crawler/chromium.js';
import { renderPage } from '../../crawler/render-page.js';
import { SourceUnavailableError } from '../../lib/errors.js';
import { startFixtureServer } from '../support/fixture-server.js';
import { descendantPids, eventually } from '../support/processes.js';
import { noteReliability } from '../support/reliability.js';
import { testConfig } from '../support/context.js';

let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
let pageRequested: () => void = () => {};

beforeAll(async () => {
  fixture = await startFixtureServer({
    '/groupe': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<html><body><h1>Groupe NON OFFICIEL</h1></body></html>');
    },
    // Never answers: a target that hangs, or the page Chromium is on when it is killed.
    '/pendu': () => pageRequested(),
  });
});

afterAll(() => fixture.close());

/** The Chromium processes this test process started. */
function chromiumPids(): number[] {
  return descendantPids(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
    } catch {
      return false;
    }
  });
}

describe('Chromium faults', () => {
  it('when the target hangs, then rendering ends with a transient error at its deadline; when Chromium is killed mid-page, then the job fails transiently and the next one gets a new browser', async ({ task }) => {
    const guard = { allowedTestHosts: [fixture.host] };
    const browsers = sharedBrowser(() => launchCrawlingChromium(testConfig().config.crawler.chromiumPath, guard));
    const tabs = createBrowserTabs(() => browsers.get(), { guard, userAgent: 'monitor-test' });
    try {
      const hanging = await renderPage(tabs, `${fixture.base}/pendu`, { timeoutMs: 2_000 }).catch((error: Error) => error);
      expect(hanging).toBeInstanceOf(SourceUnavailableError);

      const first = await browsers.get();
      const requested = new Promise<void>((resolveRequested) => (pageRequested = resolveRequested));
      const inFlight = renderPage(tabs, `${fixture.base}/pendu`, { timeoutMs: 60_000 }).catch((error: Error) => error);
      await requested;
      const killed = chromiumPids();
      expect(killed.length).toBeGreaterThan(0);
      for (const pid of killed) process.kill(pid, 'SIGKILL');

      const failure = await inFlight;
      expect(failure).toBeInstanceOf(SourceUnavailableError);
      await eventually(() => first.isConnected(), (connected) => !connected, 10_000);

      const second = await browsers.get();
      const page = await renderPage(tabs, `${fixture.base}/groupe`);

      expect(second).not.toBe(first);
      expect(page.text).toContain('Groupe NON OFFICIEL');
      noteReliability(task, { kind: 'fault', fault: 'crawler target hanging or crashing Chromium', lost: 0, duplicates: 0 });
    } finally {
      await tabs.close();
      await browsers.close();
    }
  }, 120_000);
});
