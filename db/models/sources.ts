import { Schema } from 'mongoose';

export const SOURCES_COLLECTION = 'sources';

/** How often a source is crawled when its file names no schedule. */
export const DEFAULT_CRAWL_SCHEDULE = 'every 30 minutes';

export const SOURCE_TYPES = ['html', 'browser', 'rss', 'mastodon', 'reddit', 'bluesky', 'group-page'] as const;

/** Where a source's last crawl left it. */
export const SOURCE_STATES = ['idle', 'running', 'failed', 'rejected'] as const;

/** A place the crawler watches for an organization. */
export const sourceSchema = new Schema(
  {
    sourceId: { type: String, required: true, match: /^[a-z0-9][a-z0-9_-]{0,79}$/ },
    org: { type: String, required: true },
    type: { type: String, required: true, enum: SOURCE_TYPES },
    url: { type: String, required: true, maxlength: 2048 },
    schedule: { type: String, default: DEFAULT_CRAWL_SCHEDULE },
    selectors: { type: Schema.Types.Mixed },
    limits: { type: Schema.Types.Mixed },
    enabled: { type: Boolean, default: true },
    status: {
      state: { type: String, enum: SOURCE_STATES, default: 'idle' },
      lastRunAt: Date,
      lastError: String,
      /** The same error in French, for the console and a French terminal. */
      lastErrorFr: String,
      itemsSeen: { type: Number, default: 0 },
      lastSeenExternalId: String,
      /** The crawl in progress (state running), or the last one: pages fetched, posts read and stored, posts skipped. */
      progress: {
        startedAt: Date,
        pages: Number,
        postsRead: Number,
        postsStored: Number,
        postsSkipped: Number,
      },
    },
  },
  { collection: SOURCES_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
sourceSchema.index({ sourceId: 1 }, { unique: true });
sourceSchema.index({ org: 1 });
