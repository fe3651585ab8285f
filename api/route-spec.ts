import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod/v4';
import type { Role } from '../db/user-repository.js';
import { ForbiddenError, InvalidInputError, NotAuthenticatedError } from '../lib/errors.js';
import { FRENCH_ZOD_ERRORS } from '../lib/schema-messages.js';
import { principalOf } from './auth/authenticate.js';
import { checkCsrf } from './auth/csrf.js';
import type { Principal } from './auth/principal.js';
import { localeOf, type Locale } from './console/i18n.js';
import type { ApiDeps } from './deps.js';
import { enforceRateLimit, type RateLimit } from './rate-limit.js';
import { schemaMessageIn } from './schemas/common.js';

/**
 * Who may call a route. Deny by default: every route states its access here, and
 * tests/api/route-access.test.ts calls each one as each role against this table.
 */
export type Access = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'role'; roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signed_in' };
export const roles = (...allowed: Role[]): Access => ({ kind: 'role', roles: allowed });

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerInput<P, Q, B> {
  req: Request;
  res: Response;
  deps: ApiDeps;
  principal: Principal | undefined;
  params: P;
  query: Q;
  body: B;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path, e.g. /api/flags/:id. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Console pages answer an unauthenticated visitor with a redirect to /login instead of 401. */
  page?: boolean;
  /**
   * For a console form: the page it is on, from the route's raw params. When the form is refused
   * on an error page, that page links back there (the console sends no Referer).
   */
  formPage?: (params: Record<string, string>) => string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  rateLimit?: RateLimit;
  /** Status → description, for the OpenAPI document. */
  responses: Record<number, string>;
  handle(input: HandlerInput<P, Q, B>): Promise<void>;
}

// The identity function gives each spec its own type parameters; the table holds them erased.
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

const UNSAFE_METHODS = new Set<Method>(['post', 'put', 'patch', 'delete']);

export function checkAccess(access: Access, principal: Principal | undefined): void {
  if (access.kind === 'public') return;
  if (!principal) throw new NotAuthenticatedError('sign in first');
  if (access.kind === 'role' && !principal.memberships.some((m) => access.roles.includes(m.role))) {
    throw new ForbiddenError(`this needs one of the roles: ${access.roles.join(', ')}`);
  }
}

/** zod issues as "path: message" lines in `locale`; unknown fields (mass assignment, `$ne`) are named. */
function describeZodIssues(where: string, error: z.ZodError, locale: Locale): string[] {
  const separator = locale === 'fr' ? ' : ' : ': ';
  return error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return `${path}${separator}${locale === 'fr' ? 'champ(s) inconnu(s)' : 'unknown field(s)'} ${issue.keys.join(', ')}`;
    }
    return `${path}${separator}${schemaMessageIn(issue.message, locale)}`;
  });
}

/**
 * Parses `value`, with zod's messages in `locale` (French for 'fr'); on failure, the problems as
 * lines naming `where` and the path; the messages our schemas set themselves are translated too.
 */
export function parseIn<T>(schema: z.ZodType<T>, value: unknown, { where, locale }: { where: string; locale: Locale }): { data: T } | { issues: string[] } {
  const parsed = schema.safeParse(value, locale === 'fr' ? { error: FRENCH_ZOD_ERRORS } : {});
  return parsed.success ? { data: parsed.data } : { issues: describeZodIssues(where, parsed.error, locale) };
}

/** Console pages (`page`) speak the visitor's language; the JSON API answers in English. */
function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: { where: string; locale: Locale }): T {
  if (!schema) return undefined as T;
  const { where } = part;
  const parsed = parseIn(schema, value ?? {}, part);
  if ('issues' in parsed) throw new InvalidInputError(`invalid ${where}: ${parsed.issues.join('; ')}`, { issues: parsed.issues });
  return parsed.data;
}

/** Express's path params as strings (a wildcard's segments joined back). */
function pathParams(req: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(req.params).map(([name, value]) => [name, Array.isArray(value) ? value.join('/') : value]));
}

/** The page of the console form this request came from, when its route declares one. */
export function formPageOf(res: Response): string | undefined {
  return res.locals.formPage as string | undefined;
}

/** Mounts each spec: access, CSRF for cookie sessions, rate limit, schema validation, then the handler. */
export function mountRoutes(router: Router, deps: ApiDeps, specs: readonly RouteSpec[]): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (spec.formPage) res.locals.formPage = spec.formPage(pathParams(req));
        const principal = principalOf(res);
        if (spec.page && !principal && spec.access.kind !== 'public') {
          const lang = typeof req.query.lang === 'string' ? `&lang=${encodeURIComponent(req.query.lang)}` : '';
          res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}${lang}`);
          return;
        }
        checkAccess(spec.access, principal);
        if (UNSAFE_METHODS.has(spec.method)) checkCsrf(req, principal);
        if (spec.rateLimit) await enforceRateLimit(deps.redis, deps.config.jobs.queuePrefix, spec.rateLimit, req);
        const locale = spec.page ? localeOf(req) : 'en';
        const params = parsePart(spec.params, req.params, { where: 'params', locale });
        const query = parsePart(spec.query, req.query, { where: 'query', locale });
        // A console page's body is the form the visitor filled in, named so in its problems.
        const body = spec.body ? parsePart(spec.body, req.body, { where: spec.page ? 'form' : 'body', locale }) : undefined;
        await spec.handle({ req, res, deps, principal, params, query, body });
      } catch (error) {
        next(error);
      }
    });
  }
}
