import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../crawler/parsers/feed.js';
import { parseHtmlPage } from '../../crawler/parsers/html-page.js';
import { PROJECT_ROOT } from '../../lib/paths.js';

const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'fixtures', path), 'utf8');

describe('parseHtmlPage', () => {
  const selectors = {
    item: 'article.post',
    text: '.body',
    author: '.author',
    link: 'a.permalink',
    idAttribute: 'data-post-id',
    date: 'time',
    nextPage: 'a.next',
  };

  it('when a forum thread is parsed, then each post is normalised with absolute URLs and UTC dates', () => {
    const page = parseHtmlPage(fixture('pages/forum-thread.html'), 'https://forum.example.org/forum/fil-42', selectors);

    expect(page.posts).toHaveLength(2);
    expect(page.posts[0]).toMatchObject({
      externalId: 'p-101',
      url: 'https://forum.example.org/forum/fil-42#p-101',
      author: 'Julie_M',
      text: "Merci à l'équipe de Portage pour l'accueil, les intervenants sont formidables.",
    });
    expect(page.posts[0]!.publishedAt?.toISOString()).toBe('2026-11-02T14:05:00.000Z');
    expect(page.posts[0]!.rawHash).toMatch(/^[a-f0-9]{64}$/);
    expect(page.nextPage).toBe('https://forum.example.org/forum/fil-42?page=2');
  });

  it('when an item spans lines, tabs and no-break spaces, then its text is folded to single spaces and its raw hash covers its exact source', () => {
    const item = '<article class="post" data-post-id="p-1"><p class="body">\n\tUn  message\u00a0sur\r\ndeux lignes </p></article>';
    const page = parseHtmlPage(`<html><body>${item}<article class="post" data-post-id="p-2"><p class="body">autre</p></article></body></html>`, 'https://forum.example.org/', selectors);

    expect(page.posts.map((post) => post.text)).toEqual(['Un message sur deux lignes', 'autre']);
    expect(page.posts[0]!.rawHash).toBe(createHash('sha256').update(item).digest('hex'));
  });

  it('when a post holds markup and a script, then only its text is kept and images are absolute', () => {
    const [, second] = parseHtmlPage(fixture('pages/forum-thread.html'), 'https://forum.example.org/x', selectors).posts;

    expect(second!.text).toBe("J'ai vu Marc Lavoie en thérapie là-bas & il avait l'air mal.");
    expect(second!.text).not.toContain('alert');
    expect(second!.images).toEqual(['https://forum.example.org/images/photo-102.jpg']);
  });

  it('when a post or a block holding it declares a language, then the post has it; the page’s own lang is not taken as the post’s', () => {
    const html = `<html lang="fr"><body>
      <article class="post" data-post-id="a" lang="en"><p class="body">You played great tonight.</p></article>
      <section lang="en-CA"><article class="post" data-post-id="b"><p class="body">See you Saturday.</p></article></section>
      <article class="post" data-post-id="c"><p class="body">Bravo à toute l'équipe.</p></article>
    </body></html>`;

    const posts = parseHtmlPage(html, 'https://forum.example.org/', selectors).posts;

    expect(posts.map((post) => [post.externalId, post.lang])).toEqual([
      ['a', 'en'],
      ['b', 'en-CA'],
      ['c', undefined],
    ]);
  });

  it('when the same page is parsed twice, then the posts are identical (pure function)', () => {
    const html = fixture('pages/forum-thread.html');

    expect(parseHtmlPage(html, 'https://f.example/', selectors)).toEqual(parseHtmlPage(html, 'https://f.example/', selectors));
  });
});

describe('parseFeed', () => {
  it('when an RSS 2.0 feed is parsed, then items become posts with guid, text without markup and images', () => {
    const posts = parseFeed(fixture('feeds/alerts.rss'), 'https://alertes.example.org/feed.xml');

    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({
      externalId: 'alert-0001',
      url: 'https://alertes.example.org/a/1',
      author: 'Veille',
      text: 'Nouvelle page « Portage Ontario – entraide »\nUn groupe non officiel a été créé.',
      images: ['https://alertes.example.org/img/1.png'],
      lang: 'fr-CA',
    });
    expect(posts[0]!.publishedAt?.toISOString()).toBe('2026-11-02T10:00:00.000Z');
    expect(posts[1]).toMatchObject({ externalId: 'https://alertes.example.org/a/2', text: "Commentaire signalé\nT'es vraiment nul, toi." });
  });

  it('when an Atom feed is parsed, then entries become posts with their id, author and content text', () => {
    const [entry] = parseFeed(fixture('feeds/blog.atom'), 'https://blog.example.org/atom.xml');

    expect(entry).toMatchObject({
      externalId: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
      url: 'https://blog.example.org/posts/year-after',
      author: 'Sam',
      text: 'My year after treatment\nI am a former client and I am doing well.',
      lang: 'en',
    });
  });

  it('when the feed is not XML at all, then no post comes out and nothing throws', () => {
    expect(parseFeed('<<< not xml', 'https://x.example/')).toEqual([]);
  });
});
