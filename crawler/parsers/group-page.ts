import * as cheerio from 'cheerio';
import { absoluteUrl, cleanText } from './shared.js';

/** What the registry checks need from a group's or page's public page. */
export interface GroupPageMetadata {
  name: string;
  description: string;
  /** Links found in the description block (and the description's own text is searched too). */
  links: string[];
  /** Avatar, cover and shared images, absolute http(s) URLs. */
  imageUrls: string[];
  memberCount?: number;
}

export interface GroupPageSelectors {
  name?: string;
  description?: string;
  images?: string;
  members?: string;
}

// Common markup of public group pages: microdata-ish attributes first, then Open Graph, then headings.
const DEFAULTS: Required<GroupPageSelectors> = {
  name: '[data-group-name], [itemprop=name], h1',
  description: '[data-group-description], [itemprop=description], .group-description, .about',
  images: 'img[data-avatar], img[data-cover], .avatar img, .cover img, img.avatar, img.cover',
  members: '[data-member-count], .member-count',
};

const MAX_IMAGES = 10;

/** Pure: HTML of a group page to its metadata; empty strings when the page does not say. */
export function parseGroupPage(html: string, pageUrl: string, selectors: GroupPageSelectors = {}): GroupPageMetadata {
  const $ = cheerio.load(html);
  const pick = { ...DEFAULTS, ...selectors };
  const meta = (property: string) => $(`meta[property="${property}"], meta[name="${property}"]`).first().attr('content')?.trim();
  const name = cleanText($(pick.name).first().text()) || meta('og:title') || cleanText($('title').first().text());
  const descriptionBlock = $(pick.description).first();
  const description = cleanText(descriptionBlock.text()) || meta('og:description') || meta('description') || '';
  const links = descriptionBlock
    .find('a[href]')
    .map((_, a) => absoluteUrl($(a).attr('href'), pageUrl))
    .get()
    .filter((link): link is string => link !== undefined);
  const imageUrls = [
    meta('og:image'),
    ...$(pick.images)
      .map((_, img) => $(img).attr('src'))
      .get(),
  ]
    .map((src) => absoluteUrl(src, pageUrl))
    .filter((src): src is string => src !== undefined);
  const membersText = cleanText($(pick.members).first().text()).replace(/[\s\u00a0,.]/g, '');
  const memberCount = /^\d+/.exec(membersText)?.[0];
  return {
    name,
    description,
    links: [...new Set(links)],
    imageUrls: [...new Set(imageUrls)].slice(0, MAX_IMAGES),
    ...(memberCount ? { memberCount: Number(memberCount) } : {}),
  };
}
