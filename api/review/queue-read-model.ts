import type { ChangeFeed, StoreChange } from '../../db/change-feed.js';
import { isFlagInScope, type FlagFilters, type FlagRow, type FlagScope, type FlagView } from '../../db/flag-review-repository.js';
import { FLAGS_COLLECTION } from '../../db/models/flags.js';
import { GROUPS_COLLECTION } from '../../db/models/groups.js';
import type { Models } from '../../db/models/index.js';
import { POSTS_COLLECTION } from '../../db/models/posts.js';
import { REPORTS_COLLECTION } from '../../db/models/reports.js';
import { appLogger } from '../../lib/logger.js';

/** Past this many changed flags, one full read is cheaper than as many `_id` lookups. */
const PATCH_LIMIT = 300;
/** Safety net for changes a relay may have dropped (a process that died between write and publish). */
const RESYNC_MS = 5 * 60_000;
const SLICE_CACHE_ENTRIES = 200;
/** Items (post text, report, group) of the flags pages showed recently. */
const ITEM_CACHE_ENTRIES = 5_000;
const ITEM_COLLECTIONS = new Set([POSTS_COLLECTION, REPORTS_COLLECTION, GROUPS_COLLECTION]);

// Pure queue semantics, shared by every read of the model (scope: isFlagInScope in db/).

/** A claim past its `until` no longer holds: the flag is back in the open view. */
export function viewOf(flag: Pick<FlagRow, 'status' | 'claim'>, now: Date): FlagView {
  if (flag.status === 'claimed' && !(flag.claim?.until && flag.claim.until > now)) return 'open';
  return flag.status;
}

export function matchesFilters(flag: FlagRow, filters: Omit<FlagFilters, 'view'>): boolean {
  return (
    (filters.org === undefined || flag.org === filters.org) &&
    (filters.itemType === undefined || flag.itemType === filters.itemType) &&
    (filters.category === undefined || flag.category === filters.category) &&
    (filters.severity === undefined || flag.severity === filters.severity) &&
    (filters.sourceId === undefined || flag.sourceId === filters.sourceId) &&
    (filters.lang === undefined || flag.lang === filters.lang) &&
    (filters.from === undefined || flag.createdAt >= filters.from) &&
    (filters.to === undefined || flag.createdAt < filters.to)
  );
}

/** Highest severity first, then oldest, then by id so pages never overlap. */
export function byPriority(a: FlagRow, b: FlagRow): number {
  return b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime() || (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0);
}

export interface QueueSlice {
  /** The view's flags in queue order. */
  rows: FlagRow[];
  counts: Record<FlagView, number>;
  /** Changes whenever a flag or an item changes: anything derived from the slice is stale then. */
  stamp: string;
  /** When a claim in the slice expires (epoch ms): what the slice says is stale then too. */
  validUntil: number;
}

interface CachedSlice {
  generation: number;
  /** The earliest claim expiry among the slice's flags: after it, a claimed flag reads as open. */
  validUntil: number;
  rowsByView: Record<FlagView, FlagRow[]>;
  counts: Record<FlagView, number>;
}

/**
 * The review queue held in memory and kept fresh from the store's change feed. The embedded store
 * answers any query but an `_id` lookup by scanning the collection (seconds at 10,000 flags), so
 * listing and counting run here: the flags are read once, then only those the feed names are
 * re-read by id. The items a page shows (post text, report, group) are read by id when first shown
 * and kept until the feed says they changed. Memory: about the size of the flags collection.
 */
