import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_CRAWL_SCHEDULE } from '../../db/models/sources.js';
import { packPathFor } from '../../classifier/rule-set/load.js';
import { loadConfig } from '../../config/index.js';
import { parseSourceFile } from '../../crawler/source-file.js';
import { insertCrawlRequest } from '../../db/crawl-request-repository.js';
import type { Models } from '../../db/models/index.js';
import { getOrganization } from '../../db/organization-repository.js';
import { findSourceOrg, upsertSource } from '../../db/source-repository.js';
import { InvalidInputError, NotFoundError } from '../../lib/errors.js';
import { openStoreForCommand } from '../context.js';

const USAGE = 'usage: monitor sources list | sources add <source.yaml> | sources run <source id>';

/**
 * `monitor sources list|add|run` for administrators: what the crawler watches, with each source's
 * last run; adding (or updating) one from its YAML file; and a crawl now, saved as a crawl
 * request that the workers queue within seconds (the same outbox as the API's).
 */
export async function runSourcesCommand(args: string[]): Promise<void> {
  const [action, target, ...extra] = args;
  if (extra.length > 0 || !action || (action === 'list' ? target !== undefined : target === undefined)) throw new InvalidInputError(USAGE);
  if (!['list', 'add', 'run'].includes(action)) throw new InvalidInputError(`unknown action "${action}"; ${USAGE}`);
  // Read and check the file before opening the store, so a bad file costs nothing.
  const source = action === 'add' ? parseSourceFile(readSourceFile(target!), target!) : undefined;
  const { store, close } = await openStoreForCommand(loadConfig());
  try {
    if (action === 'list') process.stdout.write(await describeSources(store.models));
    if (source) {
      if (!existsSync(packPathFor(source.org)) && !(await getOrganization(store.models, source.org))) {
        throw new NotFoundError(`${target}: no organization "${source.org}" (no rule pack in rules/packs and none in the store)`);
      }
      await upsertSource(store.models, source);
      process.stdout.write(`source ${source.sourceId} saved (${source.type} ${source.url}, ${source.schedule ?? DEFAULT_CRAWL_SCHEDULE}); running workers schedule it within a minute\n`);
    }
    if (action === 'run') {
      const org = await findSourceOrg(store.models, target!);
      if (!org) throw new NotFoundError(`no source ${target} (see monitor sources list)`);
      const request = await insertCrawlRequest(store.models, { org, sourceId: target!, requestedBy: 'cli' });
      process.stdout.write(`crawl request ${request.id} saved; the workers queue it within seconds\n`);
    }
  } finally {
    await close();
  }
}

function readSourceFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function describeSources(models: Models): Promise<string> {
  const rows = await models.Source.find({}).sort({ org: 1, sourceId: 1 }).lean();
  if (rows.length === 0) return 'no sources yet: add one with monitor sources add <source.yaml>\n';
  const lines = rows.map((row) =>
    [
      row.sourceId,
      row.org,
      row.type,
      row.enabled === false ? 'disabled' : (row.status?.state ?? 'idle'),
      row.status?.lastRunAt ? row.status.lastRunAt.toISOString() : 'never run',
      `${row.status?.itemsSeen ?? 0} items`,
      row.url,
      row.status?.lastError ? `error: ${row.status.lastError}` : '',
    ].join('\t').trimEnd(),
  );
  return `${['id', 'org', 'type', 'state', 'last run', 'items', 'url'].join('\t')}\n${lines.join('\n')}\n`;
}
