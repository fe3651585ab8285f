import { runRuleExamples } from '../../classifier/rule-examples.js';
import type { CompiledRuleSet } from '../../classifier/rule-set/compiled.js';
import type { Finding } from '../../classifier/types.js';
import { buildRuleSet, loadModels, packPathFor, packSourcesFromContent, readPackSources, versionOf } from '../../classifier/rule-set/load.js';
import type { RuleSource } from '../../classifier/rule-set/parse.js';
import { recordAudit } from '../../db/audit-repository.js';
import { rulePrecision } from '../../db/flag-review-repository.js';
import { listRecentPosts } from '../../db/post-repository.js';
import { findEarlierCopies } from '../../jobs/post-classifier/earlier-copies.js';
import {
  activateRuleSetVersion,
  findRuleSetVersion,
  getActiveRuleSetVersionId,
  getRuleSetVersion,
  listRuleSetVersions,
  ruleVersionExistsError,
  saveRuleSetVersion,
} from '../../db/rule-set-repository.js';
import { ClassifyBudgetExceededError, InvalidInputError, NotFoundError, RuleSetError } from '../../lib/errors.js';
import { auditActor, requireOrgRole } from '../auth/access.js';
import type { Principal, RequestOrigin } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';

/** How many of the newest stored posts a backtest replays. */
export const BACKTEST_POSTS = 2_000;
const SAMPLES = 10;

/** Administrators see and change only their organizations' rules; others get 404, audited. */
export async function assertAdminOf(deps: ApiDeps, principal: Principal, org: string, origin: RequestOrigin): Promise<void> {
  await requireOrgRole(deps.store.models, principal, ['admin'], { org, target: `rules:${org}`, ip: origin.ip }, `no rules for organization ${org}`);
}

function build(sources: readonly RuleSource[]): CompiledRuleSet {
  try {
    return buildRuleSet(sources, { modelsFor: (languages) => loadModels(languages) });
  } catch (error) {
    if (error instanceof RuleSetError) throw invalidPack(error);
    throw error;
  }
}

function invalidPack(error: RuleSetError): InvalidInputError {
  return new InvalidInputError(`the rule pack is invalid: ${error.issues.join('; ')}`, { issues: error.bilingualIssues });
}

async function sourcesOf(deps: ApiDeps, org: string, version: string | undefined): Promise<RuleSource[]> {
  if (version) return (await getRuleSetVersion(deps.store.models, org, version)).files;
  try {
    return readPackSources(packPathFor(org));
  } catch {
    throw new NotFoundError(`no rule pack for organization ${org}`);
  }
}

export interface RulesOverview {
  org: string;
  /** The version in force: a stored one, or the shipped pack's. */
  active: { version: string; source: 'stored' | 'shipped'; files: RuleSource[] };
  versions: { version: string; author: string; rationale: string; active: boolean; activatedAt?: Date; createdAt: Date }[];
}

export async function rulesOverview(deps: ApiDeps, org: string): Promise<RulesOverview> {
  const storedVersion = await getActiveRuleSetVersionId(deps.store.models, org);
  const files = await sourcesOf(deps, org, storedVersion);
  const versions = await listRuleSetVersions(deps.store.models, org);
  return {
    org,
    active: { version: versionOf(files), source: storedVersion ? 'stored' : 'shipped', files },
    versions: versions.map(({ version, author, rationale, active, activatedAt, createdAt }) => ({
      version, author, rationale, active, ...(activatedAt ? { activatedAt } : {}), createdAt,
    })),
  };
}

/**
 * Validates an uploaded pack (schema, file:line errors, unsafe regexes), runs its inline examples,
 * and stores it as an inactive version. Nothing is stored when any of that fails.
 */
export async function uploadRuleVersion(
  deps: ApiDeps,
  principal: Principal,
  org: string,
  upload: { pack: string; rationale: string },
  origin: RequestOrigin,
): Promise<{ version: string; examplesChecked: number }> {
  const sources = packSourcesFromContent(org, upload.pack);
  const ruleSet = build(sources);
  const slug = ruleSet.organization.slug;
  if (slug !== org) {
    const message = `the pack is for organization "${slug}", not "${org}"`;
    throw new InvalidInputError(message, { issues: [{ en: message, fr: `le paquet est celui de l'organisation « ${slug} », pas « ${org} »` }] });
  }
  const examples = runRuleExamples(ruleSet);
  if (examples.failures.length > 0) {
    const issues = examples.failures.map(({ ruleId, expected, text }) => ({
      en: `rule ${ruleId}: ${expected === 'match' ? 'should match' : 'should not match'} ${JSON.stringify(text)}`,
      fr: `règle ${ruleId} : l'exemple « ${text} » ${expected === 'match' ? 'devrait être signalé' : 'ne devrait pas être signalé'}`,
    }));
    throw new InvalidInputError(`${issues.length} inline example(s) fail`, { issues });
  }
  if (await findRuleSetVersion(deps.store.models, org, ruleSet.version)) throw ruleVersionExistsError(org, ruleSet.version);
  await recordAudit(deps.store.models, {
    actor: auditActor(principal), action: 'rules.version_created', org, target: `rules:${org}:${ruleSet.version}`, ip: origin.ip, data: { rationale: upload.rationale },
  });
  await saveRuleSetVersion(deps.store.models, { org, version: ruleSet.version, files: sources, author: principal.email, rationale: upload.rationale });
  return { version: ruleSet.version, examplesChecked: examples.checked };
}

