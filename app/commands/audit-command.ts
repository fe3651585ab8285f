import { loadConfig } from '../../config/index.js';
import { verifyAuditChain } from '../../db/audit-repository.js';
import { InvalidInputError } from '../../lib/errors.js';
import { openStoreForCommand } from '../context.js';

/** `monitor audit verify`: recomputes the hash chain and names the first entry that was tampered with. */
export async function runAuditCommand(args: string[]): Promise<void> {
  if (args[0] !== 'verify') throw new InvalidInputError('usage: monitor audit verify');
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
