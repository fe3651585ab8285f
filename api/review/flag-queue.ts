import type { Store } from '../../db/connection.js';
import type { FlagFilters, FlagView } from '../../db/flag-review-repository.js';
import { onePer } from '../../lib/one-per.js';
import { flagScopeFor } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { loadItems, summarize, type FlaggedItem, type FlagSummary } from './flag-summary.js';
import { QueueReadModel, type QueueSlice } from './queue-read-model.js';

// The flag queue a reviewer pages through: the flags they may see, filtered and counted by view.

/** One read model per store connection, shared by every app built on it. */
const queueOf = onePer((store: Store) => new QueueReadModel<FlaggedItem>(store.models, store.changes, (flags) => loadItems(store.models, flags)));

/** Which page of the queue, counted from 1, and how many flags a page holds. */
interface PageRequest {
  page: number;
  pageSize: number;
}

export interface QueuePage {
  items: FlagSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<FlagView, number>;
}

export async function listQueue(
  deps: ApiDeps,
  principal: Principal,
  filters: FlagFilters,
  page: PageRequest,
): Promise<QueuePage> {
  const queue = queueOf(deps.store);
  return buildQueuePage(queue, await queue.slice(flagScopeFor(principal), filters), principal, filters.view, page);
}

async function buildQueuePage(
  queue: QueueReadModel<FlaggedItem>,
  slice: QueueSlice,
  principal: Principal,
  view: FlagView,
  page: PageRequest,
): Promise<QueuePage> {
  const rows = slice.rows.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  const items = await queue.itemsFor(rows);
  return {
    items: rows.map((flag) => summarize(flag, items.get(String(flag.itemId)), principal, false)),
    total: slice.counts[view],
    page: page.page,
    pageSize: page.pageSize,
    counts: slice.counts,
  };
}

const PAGE_CACHE_ENTRIES = 500;
const pageCacheOf = onePer((_store: Store) => new Map<string, { stamp: string; validUntil: number; json: Buffer }>());

/**
 * One page of the queue as UTF-8 JSON. Pages are kept per caller and query until a flag or item
 * changes or a claim on them expires, so a reviewer refreshing the queue costs no serialization.
 */
export async function listQueueJson(
  deps: ApiDeps,
  principal: Principal,
  filters: FlagFilters,
  page: PageRequest,
): Promise<Buffer> {
  const queue = queueOf(deps.store);
  const scope = flagScopeFor(principal);
  const slice = await queue.slice(scope, filters);
  const cache = pageCacheOf(deps.store);
  const key = JSON.stringify([principal.userId, scope, filters, page]);
  const cached = cache.get(key);
  if (cached && cached.stamp === slice.stamp && cached.validUntil > Date.now()) return cached.json;

  const json = Buffer.from(JSON.stringify(await buildQueuePage(queue, slice, principal, filters.view, page)));
  if (cache.size >= PAGE_CACHE_ENTRIES) cache.clear();
  cache.set(key, { stamp: slice.stamp, validUntil: slice.validUntil, json });
  return json;
}

