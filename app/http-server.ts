import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpLimits {
  /** A client must send all its headers within this time (slowloris). */
  headersTimeoutMs: number;
  /** And its whole request within this time. */
  requestTimeoutMs: number;
  /** How often open connections are checked against both (Node's default is 30 s). */
  checkEveryMs: number;
}

export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 20_000, requestTimeoutMs: 30_000, checkEveryMs: 1_000 };

/**
 * The HTTP server the API listens with. The timeouts must be given when the server is created:
 * set afterwards, the connection check still runs every 30 s, so a slow client holds a socket
 * for up to 50 s instead of 20.
 */
export function createHttpServer(app: RequestListener, limits: HttpLimits = HTTP_LIMITS): Server {
  return createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkEveryMs },
    app,
  );
}