export async function activateRuleVersion(
  deps: ApiDeps,
  principal: Principal,
  org: string,
  version: string,
  rationale: string,
  origin: RequestOrigin,
): Promise<{ version: string }> {
  await getRuleSetVersion(deps.store.models, org, version);
  await recordAudit(deps.store.models, {
    actor: auditActor(principal), action: 'rules.activated', org, target: `rules:${org}:${version}`, ip: origin.ip, data: { rationale },
  });
  await activateRuleSetVersion(deps.store.models, org, version);
  return { version };
}

export interface BacktestReport {
  org: string;
  active: string;
  candidate: string;
  posts: number;
  flags: { active: number; candidate: number; added: number; lost: number };
  perRule: { ruleId: string; active: number; candidate: number; pastPrecision: number | null }[];
  samples: { added: BacktestSample[]; lost: BacktestSample[] };
  /** Mean past precision of the rules behind the candidate's flags; null without reviewer history. */
  estimatedPrecision: number | null;
}

export interface BacktestSample {
  postId: string;
  category: string;
  ruleIds: string[];
  excerpt: string;
}

/**
 * Replays the newest stored posts through the active and the candidate version and compares
 * the flags (one per post and category) they would raise, with per-rule counts and the precision
 * reviewers confirmed for each rule so far. Both sets are built and run in the API's classifier
 * thread, held to the runtime budget; a rule that overruns stops the backtest with its name.
 */
export async function backtestRuleVersion(deps: ApiDeps, org: string, candidateVersion: string): Promise<BacktestReport> {
  const activeStored = await getActiveRuleSetVersionId(deps.store.models, org);
  const activeSources = await sourcesOf(deps, org, activeStored);
  const candidateSources = await sourcesOf(deps, org, candidateVersion);
  const versions = { active: versionOf(activeSources), candidate: versionOf(candidateSources) };
  const active = { key: `backtest:${versions.active}`, sources: activeSources };
  const candidate = { key: `backtest:${versions.candidate}`, sources: candidateSources };
  const posts = await listRecentPosts(deps.store.models, org, BACKTEST_POSTS);
  // Read, not recorded: a backtest changes nothing in the store.
  const earlierCopies = (await findEarlierCopies(deps.store.models, posts.map((post) => ({ ...post, org })), { record: false })).earlier;
  const precision = new Map((await rulePrecision(deps.store.models, [org])).map((row) => [row.ruleId, row.precision]));
  const perRule = new Map<string, { active: number; candidate: number }>();
  const samples: BacktestReport['samples'] = { added: [], lost: [] };
  const flags = { active: 0, candidate: 0, added: 0, lost: 0 };
  const precisionOfCandidateFlags: number[] = [];

  const findingsOf = async (pack: typeof active, post: (typeof posts)[number]) => {
    try {
      const input = { text: post.text, lang: post.lang, author: post.author, earlierCopies: earlierCopies.get(post.id) };
      return (await deps.ruleThreads.classifyWith(pack, input)).verdict.findings;
    } catch (error) {
      if (error instanceof RuleSetError) throw invalidPack(error);
      if (error instanceof ClassifyBudgetExceededError) {
        const message = `the backtest stopped on post ${post.id}: ${error.message}`;
        throw new InvalidInputError(message, {
          issues: [{ en: message, fr: `le test rétrospectif s'est arrêté sur la publication ${post.id} : ${error.messageIn('fr')}` }],
        });
      }
      throw error;
    }
  };
  for (const post of posts) {
    const byCategory = (findings: readonly Finding[], side: 'active' | 'candidate') => {
      const categories = new Map<string, string[]>();
      for (const finding of findings) {
        categories.set(finding.category, [...(categories.get(finding.category) ?? []), finding.ruleId]);
        const counts = perRule.get(finding.ruleId) ?? { active: 0, candidate: 0 };
        counts[side] += 1;
        perRule.set(finding.ruleId, counts);
      }
      return categories;
    };
    const before = byCategory(await findingsOf(active, post), 'active');
    const after = byCategory(await findingsOf(candidate, post), 'candidate');
    flags.active += before.size;
    flags.candidate += after.size;
    const sample = (category: string, ruleIds: string[]): BacktestSample => ({ postId: post.id, category, ruleIds, excerpt: post.text.slice(0, 200) });
    for (const [category, ruleIds] of after) {
      const known = ruleIds.map((id) => precision.get(id)).filter((p): p is number => typeof p === 'number');
      if (known.length > 0) precisionOfCandidateFlags.push(Math.max(...known));
      if (before.has(category)) continue;
      flags.added += 1;
      if (samples.added.length < SAMPLES) samples.added.push(sample(category, ruleIds));
    }
    for (const [category, ruleIds] of before) {
      if (after.has(category)) continue;
      flags.lost += 1;
      if (samples.lost.length < SAMPLES) samples.lost.push(sample(category, ruleIds));
    }
  }
  return {
    org,
    active: versions.active,
    candidate: versions.candidate,
    posts: posts.length,
    flags,
    perRule: [...perRule.entries()]
      .map(([ruleId, counts]) => ({ ruleId, ...counts, pastPrecision: precision.get(ruleId) ?? null }))
      .sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    samples,
    estimatedPrecision:
      precisionOfCandidateFlags.length === 0 ? null : precisionOfCandidateFlags.reduce((sum, p) => sum + p, 0) / precisionOfCandidateFlags.length,
  };
}
