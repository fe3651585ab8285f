import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotAuthenticatedError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
} from '../lib/errors.js';
import { isStoreUnavailableError } from '../db/mongo-errors.js';
import { apiLogger } from '../lib/logger.js';
import { principalOf } from './auth/authenticate.js';
import { renderErrorPage } from './console/error-view.js';
import { signedInViewOf } from './console/layout.js';
import { localeOf } from './console/i18n.js';
import { formPageOf } from './route-spec.js';

const STORE_RETRY_AFTER_SECONDS = 5;

/** The one table from domain errors to HTTP. Anything else is a 500 with a generic body. */
const STATUS_BY_ERROR: [new (...args: never[]) => Error, number, string][] = [
  [InvalidInputError, 400, 'invalid_input'],
  [NotAuthenticatedError, 401, 'not_authenticated'],
  [ForbiddenError, 403, 'forbidden'],
  [NotFoundError, 404, 'not_found'],
  [ConflictError, 409, 'conflict'],
  [RateLimitedError, 429, 'rate_limited'],
  [ServiceUnavailableError, 503, 'service_unavailable'],
];

/** Console pages get an HTML error page; the API and browsers asking for JSON get {error}. */
function wantsHtml(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.path !== '/health' && req.accepts(['json', 'html']) === 'html';
}

function sendError(
  req: Request,
  res: Response,
  status: number,
  body: { code: string; message: string; issues?: readonly string[] },
  error?: unknown,
) {
  res.status(status);
  if (wantsHtml(req)) {
    const locale = localeOf(req);
    // Pages name the problems in the visitor's language when they were written in both.
    const issues = error instanceof InvalidInputError ? error.issuesIn(locale) : body.issues;
    const principal = principalOf(res);
    res.type('html').send(renderErrorPage(locale, status, issues?.join('; ') ?? body.message, formPageOf(res), principal && signedInViewOf(principal)));
    return;
  }
  res.json({ error: body });
}

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
    if (error instanceof RateLimitedError) res.set('Retry-After', String(error.retryAfterSeconds));
    sendError(req, res, status, { code, message: (error as Error).message, ...issues }, error);
    return;
  }
  if (isStoreUnavailableError(error)) {
    // The driver reconnects by itself; the caller only has to try again.
    res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    sendError(req, res, 503, { code: 'store_unavailable', message: 'the document store is not answering; try again in a few seconds' });
    return;
  }
  // body-parser errors (malformed JSON, too large) carry a 4xx status and a safe message.
  const httpError = error as HttpErrorLike;
  if (typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    sendError(req, res, httpError.status, { code: httpError.type ?? 'bad_request', message: describeClientError(httpError) });
    return;
  }
  const requestId = randomUUID();
  apiLogger.error({ requestId, method: req.method, path: req.path, err: (error as Error)?.message }, 'unhandled error');
  sendError(req, res, 500, { code: 'internal', message: `internal error (request ${requestId})` });
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
  sendError(req, res, 404, { code: 'not_found', message: `no route for ${req.method} ${req.path}` });
};
