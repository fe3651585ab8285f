import { classify } from '../classify.js';
import { hammingDistance } from '../images/perceptual-hash.js';
import type { CompiledRuleSet } from '../rule-set/compiled.js';
import type { Category, Explanation, Severity } from '../types.js';
import { mentionsOrganization } from './mentions.js';
import { extractLinks, linksTo, platformOf } from './official-links.js';

/** Bits (of 64) under which an image counts as the logo; measured on resized, recompressed and cropped copies. */
export const LOGO_MATCH_MAX_DISTANCE = 10;

export interface GroupInput {
  name: string;
  description: string;
  url?: string;
  /** False for groups found by discovery that nobody registered. @default true */
  registered?: boolean;
  /** The platform the creator declared; used when the URL's host is not a known platform. */
  platform?: string;
  links?: readonly string[];
  /** Perceptual hashes of the group's avatar, cover and post images. */
  images?: readonly { source: string; hash: string }[];
}

export interface LogoReference {
  path: string;
  hash: string;
}

export interface GroupFinding {
  category: Category;
  severity: Severity;
  ruleId: string;
  explanation: Explanation;
  evidence: Record<string, unknown>;
}

export interface GroupCheckOptions {
  logos: readonly LogoReference[];
  /** A written consent to use the logo is on record for this group. */
  logoConsent?: boolean;
  /** Official accounts administrators added beside the pack's (same shape). */
  extraOfficialAccounts?: readonly { platform: string; url: string }[];
}

function severityFor(ruleSet: CompiledRuleSet, category: Category): Severity {
  return ruleSet.rules.find((rule) => rule.category === category)?.severity ?? 'medium';
}

/**
 * The registry checks of one unofficial group: the pack's rules on its name and description
 * (label, denigration…), the links its description must carry, and its images against the
 * organization's logo. Pure apart from the hashes it is given.
 */
export function checkGroup(group: GroupInput, ruleSet: CompiledRuleSet, options: GroupCheckOptions): GroupFinding[] {
  const findings: GroupFinding[] = [];
  // One of the organization's own accounts needs no "unofficial" label.
  const accounts = [...(ruleSet.organization.officialAccounts ?? []), ...(options.extraOfficialAccounts ?? [])];
  const official = group.url !== undefined && accounts.some((account) => linksTo([group.url!], account.url));
  for (const [scope, text] of [['group_name', group.name], ['group_description', group.description]] as const) {
    for (const finding of classify({ text, scope }, ruleSet).findings) {
      if (official && finding.category === 'missing_unofficial_label') continue;
      findings.push({
        category: finding.category,
        severity: finding.severity,
        ruleId: finding.ruleId,
        explanation: finding.explanation,
        evidence: { scope, text, spans: finding.spans },
      });
    }
  }
  if (group.registered === false && (mentionsOrganization(group.name, ruleSet) || mentionsOrganization(group.description, ruleSet))) {
    findings.push({
      category: 'unregistered_group',
      severity: severityFor(ruleSet, 'unregistered_group'),
      ruleId: 'registry.unregistered',
      explanation: {
        fr: "Ce groupe parle de l'organisation mais n'a pas été enregistré auprès d'elle. Son créateur doit l'enregistrer.",
        en: 'This group is about the organization but was not registered with it. Its creator must register it.',
      },
      evidence: { name: group.name, url: group.url },
    });
  }
  const links = [...extractLinks(group.description), ...(group.links ?? [])];
  const missing = missingOfficialLinks(ruleSet.organization.officialWebsite, accounts, (group.url ? platformOf(group.url) : undefined) ?? group.platform, links);
  if (missing.length > 0) {
    const list = missing.join(' et ');
    findings.push({
      category: 'missing_official_links',
      severity: severityFor(ruleSet, 'missing_official_links'),
      ruleId: 'registry.official-links',
      explanation: {
        fr: `La description du groupe doit contenir un lien vers ${list}. Ajoutez un lien vers ${list}.`,
        en: `The group's description must link to ${missing.join(' and ')}. Add a link to ${missing.join(' and ')}.`,
      },
      evidence: { missing, linksFound: links },
    });
  }
  if (!options.logoConsent) {
    for (const image of group.images ?? []) {
      const closest = closestLogo(image.hash, options.logos);
      if (closest && closest.distance <= LOGO_MATCH_MAX_DISTANCE) {
        findings.push({
          category: 'logo_misuse',
          severity: severityFor(ruleSet, 'logo_misuse'),
          ruleId: 'registry.logo',
          explanation: {
            fr: `L'image ${image.source} reprend le logo officiel sans consentement écrit des communications. Retirez-la ou demandez une autorisation.`,
            en: `The image ${image.source} uses the official logo without written consent from communications. Remove it or ask for permission.`,
          },
          evidence: { image: image.source, hash: image.hash, logo: closest.path, logoHash: closest.hash, distance: closest.distance },
        });
      }
    }
  }
  return findings;
}

function missingOfficialLinks(
  officialWebsite: string | undefined,
  officialAccounts: readonly { platform: string; url: string }[],
  platform: string | undefined,
  links: readonly string[],
): string[] {
  const missing: string[] = [];
  if (officialWebsite && !linksTo(links, officialWebsite)) missing.push(officialWebsite);
  // Any of the organization's accounts on the group's platform will do; the first is the one to suggest.
  const onPlatform = officialAccounts.filter((candidate) => candidate.platform === platform);
  if (onPlatform.length > 0 && !onPlatform.some((account) => linksTo(links, account.url))) missing.push(onPlatform[0]!.url);
  return missing;
}

function closestLogo(hash: string, logos: readonly LogoReference[]): (LogoReference & { distance: number }) | undefined {
  let best: (LogoReference & { distance: number }) | undefined;
  for (const logo of logos) {
    const distance = hammingDistance(hash, logo.hash);
    if (!best || distance < best.distance) best = { ...logo, distance };
  }
  return best;
}
