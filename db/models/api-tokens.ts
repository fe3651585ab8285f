import { Schema } from 'mongoose';

export const API_TOKENS_COLLECTION = 'api_tokens';

/** A bearer token for integrations, stored as its SHA-256; it acts as its user. */
export const apiTokenSchema = new Schema(
  {
    _id: { type: String, required: true, match: /^[a-f0-9]{64}$/ },
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 100 },
    revokedAt: Date,
  },
  { collection: API_TOKENS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
apiTokenSchema.index({ userId: 1 });
