import { z } from 'zod/v4';
import { frenchOfSchemaMessages } from '../lib/schema-messages.js';

/** The formats' own messages, in both languages (the start-up line follows the terminal's). */
const FORMATS = {
  mongodbUri: { en: 'must start with mongodb:// or mongodb+srv://', fr: 'doit commencer par mongodb:// ou mongodb+srv://' },
  dbName: { en: 'letters, digits, _ and - only, at most 48', fr: 'lettres, chiffres, _ et - seulement, 48 au plus' },
  redisUrl: { en: 'must start with redis:// or rediss://', fr: 'doit commencer par redis:// ou rediss://' },
  queuePrefix: { en: 'letters, digits, _ and - only', fr: 'lettres, chiffres, _ et - seulement' },
  hostList: { en: 'a comma-separated list of host:port', fr: 'une liste hôte:port séparée par des virgules' },
  smtpUrl: { en: 'must start with smtp:// or smtps://', fr: 'doit commencer par smtp:// ou smtps://' },
};
/** A variable's problem in French: the formats above by their English text, zod's own already French. */
export const frenchConfigMessage = frenchOfSchemaMessages(FORMATS);

/**
 * Every environment variable the monitor reads, with its meaning and default. The README's table
 * is checked against this object by a test, so a new variable must be documented there too.
 */
export const ENV_SCHEMA = {
  MONITOR_ENV: z.enum(['development', 'test', 'production']).default('development'),
  MONITOR_HOST: z.string().min(1).default('127.0.0.1'),
  MONITOR_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONITOR_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  MONITOR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONITOR_MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, FORMATS.mongodbUri.en)
    .optional(),
  MONITOR_MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,48}$/, FORMATS.dbName.en)
    .default('monitor'),
  MONITOR_STORE_DIR: z.string().min(1).default('data/store'),
  MONITOR_EMBEDDED_BIN: z.string().min(1).optional(),
  MONITOR_EVIDENCE_DIR: z.string().min(1).default('data/evidence'),
  MONITOR_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, FORMATS.redisUrl.en)
    .optional(),
  MONITOR_REDIS_DIR: z.string().min(1).default('data/redis'),
  MONITOR_REDIS_SERVER_PATH: z.string().min(1).default('redis-server'),
  MONITOR_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, FORMATS.queuePrefix.en)
    .default('monitor'),
  MONITOR_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  MONITOR_CRAWLER_USER_AGENT: z
    .string()
    .min(8)
    .default('ComplianceMonitor/0.1 (social-media policy compliance monitor; respects robots.txt)'),
  MONITOR_CRAWLER_MIN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
  MONITOR_CRAWLER_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: z
    .string()
    .regex(/^([A-Za-z0-9.-]+:\d{1,5})(,[A-Za-z0-9.-]+:\d{1,5})*$/, FORMATS.hostList.en)
    .optional(),
  MONITOR_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  MONITOR_CLASSIFIER_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  MONITOR_RULE_BUDGET_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  MONITOR_ANALYSIS_BUDGET_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
  MONITOR_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  MONITOR_STARTUP_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  MONITOR_DEPENDENCY_WAIT_SECONDS: z.coerce.number().int().min(0).max(3_600).default(120),
  MONITOR_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Default: this machine on MONITOR_PORT (see config/index.ts). */
  MONITOR_PUBLIC_URL: z.string().url().optional(),
  MONITOR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, FORMATS.smtpUrl.en)
    .optional(),
  MONITOR_MAIL_FROM: z.string().min(3).max(320).default('Veille de conformité <monitor@localhost>'),
  MONITOR_SAFEGUARDING_WEBHOOK_URL: z.string().url().optional(),
  MONITOR_DISCOVERY_REDDIT_URL: z.string().url().optional(),
  MONITOR_SESSION_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  MONITOR_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  MONITOR_CLAIM_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
  MONITOR_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
} as const;

export type EnvKey = keyof typeof ENV_SCHEMA;
