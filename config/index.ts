import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod/v4';
import { ConfigError, type BilingualText } from '../lib/errors.js';
import { PROJECT_ROOT } from '../lib/paths.js';
import { FRENCH_ZOD_ERRORS } from '../lib/schema-messages.js';
import { ENV_SCHEMA, frenchConfigMessage } from './schema.js';

export { ENV_SCHEMA } from './schema.js';

/** Validated, frozen configuration. Safe to log: connection strings live in {@link Secrets}. */
export interface Config {
  env: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  http: {
    host: string;
    /** 0 picks a free port. @default 3000 */
    port: number;
    /** Reverse proxies in front whose X-Forwarded-For entry is believed. @default 0 */
    trustProxyHops: number;
  };
  mongo: {
    /** True when MONITOR_MONGODB_URI is unset and the monitor runs its own FerretDB. */
    embedded: boolean;
    dbName: string;
    /** Absolute folder of the embedded store's SQLite files. @default ./data/store */
    storeDir: string;
  };
  redis: {
    /** True when MONITOR_REDIS_URL is unset and the monitor runs its own redis-server. */
    embedded: boolean;
    /** Absolute folder of the embedded Redis AOF files. @default ./data/redis */
    dataDir: string;
    serverPath: string;
  };
  /** The Go helper that embeds FerretDB and supervises redis-server. */
  embeddedBinaryPath: string;
  jobs: {
    queuePrefix: string;
    concurrency: number;
    /** How long SIGTERM waits for active jobs before closing anyway. @default 10000 */
    shutdownGraceMs: number;
  };
  classifier: {
    /** Worker threads that run classify(), so a long text never blocks a worker's event loop. @default 2 */
    threads: number;
    /** Longest one rule may run on one post before the post is given up as unclassifiable. @default 200 */
    ruleBudgetMs: number;
    /** Longest the shared analysis (folding, tokens, language, model scores) may run. @default 2000 */
    analysisBudgetMs: number;
  };
  crawler: {
    chromiumPath: string;
    userAgent: string;
    /** Minimum time between two requests to one host, across all workers. @default 1000 */
    minDelayMs: number;
    /** Requests in flight to one host at once, across all workers. @default 2 */
    maxPerHost: number;
    /** host:port pairs the SSRF guard lets through although private (test fixtures). @default none */
    allowedTestHosts: readonly string[];
    /** Absolute folder of screenshots kept as evidence. @default ./data/evidence */
    evidenceDir: string;
    /** Base of Reddit's public API for group discovery; unset: discovery is off. */
    discoveryRedditUrl: string | undefined;
  };
  review: {
    /**
     * How long posts, captures, member reports and decided flags are kept once their case is
     * closed; open cases and legal holds are never purged. @default 365 days
     */
    retentionMs: number;
    /** How long a session lasts after login. @default 12 h */
    sessionMs: number;
    /** Secure cookies (and the __Host- prefix): on except under MONITOR_ENV=test, which runs on plain http. */
    secureCookies: boolean;
    /** How long a reviewer's claim on a flag holds. @default 10 min */
    claimMs: number;
  };
  notices: {
    /** Base of links in notices (e-mails, webhooks) to the console. @default http://127.0.0.1:3000 */
    publicUrl: string;
    from: string;
    /** Whether MONITOR_SMTP_URL is set; without it e-mail notices are recorded but not sent. */
    emailEnabled: boolean;
    webhookEnabled: boolean;
  };
  startupTimeoutMs: number;
  /** How long long-running roles retry a configured store or Redis that does not answer at start. @default 120 s */
  dependencyWaitMs: number;
  /** Seed the demo organization and serve the fixture site: on by default with no configuration. */
  demo: boolean;
}

/** Connection strings, kept apart from {@link Config} so logging the config never leaks them. */
export interface Secrets {
  mongodbUri: string | null;
  redisUrl: string | null;
  /** May hold SMTP credentials. */
  smtpUrl: string | null;
  /** May hold a token in its path or query. */
  safeguardingWebhookUrl: string | null;
}

export interface LoadedConfig {
  config: Readonly<Config>;
  secrets: Readonly<Secrets>;
}

const envSchema = z.strictObject(ENV_SCHEMA);

