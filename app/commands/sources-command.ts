import { existsSync } from 'node:fs';
import { DEFAULT_CRAWL_SCHEDULE } from '../../db/models/sources.js';
import { packPathFor } from '../../classifier/rule-set/load.js';
import { loadConfig } from '../../config/index.js';
import { parseSourceFile } from '../../crawler/source-file.js';
import { insertCrawlRequest } from '../../db/crawl-request-repository.js';
import type { Models } from '../../db/models/index.js';
import { getOrganization } from '../../db/organization-repository.js';
import { findSourceOrg, upsertSource } from '../../db/source-repository.js';
import { terminalLocale } from '../../config/terminal-locale.js';
import { NotFoundError } from '../../lib/errors.js';
import { openStoreForCommand } from '../context.js';
import { readInputFile, usageError } from './args.js';

const USAGE = {
  en: 'usage: monitor sources list | sources add <source.yaml> | sources run <source id>',
  fr: 'utilisation : monitor sources list | sources add <source.yaml> | sources run <id de la source>',
};

/** What the command prints, in the terminal's language. */
const TEXT = {
  en: {
    saved: (id: string, type: string, url: string, schedule: string) => `source ${id} saved (${type} ${url}, ${schedule}); running workers schedule it within a minute`,
    requested: (id: string) => `crawl request ${id} saved; the workers queue it within seconds`,
    none: 'no sources yet: add one with monitor sources add <source.yaml>',
    header: ['id', 'org', 'type', 'state', 'last run', 'items', 'url'],
    states: { disabled: 'disabled', idle: 'idle', running: 'running', failed: 'failed', rejected: 'rejected' } as Record<string, string>,
    neverRun: 'never run',
    items: (count: number) => `${count} items`,
    error: (message: string) => `error: ${message}`,
  },
  fr: {
    saved: (id: string, type: string, url: string, schedule: string) =>
      `source ${id} enregistrée (${type} ${url}, ${schedule}) ; les workers en marche la planifient dans la minute`,
    requested: (id: string) => `demande de collecte ${id} enregistrée ; les workers la mettent en file dans les secondes qui suivent`,
    none: 'aucune source pour le moment : ajoutez-en une avec monitor sources add <source.yaml>',
    header: ['id', 'org', 'type', 'état', 'dernière collecte', 'éléments', 'url'],
    states: { disabled: 'désactivée', idle: 'en attente', running: 'en cours', failed: 'en échec', rejected: 'refusée' } as Record<string, string>,
    neverRun: 'jamais collectée',
    items: (count: number) => `${count} éléments`,
    error: (message: string) => `erreur : ${message}`,
  },
};

/**
 * `monitor sources list|add|run` for administrators: what the crawler watches, with each source's
 * last run; adding (or updating) one from its YAML file; and a crawl now, saved as a crawl
 * request that the workers queue within seconds (the same outbox as the API's).
 */
export async function runSourcesCommand(args: string[]): Promise<void> {
  const [action, target, ...extra] = args;
  if (extra.length > 0 || !action || (action === 'list' ? target !== undefined : target === undefined)) throw usageError(USAGE);
  if (!['list', 'add', 'run'].includes(action)) {
    throw usageError({ en: `unknown action "${action}"; ${USAGE.en}`, fr: `action inconnue « ${action} » ; ${USAGE.fr}` });
  }
  const locale = terminalLocale();
  const text = TEXT[locale];
  // Read and check the file before opening the store, so a bad file costs nothing.
  const source = action === 'add' ? parseSourceFile(readInputFile(target!), target!) : undefined;
  const { store, close } = await openStoreForCommand(loadConfig());
  try {
    if (action === 'list') process.stdout.write(await describeSources(store.models, locale));
    if (source) {
      if (!existsSync(packPathFor(source.org)) && !(await getOrganization(store.models, source.org))) {
        throw new NotFoundError(`${target}: no organization "${source.org}" (no rule pack in rules/packs and none in the store)`, {
          fr: `${target} : aucune organisation « ${source.org} » (ni paquet de règles dans rules/packs, ni fiche enregistrée)`,
        });
      }
      await upsertSource(store.models, source);
      process.stdout.write(`${text.saved(source.sourceId, source.type, source.url, source.schedule ?? DEFAULT_CRAWL_SCHEDULE)}\n`);
    }
    if (action === 'run') {
      const org = await findSourceOrg(store.models, target!);
      if (!org) throw new NotFoundError(`no source ${target} (see monitor sources list)`, { fr: `aucune source ${target} (voir monitor sources list)` });
      const request = await insertCrawlRequest(store.models, { org, sourceId: target!, requestedBy: 'cli' });
      process.stdout.write(`${text.requested(request.id)}\n`);
    }
  } finally {
    await close();
  }
}

async function describeSources(models: Models, locale: keyof typeof TEXT): Promise<string> {
  const text = TEXT[locale];
  const rows = await models.Source.find({}).sort({ org: 1, sourceId: 1 }).lean();
  if (rows.length === 0) return `${text.none}\n`;
  const lines = rows.map((row) => {
    const state = row.enabled === false ? 'disabled' : (row.status?.state ?? 'idle');
    return [
      row.sourceId,
      row.org,
      row.type,
      text.states[state] ?? state,
      row.status?.lastRunAt ? row.status.lastRunAt.toISOString() : text.neverRun,
      text.items(row.status?.itemsSeen ?? 0),
      row.url,
      row.status?.lastError ? text.error((locale === 'fr' ? row.status.lastErrorFr : undefined) ?? row.status.lastError) : '',
    ]
      .join('\t')
      .trimEnd();
  });
  return `${text.header.join('\t')}\n${lines.join('\n')}\n`;
}
