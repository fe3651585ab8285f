import type { ErrorRequestHandler, RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  ServiceUnavailableError,
} from '../lib/errors.js';
import { apiLogger } from '../lib/logger.js';

/** The one table from domain errors to HTTP. Anything else is a 500 with a generic body. */
const STATUS_BY_ERROR: [new (...args: never[]) => Error, number, string][] = [
  [InvalidInputError, 400, 'invalid_input'],
  [ForbiddenError, 403, 'forbidden'],
  [NotFoundError, 404, 'not_found'],
  [ConflictError, 409, 'conflict'],
  [ServiceUnavailableError, 503, 'service_unavailable'],
];

interface HttpErrorLike {
  status?: number;
  type?: string;
  expose?: boolean;
}

export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const known = STATUS_BY_ERROR.find(([kind]) => error instanceof kind);
  if (known) {
    const [, status, code] = known;
    const issues = error instanceof InvalidInputError ? { issues: error.issues } : {};
    res.status(status).json({ error: { code, message: (error as Error).message, ...issues } });
    return;
  }
  // body-parser errors (malformed JSON, too large) carry a 4xx status and a safe message.
  const httpError = error as HttpErrorLike;
  if (typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    res.status(httpError.status).json({
      error: { code: httpError.type ?? 'bad_request', message: describeClientError(httpError) },
    });
    return;
  }
  const requestId = randomUUID();
  apiLogger.error({ requestId, method: req.method, path: req.path, err: (error as Error)?.message }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: `internal error (request ${requestId})` } });
};

function describeClientError(error: HttpErrorLike): string {
  switch (error.type) {
    case 'entity.too.large':
      return 'request body too large';
    case 'entity.parse.failed':
      return 'request body is not valid JSON';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'unsupported request encoding';
    default:
      return 'bad request';
  }
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } });
};
