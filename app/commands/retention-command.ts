import { loadConfig } from '../../config/index.js';
import { terminalLocale } from '../../config/terminal-locale.js';
import { purgeExpired } from '../../jobs/retention/purge.js';
import { openStoreForCommand } from '../context.js';
import { checkArguments, usageError } from './args.js';

const USAGE = { en: 'usage: monitor retention purge [--dry-run]', fr: 'utilisation : monitor retention purge [--dry-run]' };

type Purged = Awaited<ReturnType<typeof purgeExpired>>;

/** What the purge prints, in the terminal's language. */
const TEXT = {
  en: (dryRun: boolean, days: number, purged: Purged) =>
    `${dryRun ? 'would delete' : 'deleted'} (closed more than ${days} days ago, no legal hold): ` +
    `${purged.posts} posts, ${purged.reports} reports, ${purged.captures} captures, ${purged.screenshots} screenshots, ${purged.flags} flags`,
  fr: (dryRun: boolean, days: number, purged: Purged) =>
    `${dryRun ? 'seraient supprimés' : 'supprimés'} (fermés depuis plus de ${days} jours, sans conservation légale) : ` +
    `${purged.posts} publications, ${purged.reports} signalements du public, ${purged.captures} captures, ${purged.screenshots} captures d'écran, ${purged.flags} signalements de la file`,
};

/**
 * `monitor retention purge [--dry-run]`: deletes what MONITOR_RETENTION_DAYS lets go (workers also
 * run it daily); open cases and legal holds are kept. Prints what was (or would be) deleted.
 */
export async function runRetentionCommand(args: string[]): Promise<void> {
  const [action, ...options] = args;
  if (action !== 'purge') throw usageError(USAGE);
  checkArguments(options, { switches: ['--dry-run'] }, USAGE);
  const dryRun = options.includes('--dry-run');
  const loaded = loadConfig();
  const { store, close } = await openStoreForCommand(loaded);
  try {
    const result = await purgeExpired(store.models, { retentionMs: loaded.config.review.retentionMs, dryRun, actor: 'cli' });
    const days = Math.round(loaded.config.review.retentionMs / 86_400_000);
    process.stdout.write(`${TEXT[terminalLocale()](dryRun, days, result)}\n`);
  } finally {
    await close();
  }
}
