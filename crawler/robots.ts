/**
 * robots.txt per RFC 9309: groups by user-agent (ours by product token, else `*`), longest matching
 * rule wins, `allow` wins a tie, `*` and `$` wildcards. Parsing is pure; the fetch outcome rules
 * (4xx → allow all, 5xx or unreachable → disallow all) are in `robotsForStatus`.
 */
export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean;
  /** Crawl-delay for our group, if the file sets one (not in RFC 9309, widely used). */
  crawlDelaySeconds: number | undefined;
}

interface Rule {
  allow: boolean;
  pattern: string;
  matcher: RegExp;
}

/** RFC 9309 §2.5: parsers must handle at least 500 KiB; more is ignored. */
const MAX_ROBOTS_BYTES = 512 * 1024;

export function parseRobots(text: string, productToken: string): RobotsRules {
  const token = productToken.toLowerCase();
  const groups: { agents: string[]; rules: Rule[]; delay: number | undefined }[] = [];
  let current: (typeof groups)[number] | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, MAX_ROBOTS_BYTES).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const separator = line.indexOf(':');
    if (separator < 0) continue;
    const key = line.slice(0, separator).trim().toLowerCase();
    const value = line.slice(separator + 1).trim();
    if (key === 'user-agent') {
      if (!lastWasAgent || !current) {
        current = { agents: [], rules: [], delay: undefined };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      current.rules.push({ allow: key === 'allow', pattern: value, matcher: toMatcher(value) });
    } else if (key === 'crawl-delay' && Number.isFinite(Number(value))) {
      current.delay = Number(value);
    }
  }
  const ours = groups.filter((group) => group.agents.some((agent) => agent !== '*' && token.startsWith(agent)));
  const chosen = ours.length > 0 ? ours : groups.filter((group) => group.agents.includes('*'));
  const rules = chosen.flatMap((group) => group.rules);
  return {
    crawlDelaySeconds: chosen.find((group) => group.delay !== undefined)?.delay,
    isAllowed(pathAndQuery) {
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.matcher.test(pathAndQuery)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
      }
      return best === undefined || best.allow || pathAndQuery === '/robots.txt';
    },
  };
}

/** What a robots.txt fetch outcome means before any parsing (RFC 9309 §2.3.1). */
export function robotsForStatus(status: number | 'unreachable'): RobotsRules | 'parse' {
  if (status === 'unreachable' || status >= 500) return { crawlDelaySeconds: undefined, isAllowed: (path) => path === '/robots.txt' };
  if (status >= 400) return { crawlDelaySeconds: undefined, isAllowed: () => true };
  return 'parse';
}

function toMatcher(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => encodePath(part).replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encodes what a path may hold unencoded, so "/é" in robots.txt matches "/%C3%A9" in URLs. */
function encodePath(part: string): string {
  return part.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));
}
