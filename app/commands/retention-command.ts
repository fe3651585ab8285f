import { loadConfig } from '../../config/index.js';
import { InvalidInputError } from '../../lib/errors.js';
import { purgeExpired } from '../../jobs/retention/purge.js';
import { openStoreForCommand } from '../context.js';

/**
 * `monitor retention purge [--dry-run]`: deletes what MONITOR_RETENTION_DAYS lets go (workers also
 * run it daily); open cases and legal holds are kept. Prints what was (or would be) deleted.
 */
export async function runRetentionCommand(args: string[]): Promise<void> {
  const [action, ...options] = args;
  const unknown = options.filter((option) => option !== '--dry-run');
  if (action !== 'purge' || unknown.length > 0) {
    throw new InvalidInputError(`usage: monitor retention purge [--dry-run]${unknown.length > 0 ? ` (unknown option ${unknown[0]})` : ''}`);
  }
  const dryRun = options.includes('--dry-run');
  const loaded = loadConfig();
  const { store, close } = await openStoreForCommand(loaded);
  try {
    const result = await purgeExpired(store.models, { retentionMs: loaded.config.review.retentionMs, dryRun, actor: 'cli' });
    const days = Math.round(loaded.config.review.retentionMs / 86_400_000);
    process.stdout.write(
      `${dryRun ? 'would delete' : 'deleted'} (closed more than ${days} days ago, no legal hold): ` +
        `${result.posts} posts, ${result.reports} reports, ${result.captures} captures, ${result.screenshots} screenshots, ${result.flags} flags\n`,
    );
  } finally {
    await close();
  }
}
