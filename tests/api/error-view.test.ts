import { describe, expect, it } from 'vitest';
import { formPageOf } from '../../api/console/error-view.js';

describe('the way back from a refused console form', () => {
  it.each([
    ['POST', '/flags/abc123/decision', '/flags/abc123'],
    ['POST', '/flags/abc123/reveal', '/flags/abc123'],
    ['POST', '/members/portage/colere_anon/acknowledge', '/members/portage/colere_anon'],
    ['POST', '/members/portage/a%2Fb/lift', '/members/portage/a%2Fb'],
    ['POST', '/rules/portage/versions', '/rules/portage'],
    ['POST', '/rules/portage/versions/4474b04c/activate', '/rules/portage'],
    ['POST', '/groups/register', '/groups/register'],
    ['POST', '/report', '/report'],
  ])('when %s %s is refused, then the page leads back to %s', (method, path, page) => {
    expect(formPageOf(method, path)).toBe(page);
  });

  it.each([
    ['GET', '/flags/abc123/decision'],
    ['POST', '/flags/abc123/decision/extra'],
    ['POST', '//evil.example/flags/x/decision'],
    ['POST', '/api/flags/abc123/decision'],
  ])('when %s %s fails, then there is no form page and the link goes to the queue', (method, path) => {
    expect(formPageOf(method, path)).toBeUndefined();
  });
});
