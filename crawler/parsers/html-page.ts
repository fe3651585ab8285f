import { load } from 'cheerio';
import type { CapturedPost, PostSelectors } from '../types.js';
import { absoluteUrl, cleanText, parseDate, sha256 } from './shared.js';

export interface ParsedPage {
  posts: CapturedPost[];
  /** Absolute URL of the next page, when the selectors name one. */
  nextPage: string | undefined;
}

/**
 * An HTML page to captured posts with CSS selectors. Pure: the page's HTML and URL in, posts out.
 * Text is read as text (never as markup), scripts and styles removed first.
 */
export function parseHtmlPage(html: string, pageUrl: string, selectors: PostSelectors): ParsedPage {
  const $ = load(html);
  $('script, style, noscript, template').remove();
  const lang = $('html').attr('lang') || undefined;
  const posts = $(selectors.item)
    .toArray()
    .map((element) => {
      const item = $(element);
      const url = absoluteUrl(selectors.link ? item.find(selectors.link).first().attr('href') : undefined, pageUrl);
      const id = (selectors.idAttribute && item.attr(selectors.idAttribute)) || url;
      const dateElement = selectors.date ? item.find(selectors.date).first() : undefined;
      const raw = $.html(element);
      return {
        externalId: id ?? sha256(raw),
        url,
        author: selectors.author ? cleanText(item.find(selectors.author).first().text()) || undefined : undefined,
        text: cleanText(item.find(selectors.text).text()),
        publishedAt: parseDate(dateElement?.attr('datetime') ?? dateElement?.text()),
        images: item
          .find('img[src]')
          .toArray()
          .map((image) => absoluteUrl($(image).attr('src'), pageUrl))
          .filter((image): image is string => image !== undefined),
        lang,
        rawHash: sha256(raw),
      };
    })
    .filter((post) => post.text !== '');
  const next = selectors.nextPage ? absoluteUrl($(selectors.nextPage).first().attr('href'), pageUrl) : undefined;
  return { posts, nextPage: next };
}
