import { z } from 'zod/v4';
import { login, logout } from '../auth/login.js';
import { defineRoute, PUBLIC, SIGNED_IN, type RouteSpec } from '../route-spec.js';
import { emailAddress } from '../schemas/common.js';

export const LOGIN_RATE_LIMIT = { name: 'login', limit: 20, windowSeconds: 300 };

const credentials = z.strictObject({ email: emailAddress, password: z.string().min(1).max(256) });

export const sessionRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post',
    path: '/api/session',
    tag: 'session',
    summary: 'Sign in: sets the session cookie and returns the CSRF token to send with unsafe requests',
    access: PUBLIC,
    rateLimit: LOGIN_RATE_LIMIT,
    body: credentials,
    responses: { 200: 'signed in', 400: 'invalid input', 401: 'wrong credentials', 429: 'too many attempts' },
    async handle({ req, res, deps, body }) {
      res.json(await login(deps, res, body, req.ip));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/session',
    tag: 'session',
    summary: 'The signed-in user, their memberships and the CSRF token',
    access: SIGNED_IN,
    responses: { 200: 'the session', 401: 'not signed in' },
    async handle({ res, principal }) {
      res.json({
        user: { id: principal!.userId, email: principal!.email, memberships: principal!.memberships },
        via: principal!.via,
        ...(principal!.csrfToken ? { csrfToken: principal!.csrfToken } : {}),
      });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/session',
    tag: 'session',
    summary: 'Sign out: ends this session',
    access: SIGNED_IN,
    responses: { 204: 'signed out', 401: 'not signed in', 403: 'missing CSRF token' },
    async handle({ req, res, deps, principal }) {
      await logout(deps, res, principal!, req.ip);
      res.status(204).end();
    },
  }),
];
