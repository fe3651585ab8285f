/**
 * The crawler's contract, type-only so any folder may import it.
 *
 * A `SourceAdapter` turns one source (a forum page, a feed, a public API listing, a group page) into
 * normalised `CapturedPost`s. An adapter fetches through the shared HTTP or browser client it is
 * given and parses with a pure function tested on fixture files. It must not write to the database,
 * classify, or decide retries: it throws `SourceUnavailableError` (transient: timeout, 5xx, 429) or
 * `SourceRejectedError` (permanent: 404, 410, robots.txt, SSRF guard) and the job layer acts on that.
 * The HTTP client and the browser are owned by the worker and passed in; adapters close only the
 * pages and contexts they open.
 */

/** Source types; `crawler/registry.ts` maps each to its adapter. */
export type SourceType = 'html' | 'browser' | 'rss' | 'mastodon' | 'reddit' | 'bluesky' | 'group-page';

/** One post as the source shows it, normalised; no library types. */
export interface CapturedPost {
  /** The source's own id for the post (or its canonical URL when it has none). */
  externalId: string;
  url: string | undefined;
  author: string | undefined;
  text: string;
  /** UTC. */
  publishedAt: Date | undefined;
  /** Absolute URLs of images in the post. */
  images: string[];
  /** Language the source declares, if any. */
  lang: string | undefined;
  /** SHA-256 of the raw item (HTML fragment or JSON) it was parsed from. */
  rawHash: string;
}

/** CSS selectors for HTML sources (html and browser adapters). */
export interface PostSelectors {
  /** Each match is one post. */
  item: string;
  text: string;
  author?: string;
  /** Element with an href to the post; its URL is the external id when `id` is absent. */
  link?: string;
  /** Attribute holding the post's id on the item element. */
  idAttribute?: string;
  /** Element whose `datetime` attribute or text is the publication date. */
  date?: string;
  /** Link to the next page. */
  nextPage?: string;
}

/** What an adapter needs to know about a source (the stored source, without its status). */
export interface SourceConfig {
  sourceId: string;
  org: string;
  type: SourceType;
  url: string;
  selectors?: PostSelectors;
  limits?: {
    /** Pages followed through `nextPage`. @default 5 */
    maxPages?: number;
    /** Posts kept per crawl. @default 500 */
    maxItems?: number;
  };
}

/** One fetch kept as evidence. */
export interface FetchedPage {
  url: string;
  fetchedAt: Date;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  contentType: string | undefined;
  /** PNG of the rendered page, for pages the browser rendered. */
  screenshot?: Uint8Array;
}

export interface CrawlOutput {
  pages: FetchedPage[];
  /** Each post with the index of the page it came from, so it can point to that capture. */
  posts: (CapturedPost & { pageIndex: number })[];
  /** True when a limit stopped the crawl before the source's end. */
  partial: boolean;
}

/** Fetching as the worker provides it: SSRF guard, robots.txt and politeness already applied. */
export interface PageFetcher {
  /**
   * Throws unless the URL passes the SSRF guard and robots.txt; waits for the host's turn and
   * returns the function that gives the host's request slot back (call it when the page is done).
   */
  checkAllowed(url: string): Promise<() => Promise<void>>;
  /** The decoded page, or `undefined` when it was not modified since the last crawl. */
  fetchPage(url: string): Promise<(FetchedPage & { text: string }) | undefined>;
}

export interface SourceAdapter {
  readonly type: SourceType;
  crawl(source: SourceConfig, fetcher: PageFetcher): Promise<CrawlOutput>;
}
