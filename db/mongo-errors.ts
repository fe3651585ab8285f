/** True for MongoDB's duplicate-key error (E11000), which FerretDB reports with the same code. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
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
