import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

/**
 * An ObjectId derived from a natural key (a post's source and external id, a flag's item and
 * category). Looking a document up by its natural key is then an `_id` lookup, the one query the
 * embedded store answers without reading the whole collection, and two writers creating the same
 * document collide on `_id`. Documents stored before keep their random ids: callers fall back to
 * the natural-key query when the derived id is taken by nobody but the unique index says it exists.
 */
export function derivedObjectId(...keyParts: string[]): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(createHash('sha256').update(keyParts.join('\u0000')).digest().subarray(0, 12));
}
