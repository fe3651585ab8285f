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

/** True when the store could not be reached (down, restarting, network cut): the request may be retried. */
export function isStoreUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    if (typeof current === 'object' && UNAVAILABLE_ERRORS.has((current as { name?: string }).name ?? '')) return true;
  }
  return false;
}