export class QueueReadModel<Item> {
  private flags = new Map<string, FlagRow>();
  private items = new Map<string, Item>();
  /** Bumped by every item change, so a read that raced one is not cached. */
  private itemChanges = 0;
  private sorted: FlagRow[] = [];
  private generation = 0;
  private sortedGeneration = -1;
  private slices = new Map<string, CachedSlice>();
  private dirtyFlags = new Set<string>();
  private reloadNeeded = true;
  private loadedAt = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly models: Models,
    feed: ChangeFeed,
    /** Reads the items (posts, reports, groups) behind flags, keyed by item id. */
    private readonly loadItems: (flags: readonly FlagRow[]) => Promise<Map<string, Item>>,
  ) {
    feed.subscribe((change) => this.noteChange(change));
  }

  private noteChange(change: StoreChange): void {
    if (change.collection === FLAGS_COLLECTION) {
      if (change.ids) for (const id of change.ids) this.dirtyFlags.add(id);
      else this.reloadNeeded = true;
    } else if (ITEM_COLLECTIONS.has(change.collection)) {
      this.itemChanges += 1;
      if (change.ids) for (const id of change.ids) this.items.delete(id);
      else this.items.clear();
    } else if (change.collection === '*') {
      this.reloadNeeded = true;
      this.itemChanges += 1;
      this.items.clear();
    }
  }

  /** The flags of one view that the scope may see and the filters keep, with the counts of every view. */
  async slice(scope: FlagScope, filters: FlagFilters, now = new Date()): Promise<QueueSlice> {
    await this.catchUp();
    const { view, ...others } = filters;
    const key = JSON.stringify([scope.orgs, scope.restrictedOrgs, others.org, others.itemType, others.category, others.severity, others.sourceId, others.lang, others.from, others.to]);
    let cached = this.slices.get(key);
    if (!cached || cached.generation !== this.generation || cached.validUntil <= now.getTime()) {
      cached = this.computeSlice(scope, others, now);
      if (this.slices.size >= SLICE_CACHE_ENTRIES) this.slices.clear();
      this.slices.set(key, cached);
    }
    return {
      rows: cached.rowsByView[view],
      counts: cached.counts,
      stamp: `${this.generation}:${this.itemChanges}`,
      validUntil: cached.validUntil,
    };
  }

  /** The items behind some flags (a page), from memory or read by id. */
  async itemsFor(flags: readonly FlagRow[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const missing: FlagRow[] = [];
    for (const flag of flags) {
      const item = this.items.get(String(flag.itemId));
      if (item === undefined) missing.push(flag);
      else found.set(String(flag.itemId), item);
    }
    if (missing.length === 0) return found;
    const changesBefore = this.itemChanges;
    const loaded = await this.loadItems(missing);
    const keep = this.itemChanges === changesBefore;
    if (keep && this.items.size + loaded.size > ITEM_CACHE_ENTRIES) this.items.clear();
    for (const [id, item] of loaded) {
      found.set(id, item);
      if (keep) this.items.set(id, item);
    }
    return found;
  }

  private computeSlice(scope: FlagScope, filters: Omit<FlagFilters, 'view'>, now: Date): CachedSlice {
    if (this.sortedGeneration !== this.generation) {
      this.sorted = [...this.flags.values()].sort(byPriority);
      this.sortedGeneration = this.generation;
    }
    const rowsByView: Record<FlagView, FlagRow[]> = { open: [], claimed: [], escalated: [], resolved: [] };
    let validUntil = Number.POSITIVE_INFINITY;
    for (const flag of this.sorted) {
      if (!isFlagInScope(flag, scope) || !matchesFilters(flag, filters)) continue;
      rowsByView[viewOf(flag, now)].push(flag);
      const until = flag.status === 'claimed' ? flag.claim?.until?.getTime() : undefined;
      if (until !== undefined && until > now.getTime()) validUntil = Math.min(validUntil, until);
    }
    const counts = Object.fromEntries(Object.entries(rowsByView).map(([view, rows]) => [view, rows.length])) as Record<FlagView, number>;
    return { generation: this.generation, validUntil, rowsByView, counts };
  }

  /**
   * Applies what changed since the last read; concurrent readers share one catch-up. A reader that
   * finds one running waits for it, then checks again: its own earlier writes may have come after
   * that catch-up started.
   */
  private async catchUp(): Promise<void> {
    while (this.running) await this.running;
    const due = Date.now() - this.loadedAt > RESYNC_MS;
    if (!this.reloadNeeded && !due && this.dirtyFlags.size === 0) return;
    this.running = (this.reloadNeeded || due || this.dirtyFlags.size > PATCH_LIMIT ? this.reload() : this.patch()).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async reload(): Promise<void> {
    // Changes that arrive during the read stay marked and are applied by the next catch-up.
    this.reloadNeeded = false;
    this.dirtyFlags.clear();
    const started = Date.now();
    try {
      const rows = (await this.models.Flag.find({}).lean()) as unknown as FlagRow[];
      this.flags = new Map(rows.map((flag) => [String(flag._id), flag]));
      this.loadedAt = started;
      this.generation += 1;
      appLogger.debug({ flags: rows.length, ms: Date.now() - started }, 'review queue loaded');
    } catch (error) {
      this.reloadNeeded = true;
      throw error;
    }
  }

  private async patch(): Promise<void> {
    const flagIds = [...this.dirtyFlags];
    this.dirtyFlags.clear();
    try {
      const fresh = await Promise.all(flagIds.map((id) => this.models.Flag.findById(id).lean()));
      flagIds.forEach((id, at) => {
        const flag = fresh[at] as unknown as FlagRow | null;
        if (flag) this.flags.set(id, flag);
        else this.flags.delete(id);
      });
      this.generation += 1;
    } catch (error) {
      for (const id of flagIds) this.dirtyFlags.add(id);
      throw error;
    }
  }
}
