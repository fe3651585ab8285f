import { loadConfig } from '../../config/index.js';
import { appRoleCommand } from '../../db/app-role.js';
import { verifyAuditChain } from '../../db/audit-repository.js';
import { COLLECTION_NAMES } from '../../db/models/index.js';
import { InvalidInputError } from '../../lib/errors.js';
import { openStoreForCommand } from '../context.js';

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
  if (args[0] !== 'verify') throw new InvalidInputError('usage: monitor audit verify | monitor audit role');
  const { store, close } = await openStoreForCommand(loadConfig());
  try {
    const result = await verifyAuditChain(store.models);
    if (result.ok) {
      process.stdout.write(`audit chain intact: ${result.checked} entries verified\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.checked} entries before it verified)\n`);
      process.exitCode = 1;
    }
  } finally {
    await close();
  }
}
