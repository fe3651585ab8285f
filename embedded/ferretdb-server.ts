import { accessSync, constants, mkdirSync } from 'node:fs';
import { StartupError } from '../lib/errors.js';
import { serversLogger } from '../lib/logger.js';
import { spawnOwned, waitForReadyLine, type OwnedServer } from './child-server.js';

export interface EmbeddedStoreOptions {
  /** The Go helper built by `npm run setup` (embedded/go). */
  binaryPath: string;
  /** Folder of the SQLite files; created if missing. */
  dataDir: string;
  timeoutMs: number;
  /** Address to listen on. @default 127.0.0.1:0 (a free port) */
  listen?: string;
  /** Collections the app may only insert into and read, as a MongoDB role would allow (the audit log). */
  appendOnly: readonly string[];
}

export interface EmbeddedStore {
  /** mongodb:// URI of the app's guarded door on a loopback port (the app's database role). */
  uri: string;
  /**
   * mongodb:// URI of FerretDB's Unix socket in the store's private folder: no guard, for
   * administrators and test set-up (dropping a database, repairing by hand).
   */
  adminUri: string;
  server: OwnedServer;
}

const FIX_HINT = {
  en: 'run `npm run setup` to build it, or set MONITOR_MONGODB_URI to use a MongoDB server',
  fr: 'lancez `npm run setup` pour le construire, ou indiquez un serveur MongoDB dans MONITOR_MONGODB_URI',
};

/**
 * Starts FerretDB (SQLite handler) through our Go helper: the app's guarded door on a free
 * loopback port, the administrators' Unix socket in the data folder. The helper prints
 * {"uri", "adminUri"} once both listen.
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  assertExecutable(options.binaryPath);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const spawnOptions = {
    label: 'FerretDB',
    command: options.binaryPath,
    args: ['ferretdb', '-data', options.dataDir, '-listen', options.listen ?? '127.0.0.1:0', '-append-only', options.appendOnly.join(',')],
    fixHint: FIX_HINT,
  };
  const { server, child } = spawnOwned(spawnOptions);
  try {
    const { uri, adminUri } = await waitForReadyLine(child, {
      ...spawnOptions,
      timeoutMs: options.timeoutMs,
      parse: (line) => {
        try {
          const parsed = JSON.parse(line) as { uri?: unknown; adminUri?: unknown };
          return typeof parsed.uri === 'string' && typeof parsed.adminUri === 'string' ? { uri: parsed.uri, adminUri: parsed.adminUri } : undefined;
        } catch {
          return undefined;
        }
      },
    });
    serversLogger.info({ pid: server.pid, dataDir: options.dataDir }, 'embedded store started');
    return { uri, adminUri, server };
  } catch (error) {
    await server.stop(1_000);
    throw error;
  }
}

function assertExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new StartupError(`the embedded store helper is missing at ${path}: ${FIX_HINT.en}`, {
      fr: `l'assistant de la base intégrée est absent de ${path} : ${FIX_HINT.fr}`,
    });
  }
}
