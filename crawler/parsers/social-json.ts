import { load } from 'cheerio';
import type { CapturedPost } from '../types.js';
import { absoluteUrl, cleanText, parseDate, sha256 } from './shared.js';

/**
 * Public JSON APIs of social networks to captured posts. Pure: the parsed response in, posts out.
 * Unknown shapes give no posts rather than throwing: fields are read defensively.
 */
type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function htmlText(html: string): string {
  const $ = load(html);
  $('br').replaceWith(' ');
  $('p').after(' ');
  return cleanText($.root().text());
}

/** Mastodon: account statuses or a hashtag timeline (an array of Status entities). */
export function parseMastodonStatuses(body: unknown, pageUrl: string): CapturedPost[] {
  return asArray(body).flatMap((raw) => {
    const status = asObject(asObject(raw).reblog ?? raw);
    const id = asString(status.id);
    const text = htmlText(asString(status.content) ?? '');
    if (!id || !text) return [];
    const account = asObject(status.account);
    return [
      {
        externalId: asString(status.uri) ?? id,
        url: absoluteUrl(asString(status.url), pageUrl),
        author: asString(account.acct),
        text,
        publishedAt: parseDate(asString(status.created_at)),
        images: asArray(status.media_attachments)
          .map(asObject)
          .filter((media) => media.type === 'image')
          .map((media) => absoluteUrl(asString(media.url), pageUrl))
          .filter((url): url is string => url !== undefined),
        lang: asString(status.language),
        rawHash: sha256(JSON.stringify(raw)),
      },
    ];
  });
}

/** Reddit: a public listing (subreddit, search or comments), posts (t3) and comments (t1). */
export function parseRedditListing(body: unknown, pageUrl: string): CapturedPost[] {
  const listings = Array.isArray(body) ? body : [body];
  return listings.flatMap((listing) =>
    asArray(asObject(asObject(listing).data).children).flatMap((raw) => {
      const child = asObject(raw);
      const data = asObject(child.data);
      const name = asString(data.name);
      const text = cleanText([asString(data.title), asString(data.selftext), asString(data.body)].filter(Boolean).join('\n'));
      if ((child.kind !== 't3' && child.kind !== 't1') || !name || !text) return [];
      const created = typeof data.created_utc === 'number' ? new Date(data.created_utc * 1000) : undefined;
      const preview = asObject(asArray(asObject(data.preview).images)[0]);
      const image = asString(asObject(preview.source).url);
      return [
        {
          externalId: name,
          url: absoluteUrl(asString(data.permalink), 'https://www.reddit.com/') ?? absoluteUrl(asString(data.url), pageUrl),
          author: asString(data.author),
          text,
          publishedAt: created,
          images: image ? [image.replaceAll('&amp;', '&')] : [],
          lang: undefined,
          rawHash: sha256(JSON.stringify(raw)),
        },
      ];
    }),
  );
}

/** Bluesky AppView: `searchPosts` ({posts}) or `getAuthorFeed` ({feed: [{post}]}). */
export function parseBlueskyPosts(body: unknown): CapturedPost[] {
  const root = asObject(body);
  const posts = root.posts !== undefined ? asArray(root.posts) : asArray(root.feed).map((item) => asObject(item).post);
  return posts.flatMap((raw) => {
    const post = asObject(raw);
    const record = asObject(post.record);
    const uri = asString(post.uri);
    const text = cleanText(asString(record.text) ?? '');
    if (!uri || !text) return [];
    const author = asObject(post.author);
    const handle = asString(author.handle);
    const rkey = uri.split('/').pop();
    return [
      {
        externalId: uri,
        url: handle && rkey ? `https://bsky.app/profile/${handle}/post/${rkey}` : undefined,
        author: handle,
        text,
        publishedAt: parseDate(asString(record.createdAt)),
        images: asArray(asObject(post.embed).images)
          .map((image) => asString(asObject(image).fullsize))
          .filter((url): url is string => url !== undefined && /^https:\/\//.test(url)),
        lang: asString(asArray(record.langs)[0]),
        rawHash: sha256(JSON.stringify(raw)),
      },
    ];
  });
}
