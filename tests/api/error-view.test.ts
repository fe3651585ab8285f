import { describe, expect, it } from 'vitest';
import { NotAuthenticatedError } from '../../lib/errors.js';
import type { HandlerInput } from '../../api/route-spec.js';
import { pageContext } from '../../api/routes/console-forms.js';
import { ROUTES } from '../../api/routes/index.js';

const consoleRoutes = ROUTES.filter((route) => route.tag === 'console');

/** Console pages a visitor can open, as patterns over their paths. */
const pages = consoleRoutes
  .filter((route) => route.method === 'get')
  .map((route) => new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+')}$`));

/** Forms with a page of their own; signing in and out answer for themselves. */
const forms = consoleRoutes.filter((route) => route.method === 'post' && route.path !== '/login' && route.path !== '/logout');

describe('the way back from a refused console form', () => {
  it.each(forms.map((route) => [route.path, route] as const))('when a form posted to %s is refused on an error page, then that page can lead back to a console page', (path, route) => {
    const params = Object.fromEntries([...path.matchAll(/:([^/]+)/g)].map(([, name]) => [name!, `some-${name}`]));

    const page = route.formPage?.(params);

    expect(page).toBeDefined();
    expect(pages.some((pattern) => pattern.test(page!))).toBe(true);
  });

  it('when a member key holds a slash, then the way back keeps it inside one path segment', () => {
    const lift = forms.find((route) => route.path === '/members/:org/:memberKey/lift')!;

    expect(lift.formPage!({ org: 'portage', memberKey: 'a/b' })).toBe('/members/portage/a%2Fb');
  });
});

describe('a console page drawn without a signed-in visitor', () => {
  it('when a page handler gets no principal (a route admitting the public by mistake), then it refuses as not signed in instead of drawing a page', () => {
    const input = { req: {}, res: {}, deps: {}, principal: undefined, params: {}, query: {}, body: {} } as unknown as HandlerInput<unknown, unknown, unknown>;

    expect(() => pageContext(input)).toThrow(NotAuthenticatedError);
  });
});
