import { Schema } from 'mongoose';

export const SUPPRESSIONS_COLLECTION = 'suppressions';

/**
 * Members whose data was erased: their public posts are not captured again. The _id is
 * `<org>:<sha256 of the author name>`, so the list holds no name and a lookup is by _id alone.
 */
export const suppressionSchema = new Schema(
  {
    _id: { type: String, required: true, match: /^[a-z0-9-]+:[a-f0-9]{64}$/ },
    org: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: SUPPRESSIONS_COLLECTION, strict: 'throw', strictQuery: 'throw' },
);
