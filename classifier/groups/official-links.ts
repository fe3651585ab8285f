/** Hosts of the platforms groups live on, to know which official account a group must link to. */
const PLATFORM_HOSTS = new Map<string, string>([
  ['facebook.com', 'facebook'],
  ['fb.com', 'facebook'],
  ['m.facebook.com', 'facebook'],
  ['instagram.com', 'instagram'],
  ['x.com', 'x'],
  ['twitter.com', 'x'],
  ['linkedin.com', 'linkedin'],
  ['youtube.com', 'youtube'],
  ['tiktok.com', 'tiktok'],
  ['reddit.com', 'reddit'],
  ['discord.gg', 'discord'],
  ['discord.com', 'discord'],
  ['bsky.app', 'bluesky'],
]);

export interface NormalizedLink {
  host: string;
  path: string;
}

// URLs with a scheme, and bare domains such as "portage.ca" or "www.facebook.com/PortageCanada".
// A domain has at most ten labels of at most 63 characters (the DNS's own limit for a label):
// unbounded, a description of 20,000 characters such as "a.a.a.…" was read from each label to the
// end again (160 ms, growing with the square of the length).
export const LINK = /\bhttps?:\/\/[^\s<>"')\]]+|\b(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}(?:\/[^\s<>"')\]]*)?/gi;

/** Every link-looking piece of a description, in order. */
export function extractLinks(text: string): string[] {
  return [...text.matchAll(LINK)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
}

/** Host without `www.`/`m.` and lower-cased path without trailing slash; undefined when not a web address. */
export function normalizeLink(link: string): NormalizedLink | undefined {
  try {
    const url = new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const host = url.hostname.toLowerCase().replace(/^(www|m)\./, '');
    return { host, path: url.pathname.replace(/\/+$/, '').toLowerCase() };
  } catch {
    return undefined;
  }
}

export function platformOf(link: string): string | undefined {
  const normalized = normalizeLink(link);
  return normalized ? PLATFORM_HOSTS.get(normalized.host) : undefined;
}

/** True when one of the links points to the target: same host, and the target's path (if any) as a prefix. */
export function linksTo(links: readonly string[], target: string): boolean {
  const wanted = normalizeLink(target);
  if (!wanted) return false;
  return links.some((link) => {
    const found = normalizeLink(link);
    return found !== undefined && found.host === wanted.host && (wanted.path === '' || found.path === wanted.path || found.path.startsWith(`${wanted.path}/`));
  });
}
