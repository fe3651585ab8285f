import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../crawler/charset.js';
import { parseRobots, robotsForStatus } from '../../crawler/robots.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('decodeBody', () => {
  it('when windows-1252 is declared in the header, then "dépendance" and "ça" decode', () => {
    const body = Uint8Array.from(Buffer.from('d\xe9pendance, \xe7a', 'latin1'));

    expect(decodeBody(body, 'text/html; charset=windows-1252')).toEqual({ text: 'dépendance, ça', encoding: 'windows-1252', from: 'header' });
  });

  it('when only a <meta charset> says Shift_JIS, then Japanese decodes', () => {
    const body = Uint8Array.from([...ascii('<meta charset="Shift_JIS"><p>'), 0x82, 0xa0, 0x82, 0xa2]);

    expect(decodeBody(body, 'text/html')).toMatchObject({ text: '<meta charset="Shift_JIS"><p>あい', from: 'meta' });
  });

  it('when a UTF-16 BOM is present, then it wins over the header', () => {
    const body = bytes(0xff, 0xfe, 0x63, 0x00, 0x61, 0x00);

    expect(decodeBody(body, 'text/html; charset=iso-8859-1')).toMatchObject({ text: 'ca', encoding: 'utf-16le', from: 'bom' });
  });

  it('when the header and the meta disagree, then the header wins', () => {
    const body = Uint8Array.from([...ascii('<meta charset="shift_jis">'), 0xe9]);

    expect(decodeBody(body, 'text/html; charset=ISO-8859-1').text).toBe('<meta charset="shift_jis">é');
  });

  it('when bytes are invalid UTF-8 or the label is unknown, then they become U+FFFD without throwing', () => {
    expect(decodeBody(bytes(0x61, 0xff, 0x62), 'text/html; charset=x-unknown')).toEqual({ text: 'a\uFFFDb', encoding: 'utf-8', from: 'default' });
  });
});

describe('parseRobots (RFC 9309)', () => {
  const robots = parseRobots(
    [
      'User-agent: *',
      'Disallow: /private/',
      'Allow: /private/public-page',
      'Disallow: /*.pdf$',
      '',
      'User-agent: OtherBot',
      'Disallow: /',
      '',
      'User-agent: ComplianceMonitor',
      'User-agent: SomethingElse',
      'Disallow: /groups/secret',
      'Crawl-delay: 5',
    ].join('\n'),
    'ComplianceMonitor/1.0',
  );

  it('when our product token has a group, then only that group applies', () => {
    expect(robots.isAllowed('/private/page')).toBe(true);
    expect(robots.isAllowed('/groups/secret/42')).toBe(false);
    expect(robots.crawlDelaySeconds).toBe(5);
  });

  it('when only the * group applies, then the longest match wins and allow wins ties', () => {
    const generic = parseRobots('User-agent: *\nDisallow: /private/\nAllow: /private/public-page\nDisallow: /*.pdf$\nAllow: /tie\nDisallow: /tie', 'ComplianceMonitor');

    expect(generic.isAllowed('/private/x')).toBe(false);
    expect(generic.isAllowed('/private/public-page')).toBe(true);
    expect(generic.isAllowed('/docs/report.pdf')).toBe(false);
    expect(generic.isAllowed('/docs/report.pdf?x=1')).toBe(true);
    expect(generic.isAllowed('/tie')).toBe(true);
    expect(generic.isAllowed('/robots.txt')).toBe(true);
  });

  it('when the fetch answered 4xx, then everything is allowed; 5xx or unreachable, nothing but robots.txt', () => {
    const missing = robotsForStatus(404);
    const broken = robotsForStatus(503);

    expect(missing !== 'parse' && missing.isAllowed('/anything')).toBe(true);
    expect(broken !== 'parse' && broken.isAllowed('/anything')).toBe(false);
    expect(robotsForStatus('unreachable')).not.toBe('parse');
    expect(robotsForStatus(200)).toBe('parse');
  });

  it('when the file is larger than 500 KiB, then it is parsed up to the limit without failing', () => {
    const huge = `User-agent: *\nDisallow: /a\n${'# filler\n'.repeat(80_000)}Disallow: /b\n`;

    const parsed = parseRobots(huge, 'ComplianceMonitor');

    expect(parsed.isAllowed('/a')).toBe(false);
    expect(parsed.isAllowed('/b')).toBe(true);
  });
});
