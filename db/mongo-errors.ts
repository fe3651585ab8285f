import mongoose from 'mongoose';

/** True for MongoDB's duplicate-key error (E11000), which FerretDB reports with the same code. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

type WriteError = { index?: number; code?: number; err?: { index?: number; code?: number } };

/**
 * The positions an unordered `insertMany` found already stored (duplicate keys), from the error it
 * threw. Any other failure is thrown again: an invalid document first (mongoose lists it in
 * `results` beside the server's errors), then a write error that is not a duplicate key.
 */
export function alreadyStoredPositions(error: unknown): Set<number> {
  const invalid = (error as { results?: unknown[] }).results?.find((result) => result instanceof mongoose.Error.ValidationError);
  if (invalid) throw invalid;
  const writeErrors = (error as { writeErrors?: WriteError[] }).writeErrors;
  if (!writeErrors || writeErrors.length === 0) throw error;
  const positions = new Set<number>();
  for (const writeError of writeErrors) {
    const index = writeError.index ?? writeError.err?.index;
    if ((writeError.code ?? writeError.err?.code) !== 11000 || index === undefined) throw error;
    positions.add(index);
  }
  return positions;
}

const UNAVAILABLE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);

/**
 * Socket errors the driver can let through unwrapped: CI saw a raw EPIPE ("This socket has been
 * ended by the other party") from a query written just as the store's process died.
 */
const UNAVAILABLE_SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT']);

/** True when the store could not be reached (down, restarting, network cut): the request may be retried. */
export function isStoreUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    if (typeof current !== 'object') continue;
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (UNAVAILABLE_ERRORS.has(String(name)) || UNAVAILABLE_SOCKET_CODES.has(String(code))) return true;
  }
  return false;
}
