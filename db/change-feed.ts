import { EventEmitter } from 'node:events';
import mongoose, { type Connection, type Schema } from 'mongoose';
import { onePer } from '../lib/one-per.js';

/**
 * Which documents of a collection were written. `ids` is undefined when the write's filter did not
 * name them (an updateMany on a field, say): readers must then treat the whole collection as changed.
 */
export interface StoreChange {
  /** A collection name, or `*` when everything may have changed (the relay lost messages). */
  collection: string;
  ids?: string[];
  /** Set on changes replayed from other processes, so the relay does not send them back. */
  remote?: true;
}

/**
 * Writes made through the models of one connection, announced after they succeed. Read models
 * (the review queue, the sign-in cache) use it to stay fresh without polling the store, whose
 * embedded form scans a whole collection for any query but an `_id` lookup. Other processes'
 * writes arrive through app/change-relay.ts.
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  announce(change: StoreChange): void {
    const ids = change.ids ? [...new Set(change.ids)] : undefined;
    if (ids && ids.length === 0) return;
    this.emitter.emit('change', {
      collection: change.collection,
      ...(ids ? { ids } : {}),
      ...(change.remote ? { remote: true } : {}),
    } satisfies StoreChange);
  }

  /** Returns the function that stops listening. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}

export const changeFeedOf: (connection: Connection) => ChangeFeed = onePer(() => new ChangeFeed());

/** The ids a filter pins down: `{_id: x}` or `{_id: {$in: [...]}}`; undefined for anything else. */
export function idsOfFilter(filter: Record<string, unknown> | undefined): string[] | undefined {
  const id = filter?._id;
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string' || id instanceof mongoose.Types.ObjectId) return [String(id)];
  if (typeof id === 'object' && Array.isArray((id as { $in?: unknown }).$in)) return ((id as { $in: unknown[] }).$in).map(String);
  return undefined;
}

type QueryThis = mongoose.Query<unknown, unknown> & { model: mongoose.Model<unknown> };

/**
 * Mongoose plugin: every successful write through the model is announced on its connection's
 * feed, with the ids when the write names them (documents saved or returned, `_id` filters,
 * upserted ids).
 */
export function announceWrites(schema: Schema, options: { collection: string }): void {
  const { collection } = options;
  const announce = (connection: Connection, ids: string[] | undefined) =>
    changeFeedOf(connection).announce(ids ? { collection, ids } : { collection });
  // Mongoose's overloads do not type a hook registered for several operations at once.
  const post = schema.post.bind(schema) as unknown as (operations: string | string[], ...handler: unknown[]) => void;

  post('save', function (doc: mongoose.Document) {
    announce((doc.constructor as mongoose.Model<unknown>).db, [String(doc._id)]);
  });
  post('insertMany', function (this: mongoose.Model<unknown>, docs: mongoose.Document[]) {
    announce(this.db, docs.map((doc) => String(doc._id)));
  });
  // An unordered insertMany that met duplicate keys fails, yet wrote the other documents.
  post('insertMany', function (this: mongoose.Model<unknown>, error: { insertedDocs?: { _id?: unknown }[] }, _docs: unknown, next: (error: unknown) => void) {
    const inserted = error?.insertedDocs ?? [];
    if (inserted.length > 0) announce(this.db, inserted.map((doc) => String(doc._id)));
    next(error);
  });
  post(['findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace'], function (this: QueryThis, doc: { _id?: unknown } | null) {
    const ids = doc?._id !== undefined ? [String(doc._id)] : idsOfFilter(this.getFilter());
    if (doc === null && ids === undefined) return; // Nothing matched, nothing written.
    announce(this.model.db, ids);
  });
  post(['updateOne', 'updateMany', 'replaceOne'], function (this: QueryThis, result: { modifiedCount?: number; upsertedCount?: number; upsertedId?: unknown }) {
    if (!result || ((result.modifiedCount ?? 0) === 0 && (result.upsertedCount ?? 0) === 0)) return;
    const upserted = result.upsertedId !== undefined && result.upsertedId !== null && (result.modifiedCount ?? 0) === 0;
    announce(this.model.db, upserted ? [String(result.upsertedId)] : idsOfFilter(this.getFilter()));
  });
  post(['deleteOne', 'deleteMany'], { document: false, query: true }, function (this: QueryThis, result: { deletedCount?: number }) {
    if (!result || (result.deletedCount ?? 0) === 0) return;
    announce(this.model.db, idsOfFilter(this.getFilter()));
  });
}
