import { Schema } from 'mongoose';

export const CRAWL_REQUESTS_COLLECTION = 'crawl_requests';

/**
 * An administrator's "crawl this source now", kept in the store first (an outbox): when Redis is
 * down the request waits here as `pending` and is queued once Redis is back; a queued request is
 * removed (db/crawl-request-repository.ts).
 */
export const crawlRequestSchema = new Schema(
  {
    org: { type: String, required: true },
    sourceId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    status: { type: String, enum: ['pending'], default: 'pending' },
  },
  { collection: CRAWL_REQUESTS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
