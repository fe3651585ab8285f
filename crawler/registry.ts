import { SourceRejectedError } from '../lib/errors.js';
import { htmlAdapter } from './adapters/html-adapter.js';
import { blueskyAdapter, mastodonAdapter, redditAdapter } from './adapters/json-api-adapter.js';
import { rssAdapter } from './adapters/rss-adapter.js';
import type { SourceAdapter, SourceType } from './types.js';

/** The one place that maps a source type to its adapter. */
const ADAPTERS: Partial<Record<SourceType, SourceAdapter>> = {
  html: htmlAdapter,
  rss: rssAdapter,
  mastodon: mastodonAdapter,
  reddit: redditAdapter,
  bluesky: blueskyAdapter,
};

export function getAdapterOrThrow(type: SourceType): SourceAdapter {
  const adapter = ADAPTERS[type];
  if (!adapter) throw new SourceRejectedError(`source type ${type} is not supported by this build yet`);
  return adapter;
}
