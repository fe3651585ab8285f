import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { SourceRejectedError, SourceUnavailableError } from '../lib/errors.js';

/**
 * SSRF guard for every URL that comes from outside (registered groups, discovered pages, redirects):
 * http(s) only, no credentials, default ports only, and every address the name resolves to must be
 * public unicast. The caller connects to the returned, validated address (pinning defeats DNS
 * rebinding) and calls this again for each redirect hop.
 */
export interface UrlGuardOptions {
  /**
   * `host:port` pairs allowed even though they are private (loopback fixtures in tests). Explicit
   * configuration, empty by default.
   */
  allowedTestHosts: readonly string[];
  /** Resolves a name to all its addresses. @default node's dns.lookup with `all: true` */
  resolve?: (hostname: string) => Promise<string[]>;
}

export interface GuardedUrl {
  url: URL;
  /** The validated address to connect to. */
  address: string;
}

const ALLOWED_SCHEMES = new Set(['http:', 'https:']);
/** ipaddr's range names as the group registration form says them in French. */
const FRENCH_RANGES: Record<string, string> = {
  private: 'privée',
  loopback: 'de bouclage',
  linkLocal: 'de lien local',
  uniqueLocal: 'locale unique',
  carrierGradeNat: "interne d'opérateur",
  reserved: 'réservée',
  unspecified: 'non spécifiée',
  multicast: 'de multidiffusion',
  broadcast: 'de diffusion',
};
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Syntax checks that need no DNS: scheme, credentials, port. Throws SourceRejectedError. */
export function parseExternalUrl(raw: string, options: Pick<UrlGuardOptions, 'allowedTestHosts'>): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    const quoted = JSON.stringify(raw.slice(0, 200));
    throw new SourceRejectedError(`not a valid URL: ${quoted}`, { fr: `adresse web invalide : ${quoted}` });
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    const scheme = url.protocol.replace(/:$/, '');
    throw new SourceRejectedError(`scheme not allowed: ${scheme}`, { fr: `seules les adresses http et https sont acceptées (pas ${scheme})` });
  }
  if (url.username !== '' || url.password !== '') {
    throw new SourceRejectedError(`credentials in URLs are not allowed: ${url.host}`, { fr: `une adresse ne peut pas contenir d'identifiants : ${url.host}` });
  }
  const port = url.port || DEFAULT_PORTS[url.protocol]!;
  if (port !== DEFAULT_PORTS[url.protocol] && !isAllowedTestHost(url, options)) {
    const scheme = url.protocol.replace(/:$/, '');
    const only = DEFAULT_PORTS[url.protocol]!;
    throw new SourceRejectedError(`port not allowed: ${port} (only ${only} for ${scheme})`, { fr: `port refusé : ${port} (seul ${only} pour ${scheme})` });
  }
  return url;
}

/**
 * Resolver answers that say the name does not exist (a typo, a deleted domain): permanent. Any
 * other resolver failure (EAI_AGAIN, a timeout, a refused query) says nothing about the name and
 * may pass.
 */
const NAME_DOES_NOT_EXIST = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

/**
 * Full check, resolving the name; returns the address to connect to. A name that does not exist
 * is refused (SourceRejectedError); a resolver that fails for now is a SourceUnavailableError, so
 * jobs retry instead of marking the source as broken for good.
 */
export async function assertPublicUrl(raw: string, options: UrlGuardOptions): Promise<GuardedUrl> {
  const url = parseExternalUrl(raw, options);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(hostname) ? [hostname] : await resolveAll(hostname, options);
  if (addresses.length === 0) throw new SourceRejectedError(`${hostname} does not resolve`, { fr: `le nom ${hostname} est introuvable (DNS)` });
  if (isAllowedTestHost(url, options)) return { url, address: addresses[0]! };
  for (const address of addresses) {
    const range = rangeOf(address);
    if (range !== 'unicast') {
      throw new SourceRejectedError(`blocked: ${url.hostname} resolves to ${range} address ${address}`, {
        fr: `refusé : ${url.hostname} mène à une adresse ${FRENCH_RANGES[range] ?? range} (${address}), pas à un site public`,
      });
    }
  }
  return { url, address: addresses[0]! };
}

async function resolveAll(hostname: string, options: UrlGuardOptions): Promise<string[]> {
  try {
    if (options.resolve) return await options.resolve(hostname);
    return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && !NAME_DOES_NOT_EXIST.has(code)) {
      throw new SourceUnavailableError(`${hostname}: name resolution failed for now (${code}); will try again`, {
        cause: error,
        fr: `${hostname} : le nom n’a pas pu être résolu pour l’instant (${code}) ; nouvel essai plus tard`,
      });
    }
    throw new SourceRejectedError(`${hostname} does not resolve: ${(error as Error).message}`, { cause: error, fr: `le nom ${hostname} est introuvable (DNS)` });
  }
}

/** ipaddr's range name; IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. */
function rangeOf(address: string): string {
  try {
    return ipaddr.process(address).range();
  } catch {
    return 'invalid';
  }
}

function isAllowedTestHost(url: URL, options: Pick<UrlGuardOptions, 'allowedTestHosts'>): boolean {
  const port = url.port || DEFAULT_PORTS[url.protocol];
  return options.allowedTestHosts.includes(`${url.hostname}:${port}`);
}
