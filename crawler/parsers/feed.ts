import { load } from 'cheerio';
import type { CapturedPost } from '../types.js';
import { absoluteUrl, cleanText, parseDate, sha256 } from './shared.js';

/**
 * RSS 2.0 and Atom to captured posts. Pure: the feed's XML text and its URL in, posts out. HTML
 * inside descriptions is reduced to its text; scripts never survive.
 */
export function parseFeed(xml: string, feedUrl: string): CapturedPost[] {
  const $ = load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const isAtom = $('feed > entry').length > 0;
  const items = isAtom ? $('feed > entry') : $('rss > channel > item, rdf\\:RDF > item');
  const feedLang = $('rss > channel > language').first().text().trim() || $('feed').attr('xml:lang') || undefined;
  return items
    .toArray()
    .map((element) => {
      const item = $(element);
      const link = isAtom
        ? (item.find('link[rel="alternate"]').attr('href') ?? item.find('link').first().attr('href'))
        : item.children('link').first().text().trim();
      const url = absoluteUrl(link, feedUrl);
      const id = (isAtom ? item.children('id').first().text() : item.children('guid').first().text()).trim() || url;
      const title = cleanText(item.children('title').first().text());
      const body = htmlToText(
        isAtom ? item.children('content').first().text() || item.children('summary').first().text() : item.children('description').first().text(),
      );
      const author = cleanText(
        isAtom ? item.find('author > name').first().text() : item.children('author').first().text() || item.children('dc\\:creator').first().text(),
      );
      const date = isAtom ? item.children('published').first().text() || item.children('updated').first().text() : item.children('pubDate').first().text();
      return {
        externalId: id ?? sha256($.xml(element)),
        url,
        author: author || undefined,
        text: [title, body].filter(Boolean).join('\n'),
        publishedAt: parseDate(date),
        images: item
          .find('enclosure[type^="image"], media\\:content[medium="image"], media\\:thumbnail')
          .toArray()
          .map((image) => absoluteUrl($(image).attr('url'), feedUrl))
          .filter((image): image is string => image !== undefined),
        lang: feedLang,
        rawHash: sha256($.xml(element)),
      };
    })
    .filter((post) => post.text !== '');
}

function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return cleanText(html);
  const $ = load(html);
  $('script, style, noscript').remove();
  return cleanText($.root().text());
}
