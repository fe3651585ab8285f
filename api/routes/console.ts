import { Router } from 'express';
import { countFlagsByStatus } from '../../db/flag-repository.js';
import { listOrganizations } from '../../db/organization-repository.js';
import { renderHome } from '../console/home-view.js';
import { pickLocale } from '../console/i18n.js';
import { CONSOLE_CSS } from '../console/layout.js';
import type { ApiDeps } from '../deps.js';
import { checkHealth } from './health.js';

export function consoleRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/console.css', (_req, res) => {
    res.type('text/css').send(CONSOLE_CSS);
  });
  router.get('/', async (req, res) => {
    const locale = pickLocale(req.query.lang, req.get('accept-language'));
    const [counts, organizations, health] = await Promise.all([
      countFlagsByStatus(deps.store.models),
      listOrganizations(deps.store.models),
      checkHealth(deps),
    ]);
    res.type('html').send(
      renderHome({
        locale,
        counts,
        organizations: organizations.map((org) => ({ slug: org.slug, name: org.name, demo: org.demo === true })),
        health,
      }),
    );
  });
  return router;
}
