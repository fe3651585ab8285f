import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGroup, LOGO_MATCH_MAX_DISTANCE, type LogoReference } from '../../classifier/groups/check-group.js';
import { loadLogoReferences } from '../../classifier/groups/logos.js';
import { extractLinks, linksTo, platformOf } from '../../classifier/groups/official-links.js';
import { hammingDistance, perceptualHash } from '../../classifier/images/perceptual-hash.js';
import { loadRuleSetForOrg } from '../../classifier/rule-set/load.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { runMonitorToExit } from '../support/monitor-process.js';

const portage = loadRuleSetForOrg('portage');
const LOGO_SVG = readFileSync(join(PROJECT_ROOT, 'rules/logos/portage-demo.svg'));
const OTHER_LOGO_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#ffffff"/>' +
    '<rect x="60" y="60" width="280" height="180" rx="30" fill="#b3261e"/><polygon points="200,260 120,380 280,380" fill="#1b7a35"/></svg>',
);

let scratch: string;
let logos: LogoReference[];
const images: Record<string, Buffer> = {};

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'group-checks-'));
  logos = await loadLogoReferences(portage);
  const logo = await sharp(LOGO_SVG).png().toBuffer();
  images.logo = logo;
  images.resized = await sharp(logo).resize(96, 96).png().toBuffer();
  images.recompressed = await sharp(logo).jpeg({ quality: 35 }).toBuffer();
  images.withMargins = await sharp(logo).extend({ top: 120, bottom: 120, left: 60, right: 60, background: '#ffffff' }).webp({ quality: 70 }).toBuffer();
  images.cropped = await sharp(logo).extract({ left: 20, top: 20, width: 360, height: 360 }).png().toBuffer();
  images.colourShifted = await sharp(logo).modulate({ brightness: 1.1, saturation: 0.7, hue: 20 }).png().toBuffer();
  images.otherLogo = await sharp(OTHER_LOGO_SVG).png().toBuffer();
  // An "unrelated photo": smooth noise, like a blurred landscape.
  const noise = Buffer.from(Array.from({ length: 64 * 64 * 3 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453 * 255) & 255));
  images.photo = await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } }).resize(400, 300).blur(3).jpeg().toBuffer();
  for (const [name, bytes] of Object.entries(images)) writeFileSync(join(scratch, `${name}.img`), bytes);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const distanceToLogo = async (name: string) => hammingDistance(await perceptualHash(images[name]!), logos[0]!.hash);

describe('logo perceptual hash', () => {
  it('when the logo is resized, recompressed, given margins, cropped or shifted in colour, then it stays within the match distance', async () => {
    const distances = Object.fromEntries(
      await Promise.all(['logo', 'resized', 'recompressed', 'withMargins', 'cropped', 'colourShifted'].map(async (name) => [name, await distanceToLogo(name)])),
    );

    for (const [name, distance] of Object.entries(distances)) expect(distance, name).toBeLessThanOrEqual(LOGO_MATCH_MAX_DISTANCE);
  });

  it('when the image is another logo or an unrelated photo, then it is far from the logo', async () => {
    expect(await distanceToLogo('otherLogo')).toBeGreaterThan(LOGO_MATCH_MAX_DISTANCE + 6);
    expect(await distanceToLogo('photo')).toBeGreaterThan(LOGO_MATCH_MAX_DISTANCE + 6);
  });

  it('when the bytes are not an image, then hashing fails with an error', async () => {
    await expect(perceptualHash(Buffer.from('not an image'))).rejects.toThrow();
  });
});

const categories = (name: string, extra: Partial<Parameters<typeof checkGroup>[0]> = {}) =>
  checkGroup({ name, description: 'Site : https://portage.ca', ...extra }, portage, { logos }).map((finding) => finding.category);

describe('unofficial label', () => {
  it.each([
    'Groupe de soutien de Portage Ontario – NON OFFICIEL',
    'Groupe de soutien de Portage Ontario - non-officiel',
    'Anciens de Portage (Non officiel)',
    'Portage Québec NONOFFICIEL',
    'Portage alumni – UNOFFICIAL',
    'Portage family, not official',
  ])('when the name says it is unofficial ("%s"), then there is no label finding', (name) => {
    expect(categories(name)).not.toContain('missing_unofficial_label');
  });

  it('when the name mentions the organization without the label, then the finding says what to fix', () => {
    const [finding] = checkGroup({ name: 'Groupe de soutien de Portage Ontario', description: 'https://portage.ca' }, portage, { logos });

    expect(finding!.category).toBe('missing_unofficial_label');
    expect(finding!.explanation.fr).toContain('Ajoutez « NON OFFICIEL » au nom du groupe');
  });

  it('when the name is a homonym ("portage de bébé"), then nothing is flagged', () => {
    expect(categories('Portage de bébé Québec – entraide')).toEqual([]);
  });

  it('when the name claims to be official, then it is flagged, unless the group is one of the official accounts', () => {
    expect(categories('Officiel – Portage Montréal', { url: 'https://www.facebook.com/groups/portage-mtl' })).toContain('missing_unofficial_label');
    expect(
      categories('Portage Canada officiel', { url: 'https://www.facebook.com/PortageCanada', description: 'https://portage.ca' }),
    ).not.toContain('missing_unofficial_label');
  });
});

