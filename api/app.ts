import express, { type Express } from 'express';
import helmet from 'helmet';
import type { ApiDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { consoleRouter } from './routes/console.js';
import { healthRouter } from './routes/health.js';

export type { ApiDeps } from './deps.js';

const JSON_BODY_LIMIT = '256kb';
const ONE_YEAR_SECONDS = 31_536_000;

/** Builds the Express app; it does not listen (app/api-main.ts does). */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders(deps.config.env === 'production'));
  app.use((req, res, next) => {
    if (req.method === 'TRACE' || req.method === 'TRACK') {
      res.status(405).json({ error: { code: 'method_not_allowed', message: `${req.method} is not allowed` } });
      return;
    }
    // Every response may carry personal data; none may be cached by browsers or proxies.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(express.json({ limit: JSON_BODY_LIMIT, strict: true }));

  app.use(healthRouter(deps));
  app.use(consoleRouter(deps));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

function securityHeaders(production: boolean) {
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
    strictTransportSecurity: production ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true } : false,
  });
}
