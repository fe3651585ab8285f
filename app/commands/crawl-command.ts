import { loadConfig } from '../../config/index.js';
import { createBrowserTabs } from '../../crawler/browser-tabs.js';
import { launchCrawlingChromium } from '../../crawler/chromium.js';
import { createPageFetcher } from '../../crawler/page-fetcher.js';
import { getAdapterOrThrow } from '../../crawler/registry.js';
import { parseSourceFile } from '../../crawler/source-file.js';
import { checkArguments, readFlag, readInputFile, usageError } from './args.js';

const USAGE = {
  en: 'usage: monitor crawl --source <source.yaml> --dry-run [--limit N]',
  fr: 'utilisation : monitor crawl --source <source.yaml> --dry-run [--limit N]',
};

/**
 * `monitor crawl --source <file.yaml> --dry-run [--limit N]`: fetches the source (SSRF guard and
 * robots.txt applied) and prints the normalised posts as JSONL. Writes nothing, needs no database.
 */
export async function runCrawlCommand(args: string[]): Promise<void> {
  checkArguments(args, { withValue: ['--source', '--limit'], switches: ['--dry-run'] }, USAGE);
  if (!args.includes('--dry-run')) {
    throw usageError({
      en: 'monitor crawl only has --dry-run for now: stored crawls run as jobs of the worker',
      fr: "monitor crawl n'a que --dry-run pour l'instant : les collectes enregistrées sont des tâches du worker",
    });
  }
  const path = readFlag(args, '--source');
  const limit = args.includes('--limit') ? Number(readFlag(args, '--limit')) : Infinity;
  if (!(limit > 0)) throw usageError({ en: '--limit must be a positive number', fr: '--limit doit être un nombre positif' });
  const source = parseSourceFile(readInputFile(path), path);
  const { config } = loadConfig();
  const fetcher = createPageFetcher({ guard: { allowedTestHosts: config.crawler.allowedTestHosts }, userAgent: config.crawler.userAgent });
  const guard = { allowedTestHosts: config.crawler.allowedTestHosts };
  const browser = source.type === 'browser' ? await launchCrawlingChromium(config.crawler.chromiumPath, guard) : undefined;
  try {
    const tabs = browser ? createBrowserTabs(async () => browser, { guard, userAgent: config.crawler.userAgent }) : undefined;
    const adapter = getAdapterOrThrow(source.type, tabs ? { browser: { tabs } } : {});
    const output = await adapter.crawl(source, fetcher);
    for (const { pageIndex: _pageIndex, ...post } of output.posts.slice(0, limit)) {
      process.stdout.write(`${JSON.stringify(post)}\n`);
    }
  } finally {
    await browser?.close();
  }
}