describe('official links', () => {
  it('when the description has bare domains or full URLs of the site and the account of its platform, then nothing is missing', () => {
    const description = 'Groupe d’entraide. Site officiel : portage.ca — page : www.facebook.com/PortageCanada/';

    expect(categories('Anciens de Portage – NON OFFICIEL', { description, url: 'https://facebook.com/groups/123' })).toEqual([]);
  });

  it('when links are missing, then the finding names each one to add', () => {
    const [finding] = checkGroup(
      { name: 'Anciens de Portage – NON OFFICIEL', description: 'On se retrouve ici.', url: 'https://www.instagram.com/anciens_portage' },
      portage,
      { logos },
    );

    expect(finding!.category).toBe('missing_official_links');
    expect(finding!.explanation.fr).toBe(
      'La description du groupe doit contenir un lien vers https://portage.ca et https://www.instagram.com/portagecanada. ' +
        'Ajoutez un lien vers https://portage.ca et https://www.instagram.com/portagecanada.',
    );
  });

  it('when a link only looks like the site (another domain or path prefix trick), then it does not count', () => {
    expect(linksTo(extractLinks('portage.ca.evil.example et notportage.ca'), 'https://portage.ca')).toBe(false);
    expect(linksTo(['https://www.facebook.com/PortageCanadaFake'], 'https://www.facebook.com/PortageCanada')).toBe(false);
  });

  it('when a description holds links, a sentence end and a label longer than a domain may have, then the links are read as the DNS allows', () => {
    const description = `Site : portage.ca. Instagram: www.instagram.com/portagecanada, et ${'a'.repeat(64)}.com`;

    expect(extractLinks(description)).toEqual(['portage.ca', 'www.instagram.com/portagecanada']);
    // A run of one-letter labels ending in no domain is read once from each label, not to its end again.
    expect(extractLinks(`${'a.'.repeat(10_000)}1`)).toEqual([]);
  });

  it('when a group URL is on a known platform, then it is named; a host named like an object property is no platform', () => {
    expect(platformOf('https://www.facebook.com/groups/anciens')).toBe('facebook');
    expect(platformOf('https://constructor/groups/anciens')).toBeUndefined();
    expect(platformOf('https://__proto__/groups/anciens')).toBeUndefined();
  });
});

describe('logo misuse', () => {
  it('when an image is the logo, then it is flagged with the distance as evidence; with a recorded consent it is not', async () => {
    const group = {
      name: 'Anciens de Portage – NON OFFICIEL',
      description: 'https://portage.ca',
      images: [
        { source: 'avatar.jpg', hash: await perceptualHash(images.recompressed!) },
        { source: 'cover.jpg', hash: await perceptualHash(images.photo!) },
      ],
    };

    const findings = checkGroup(group, portage, { logos });
    const withConsent = checkGroup(group, portage, { logos, logoConsent: true });

    expect(findings.map((f) => [f.category, f.evidence.image])).toEqual([['logo_misuse', 'avatar.jpg']]);
    expect(findings[0]!.evidence.distance).toBeLessThanOrEqual(LOGO_MATCH_MAX_DISTANCE);
    expect(withConsent).toEqual([]);
  });
});

describe('monitor check-group', () => {
  it('when JSONL groups come on stdin, then one line of findings per group is printed, and bad lines get an error line', async () => {
    const input = [
      { id: 'g1', name: 'Groupe de soutien de Portage Ontario', description: 'Entraide', url: 'https://www.facebook.com/groups/1', imagePaths: [join(scratch, 'withMargins.img')] },
      { id: 'g2', name: 'Anciens de Portage – NON OFFICIEL', description: 'portage.ca et facebook.com/PortageCanada', url: 'https://facebook.com/groups/2' },
      { id: 'g3', name: 'x', imagePaths: [join(scratch, 'missing.png')] },
    ]
      .map((line) => JSON.stringify(line))
      .concat(['{not json'])
      .join('\n');

    const result = await runMonitorToExit(['check-group', '--org', 'portage'], {}, { stdin: `${input}\n` });
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id?: string; findings?: { category: string }[]; error?: string });

    expect(result.code).toBe(0);
    expect(lines[0]!.findings!.map((f) => f.category).sort()).toEqual(['logo_misuse', 'missing_official_links', 'missing_unofficial_label']);
    expect(lines[1]).toEqual({ id: 'g2', findings: [] });
    expect(lines[2]!.error).toMatch(/^line 3: image .*missing\.png cannot be read as an image/);
    expect(lines[3]).toEqual({ line: 4, error: 'line 4 is not valid JSON' });
  });
});

describe('naming the organization', () => {
  it.each([
    ['Anciens de Portage', true],
    ['Les anciens de Portaje', true],
    ['Trips, gear and portage routes.', false],
    ['Écharpes, porte-bébés et conseils de portage de bébé.', false],
  ])('when the text is "%s", then it names the organization: %s', async (text, expected) => {
    const { mentionsOrganization } = await import('../../classifier/groups/mentions.js');

    expect(mentionsOrganization(text, portage)).toBe(expected);
  });
});
