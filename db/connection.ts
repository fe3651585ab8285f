import mongoose, { type Connection } from 'mongoose';
import { ServiceUnavailableError, StartupError } from '../lib/errors.js';
import { dbLogger } from '../lib/logger.js';
import { redactUri } from '../lib/redact.js';
import { changeFeedOf, type ChangeFeed } from './change-feed.js';
import { registerModels, type Models } from './models/index.js';
import { applyStoreValidators } from './store-validators.js';

// Filters built from outside input can never carry query operators; repositories that need
// operators wrap them in mongoose.trusted().
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export interface StoreOptions {
  uri: string;
  dbName: string;
  /** How long to look for a server before giving up. @default 5000 */
  serverSelectionTimeoutMs?: number;
  /** FerretDB speaks the wire protocol but has no retryable writes. */
  embedded: boolean;
}

/** A connection with every model registered, owned by the app context. */
export interface Store {
  connection: Connection;
  models: Models;
  /** Writes made through `models` (and, once app/change-relay.ts runs, other processes' writes). */
  changes: ChangeFeed;
  /** Resolves when the server answers a ping; throws ServiceUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function connectStore(options: StoreOptions): Promise<Store> {
  const connection = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
    retryWrites: !options.embedded,
    ...(options.embedded ? { directConnection: true } : {}),
  });
  connection.on('error', (error: Error) => dbLogger.error({ err: error.message }, 'store connection error'));
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => {});
    const where = `${redactUri(options.uri)}: ${(error as Error).message}`;
    throw new StartupError(`cannot reach the document store at ${where}; check MONITOR_MONGODB_URI, or unset it to use the embedded store`, {
      cause: error,
      fr: `base de documents injoignable à ${where} ; vérifiez MONITOR_MONGODB_URI, ou retirez-la pour utiliser la base intégrée`,
    });
  }
  const models = registerModels(connection);
  await ensureIndexes(models);
  await applyStoreValidators(connection, models);
  return {
    connection,
    models,
    changes: changeFeedOf(connection),
    async ping() {
      try {
        await connection.db!.admin().ping();
      } catch (error) {
        throw new ServiceUnavailableError(`document store ping failed: ${(error as Error).message}`, { cause: error });
      }
    },
    close: () => connection.close(),
  };
}

/** autoIndex is off so that index builds happen here, once, and a failure stops start-up. */
async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => {});
    await model.createIndexes();
  }
}
