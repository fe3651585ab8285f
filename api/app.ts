import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { authenticate } from './auth/authenticate.js';
import type { ApiDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { mountRoutes } from './route-spec.js';
import { ROUTES } from './routes/index.js';

export type { ApiDeps } from './deps.js';

const BODY_LIMIT = '256kb';
const ONE_YEAR_SECONDS = 31_536_000;

/** Builds the Express app; it does not listen (app/monitor-main.ts does). */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Responses are never cached (no-store below), so hashing every body for an ETag is wasted work.
  app.set('etag', false);
  // The client's address (rate limits, audit) is the socket's unless reverse proxies sit in front:
  // then exactly that many X-Forwarded-For hops are believed, so a client cannot pick its own.
  if (deps.config.http.trustProxyHops > 0) app.set('trust proxy', deps.config.http.trustProxyHops);
  // HSTS everywhere but tests: tests run on plain http and a browser would remember the header.
  app.use(securityHeaders(deps.config.env !== 'test'));
  app.use((req, res, next) => {
    if (req.method === 'TRACE' || req.method === 'TRACK') {
      res.status(405).json({ error: { code: 'method_not_allowed', message: `${req.method} is not allowed` } });
      return;
    }
    // Every response may carry personal data; none may be cached by browsers or proxies.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));
  // The largest console form, the organization's 20 safeguarding contacts of 5 fields, fits.
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 120 }));
  app.use(authenticate(deps));

  const router = Router();
  mountRoutes(router, deps, ROUTES);
  app.use(router);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

function securityHeaders(strictTransport: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: strictTransport ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true } : false,
  });
}
