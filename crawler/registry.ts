import { SourceRejectedError } from '../lib/errors.js';
import { htmlAdapter } from './adapters/html-adapter.js';
import { blueskyAdapter, mastodonAdapter, redditAdapter } from './adapters/json-api-adapter.js';
import { rssAdapter } from './adapters/rss-adapter.js';
import { createBrowserAdapter, type BrowserAdapterOptions } from './adapters/browser-adapter.js';
import type { SourceAdapter, SourceType } from './types.js';

/** What adapters may need from the worker; only the browser adapter uses it today. */
export interface AdapterDeps {
  browser?: BrowserAdapterOptions;
}

/** The one place that maps a source type to its adapter (a factory, for adapters with resources). */
const ADAPTERS: Partial<Record<SourceType, (deps: AdapterDeps) => SourceAdapter | undefined>> = {
  html: () => htmlAdapter,
  rss: () => rssAdapter,
  mastodon: () => mastodonAdapter,
  reddit: () => redditAdapter,
  bluesky: () => blueskyAdapter,
  browser: (deps) => (deps.browser ? createBrowserAdapter(deps.browser) : undefined),
};

export function getAdapterOrThrow(type: SourceType, deps: AdapterDeps = {}): SourceAdapter {
  const adapter = ADAPTERS[type]?.(deps);
  if (!adapter) throw new SourceRejectedError(`source type ${type} is not supported by this build yet`, { fr: `le type de source ${type} n’est pas encore pris en charge` });
  return adapter;
}
