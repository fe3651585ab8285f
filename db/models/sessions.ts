import { Schema } from 'mongoose';

export const SESSIONS_COLLECTION = 'sessions';

/**
 * A console session. `_id` is the SHA-256 of the cookie value, so a leaked database does not leak
 * usable cookies. `generation` must equal the user's: bumping it ends every session at once.
 */
export const sessionSchema = new Schema(
  {
    _id: { type: String, required: true, match: /^[a-f0-9]{64}$/ },
    userId: { type: Schema.Types.ObjectId, required: true },
    generation: { type: Number, required: true },
    csrfToken: { type: String, required: true },
    ip: String,
    expiresAt: { type: Date, required: true },
  },
  { collection: SESSIONS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
sessionSchema.index({ userId: 1 });
// No TTL index: FerretDB does not implement expireAfterSeconds. Lookups ignore expired rows and
// each login deletes them (db/session-repository.ts).
sessionSchema.index({ expiresAt: 1 });
