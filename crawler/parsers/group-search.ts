import { absoluteUrl, cleanText } from './shared.js';

/** A group or page a search turned up, before anyone checked whether it is about the organization. */
export interface GroupCandidate {
  platform: string;
  url: string;
  name: string;
  description: string;
  memberCount?: number;
}

interface RedditSubreddit {
  display_name_prefixed?: unknown;
  title?: unknown;
  public_description?: unknown;
  subscribers?: unknown;
  url?: unknown;
}

/** Pure: Reddit's public subreddit search listing (`/subreddits/search.json`) to candidates. */
export function parseRedditSubredditSearch(json: unknown, baseUrl = 'https://www.reddit.com'): GroupCandidate[] {
  const children = (json as { data?: { children?: { kind?: string; data?: RedditSubreddit }[] } })?.data?.children;
  if (!Array.isArray(children)) return [];
  return children.flatMap((child) => {
    const data = child.data;
    if (child.kind !== 't5' || !data || typeof data.url !== 'string') return [];
    const url = absoluteUrl(data.url, baseUrl);
    if (!url) return [];
    const title = typeof data.title === 'string' ? data.title : '';
    const prefixed = typeof data.display_name_prefixed === 'string' ? data.display_name_prefixed : '';
    return [
      {
        platform: 'reddit',
        url,
        name: cleanText(title || prefixed),
        description: cleanText(typeof data.public_description === 'string' ? data.public_description : ''),
        ...(typeof data.subscribers === 'number' ? { memberCount: data.subscribers } : {}),
      },
    ];
  });
}
