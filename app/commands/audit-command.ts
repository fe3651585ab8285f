import { loadConfig } from '../../config/index.js';
import { appRoleCommand } from '../../db/app-role.js';
import { verifyAuditChain } from '../../db/audit-repository.js';
import { COLLECTION_NAMES } from '../../db/models/index.js';
import { terminalLocale } from '../../config/terminal-locale.js';
import { openStoreForCommand } from '../context.js';
import { usageError } from './args.js';

/** What `audit verify` prints, in the terminal's language. */
const TEXT = {
  en: {
    intact: (checked: number) => `audit chain intact: ${checked} entries verified`,
    broken: (at: number | undefined, reason: string | undefined, checked: number) => `audit chain BROKEN at entry ${at}: ${reason} (${checked} entries before it verified)`,
  },
  fr: {
    intact: (checked: number) => `chaîne d'audit intacte : ${checked} entrées vérifiées`,
    broken: (at: number | undefined, reason: string | undefined, checked: number) =>
      `chaîne d'audit ROMPUE à l'entrée ${at} : ${reason} (${checked} entrées vérifiées avant elle)`,
  },
};

/**
 * `monitor audit verify`: recomputes the hash chain and names the first entry that was tampered with.
 * `monitor audit role`: prints the MongoDB command creating the app's role, under which the audit
 * log can only be appended to (the embedded store enforces the same through its guard).
 */
export async function runAuditCommand(args: string[]): Promise<void> {
  if (args[0] === 'role') {
    process.stdout.write(`${JSON.stringify(appRoleCommand(loadConfig().config.mongo.dbName, COLLECTION_NAMES), null, 2)}\n`);
    return;
  }
  if (args[0] !== 'verify' || args.length > 1) {
    throw usageError({ en: 'usage: monitor audit verify | monitor audit role', fr: 'utilisation : monitor audit verify | monitor audit role' });
  }
  const text = TEXT[terminalLocale()];
  const { store, close } = await openStoreForCommand(loadConfig());
  try {
    const result = await verifyAuditChain(store.models);
    if (result.ok) {
      process.stdout.write(`${text.intact(result.checked)}\n`);
    } else {
      process.stdout.write(`${text.broken(result.brokenAt, result.reason, result.checked)}\n`);
      process.exitCode = 1;
    }
  } finally {
    await close();
  }
}
