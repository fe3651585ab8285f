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