/** The only reader of the environment: parses every MONITOR_ variable, listing all problems at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): LoadedConfig {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('MONITOR_') && value !== ''),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    // The same variables parsed again with zod's French messages: the same problems, in the same order.
    const french = envSchema.safeParse(relevant, { error: FRENCH_ZOD_ERRORS }).error?.issues ?? [];
    throw new ConfigError(parsed.error.issues.map((issue, index) => describeIssue(issue, french[index] ?? issue)));
  }
  const e = parsed.data;
  const unprotected = e.MONITOR_ENV === 'production' ? unprotectedConnections(e) : [];
  if (unprotected.length > 0) throw new ConfigError(unprotected);
  const config: Config = {
    env: e.MONITOR_ENV,
    logLevel: e.MONITOR_LOG_LEVEL,
    http: { host: e.MONITOR_HOST, port: e.MONITOR_PORT, trustProxyHops: e.MONITOR_TRUST_PROXY_HOPS },
    mongo: {
      embedded: e.MONITOR_MONGODB_URI === undefined,
      dbName: e.MONITOR_MONGODB_DB,
      storeDir: resolve(e.MONITOR_STORE_DIR),
    },
    redis: {
      embedded: e.MONITOR_REDIS_URL === undefined,
      dataDir: resolve(e.MONITOR_REDIS_DIR),
      serverPath: e.MONITOR_REDIS_SERVER_PATH,
    },
    embeddedBinaryPath: resolveFromProject(e.MONITOR_EMBEDDED_BIN ?? 'embedded/bin/monitor-embedded'),
    jobs: {
      queuePrefix: e.MONITOR_QUEUE_PREFIX,
      concurrency: e.MONITOR_WORKER_CONCURRENCY,
      shutdownGraceMs: e.MONITOR_SHUTDOWN_GRACE_MS,
    },
    classifier: {
      threads: e.MONITOR_CLASSIFIER_THREADS,
      ruleBudgetMs: e.MONITOR_RULE_BUDGET_MS,
      analysisBudgetMs: e.MONITOR_ANALYSIS_BUDGET_MS,
    },
    crawler: {
      chromiumPath: e.MONITOR_CHROMIUM_PATH,
      userAgent: e.MONITOR_CRAWLER_USER_AGENT,
      minDelayMs: e.MONITOR_CRAWLER_MIN_DELAY_MS,
      maxPerHost: e.MONITOR_CRAWLER_HOST_CONCURRENCY,
      allowedTestHosts: e.MONITOR_CRAWLER_ALLOWED_TEST_HOSTS?.split(',') ?? [],
      evidenceDir: resolve(e.MONITOR_EVIDENCE_DIR),
      discoveryRedditUrl: e.MONITOR_DISCOVERY_REDDIT_URL?.replace(/\/$/, ''),
    },
    review: {
      sessionMs: e.MONITOR_SESSION_HOURS * 3_600_000,
      secureCookies: e.MONITOR_COOKIE_SECURE === 'auto' ? e.MONITOR_ENV !== 'test' : e.MONITOR_COOKIE_SECURE === 'true',
      claimMs: e.MONITOR_CLAIM_MINUTES * 60_000,
      retentionMs: e.MONITOR_RETENTION_DAYS * 86_400_000,
    },
    notices: {
      // Links in e-mails and on pages point where the console listens unless told otherwise.
      publicUrl: (e.MONITOR_PUBLIC_URL ?? `http://127.0.0.1:${e.MONITOR_PORT}`).replace(/\/$/, ''),
      from: e.MONITOR_MAIL_FROM,
      emailEnabled: e.MONITOR_SMTP_URL !== undefined,
      webhookEnabled: e.MONITOR_SAFEGUARDING_WEBHOOK_URL !== undefined,
    },
    startupTimeoutMs: e.MONITOR_STARTUP_TIMEOUT_MS,
    dependencyWaitMs: e.MONITOR_DEPENDENCY_WAIT_SECONDS * 1_000,
    demo:
      e.MONITOR_DEMO === 'auto'
        ? e.MONITOR_MONGODB_URI === undefined && e.MONITOR_ENV !== 'production'
        : e.MONITOR_DEMO === 'true',
  };
  const secrets: Secrets = {
    mongodbUri: e.MONITOR_MONGODB_URI ?? null,
    redisUrl: e.MONITOR_REDIS_URL ?? null,
    smtpUrl: e.MONITOR_SMTP_URL ?? null,
    safeguardingWebhookUrl: e.MONITOR_SAFEGUARDING_WEBHOOK_URL ?? null,
  };
  return { config: deepFreeze(config), secrets: Object.freeze(secrets) };
}

/**
 * In production an external store or Redis must ask for a password: anyone who reaches an open
 * one reads every case. (The embedded servers listen on loopback only.) Messages never repeat
 * the value, which may hold other secrets.
 */
function unprotectedConnections(e: z.infer<typeof envSchema>): BilingualText[] {
  const issues: BilingualText[] = [];
  if (e.MONITOR_MONGODB_URI !== undefined && !hasPassword(e.MONITOR_MONGODB_URI)) {
    issues.push({
      en: 'MONITOR_MONGODB_URI: must carry credentials (user:password@host) when MONITOR_ENV=production',
      fr: "MONITOR_MONGODB_URI : doit porter un identifiant et un mot de passe (utilisateur:motdepasse@hôte) quand MONITOR_ENV=production",
    });
  }
  if (e.MONITOR_REDIS_URL !== undefined && !hasPassword(e.MONITOR_REDIS_URL)) {
    issues.push({
      en: 'MONITOR_REDIS_URL: must carry a password (redis://:password@host or user:password@) when MONITOR_ENV=production',
      fr: 'MONITOR_REDIS_URL : doit porter un mot de passe (redis://:motdepasse@hôte ou utilisateur:motdepasse@) quand MONITOR_ENV=production',
    });
  }
  return issues;
}

function hasPassword(uri: string): boolean {
  return /^[a-z+]+:\/\/[^@/]*:[^@/]+@/i.test(uri);
}

function describeIssue(issue: z.core.$ZodIssue, frenchIssue: z.core.$ZodIssue): BilingualText {
  const key = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return {
      en: `${keys}: unknown variable (see the configuration table in README.md)`,
      fr: `${keys} : variable inconnue (voir le tableau de configuration du README.md)`,
    };
  }
  return { en: `${key}: ${issue.message}`, fr: `${key} : ${frenchConfigMessage(frenchIssue.message)}` };
}

function resolveFromProject(path: string): string {
  return isAbsolute(path) ? path : join(PROJECT_ROOT, path);
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
