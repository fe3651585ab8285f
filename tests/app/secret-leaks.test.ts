import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPost } from '../../db/post-repository.js';
import { jobIdFor } from '../../jobs/queues.js';
import { ConfigError } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { aSignedInUser } from '../support/api-client.js';
import { aUser } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { runMonitorToExit, startMonitorProcess, type MonitorProcess } from '../support/monitor-process.js';
import { eventually, restartablePort } from '../support/processes.js';
import { redisValuesUnder } from '../support/redis-values.js';

// Tests 15 and 16 of RELIABILITY.md: secrets given to the monitor never come back out of it.

const SMTP_PASSWORD = 'CanarySmtpPw6z';
const WEBHOOK_TOKEN = 'CanaryHookToken7w';
const FAKE_STORE_PASSWORD = 'CanaryStorePw4x';
const FAKE_REDIS_PASSWORD = 'CanaryRedisPw5y';

let context: TestContext;
const monitors: MonitorProcess[] = [];

beforeAll(async () => {
  context = await createTestContext('secret-leaks');
});
afterEach(() => {
  for (const monitor of monitors.splice(0)) if (monitor.child.exitCode === null) monitor.child.kill('SIGKILL');
});
afterAll(async () => {
  await context.dispose();
});

/**
 * The run's store and Redis URLs with a password in them. On the embedded servers a made-up one
 * (FerretDB's PLAIN mechanism and a Redis without requirepass accept any); on real servers the
 * password already in the URL, if any, is the canary.
 */
function withPasswords(): { mongodbUri: string; redisUrl: string; canaries: string[] } {
  const canaries: string[] = [];
  let mongodbUri = inject('mongodbUri');
  const storePassword = new URL(mongodbUri).password;
  if (storePassword) canaries.push(decodeURIComponent(storePassword));
  else if (inject('mongodbIsEmbedded')) {
    const url = new URL(mongodbUri);
    url.username = 'monitor';
    url.password = FAKE_STORE_PASSWORD;
    url.searchParams.set('authMechanism', 'PLAIN');
    mongodbUri = url.toString();
    canaries.push(FAKE_STORE_PASSWORD);
  }
  const redis = new URL(inject('redisUrl'));
  if (redis.password) canaries.push(decodeURIComponent(redis.password));
  else {
    redis.password = FAKE_REDIS_PASSWORD;
    canaries.push(FAKE_REDIS_PASSWORD);
  }
  return { mongodbUri, redisUrl: redis.toString(), canaries };
}

const leaksOf = (texts: readonly string[], canaries: readonly string[]) =>
  canaries.flatMap((canary) => texts.filter((text) => text.includes(canary)).map((text) => `${canary} in: ${text.slice(0, 300)}`));

describe('secrets stay secret', () => {
  it('when the monitor runs with passwords in every connection string and goes through failures, then no password shows in its logs, responses, Redis or stored errors', async () => {
    const { mongodbUri, redisUrl, canaries } = withPasswords();
    const closedPort = await restartablePort();
    canaries.push(SMTP_PASSWORD, WEBHOOK_TOKEN);
    await upsertOrganization(context.store.models, { slug: 'gostudent', name: 'GoStudent' });
    await aUser(context, [{ org: 'gostudent', role: 'safeguarding_officer' }]);

    const monitor = await startMonitorProcess('start', {
      MONITOR_ENV: 'test',
      MONITOR_LOG_LEVEL: 'trace',
      MONITOR_MONGODB_URI: mongodbUri,
      MONITOR_MONGODB_DB: context.config.mongo.dbName,
      MONITOR_REDIS_URL: redisUrl,
      MONITOR_QUEUE_PREFIX: context.config.jobs.queuePrefix,
      // Both lead nowhere: sending fails, and the failures are logged and stored on the notices.
      MONITOR_SMTP_URL: `smtp://alerts:${SMTP_PASSWORD}@127.0.0.1:${closedPort}`,
      MONITOR_SAFEGUARDING_WEBHOOK_URL: `http://127.0.0.1:${closedPort}/hooks/${WEBHOOK_TOKEN}?token=${WEBHOOK_TOKEN}`,
    });
    monitors.push(monitor);

    // A child-safety case: the worker classifies it and tries to alert by e-mail and webhook.
    const post = await insertPost(context.store.models, {
      org: 'gostudent', sourceId: 'chat', externalId: 'secret-1', text: "Send me nudes, you're only 14 but mature",
    });
    await context.queues.classify.add('classify', { postIds: [String(post._id)] }, { jobId: jobIdFor('classify', String(post._id)) });
    await eventually(
      async () => (await context.store.models.Notice.find({}).lean()).filter((notice) => notice.lastError),
      (failed) => new Set(failed.map((notice) => notice.channel)).size >= 2,
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nmonitor log (end):\n${monitor.stderr().slice(-4_000)}`);
    });

    // Error paths of the API, signed in and not.
    const session = await aSignedInUser(context, monitor.url, [{ org: 'gostudent', role: 'admin' }]);
    const bodies: string[] = [];
    const keep = async (response: Response) => bodies.push(`${response.status} ${[...response.headers].join(' ')} ${await response.text()}`);
    await keep(await fetch(`${monitor.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' }));
    await keep(await fetch(`${monitor.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@example.org', password: 'wrong-password' }) }));
    await keep(await fetch(`${monitor.url}/api/flags`));
    await keep(await fetch(`${monitor.url}/api/does-not-exist`));
    await keep(await fetch(`${monitor.url}/health`));
    await keep(await session.request('GET', '/api/flags?status[$ne]=open'));
    await keep(await session.request('GET', '/api/flags/000000000000000000000000'));
    await keep(await session.request('GET', '/api/flags/not-an-id'));
    await keep(await session.request('POST', '/api/groups', { url: 'file:///etc/passwd' }));
    await keep(await session.request('GET', '/api/flags'));
    await keep(await session.request('GET', '/'));

    monitor.child.kill('SIGTERM');
    await once(monitor.child, 'exit');
    const logs = [...monitor.stderr().split('\n'), ...monitor.stdoutLines()];
    const notices = await context.store.models.Notice.find({}).lean();
    const redisValues = await redisValuesUnder(context.redis, context.config.jobs.queuePrefix);

    expect(logs.length).toBeGreaterThan(20);
    expect(notices.some((notice) => notice.lastError)).toBe(true);
    expect(bodies).toHaveLength(11);
    expect(leaksOf(logs, canaries)).toEqual([]);
    expect(leaksOf(bodies, canaries)).toEqual([]);
    expect(leaksOf(notices.map((notice) => JSON.stringify(notice)), canaries)).toEqual([]);
    expect(leaksOf(redisValues, canaries)).toEqual([]);
  }, 180_000);

  it.each([
    ['store', { MONITOR_MONGODB_URI: `mongodb://monitor:${FAKE_STORE_PASSWORD}@127.0.0.1:{port}/?serverSelectionTimeoutMS=500` }, /127\.0\.0\.1/],
    ['Redis', { MONITOR_REDIS_URL: `redis://:${FAKE_REDIS_PASSWORD}@127.0.0.1:{port}` }, /cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1/],
  ])('when the %s cannot be reached at a URL with a password, then start-up fails naming the host, not the password', async (_what, env, named) => {
    const port = String(await restartablePort());
    const withPort = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replace('{port}', port)]));

    const run = await runMonitorToExit('start', {
      MONITOR_ENV: 'test',
      MONITOR_DEPENDENCY_WAIT_SECONDS: '0',
      MONITOR_MONGODB_URI: inject('mongodbUri'),
      MONITOR_MONGODB_DB: context.config.mongo.dbName,
      MONITOR_REDIS_URL: inject('redisUrl'),
      MONITOR_QUEUE_PREFIX: context.config.jobs.queuePrefix,
      MONITOR_PORT: '0',
      ...withPort,
    });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(named);
    expect(leaksOf([run.stdout, run.stderr], [FAKE_STORE_PASSWORD, FAKE_REDIS_PASSWORD])).toEqual([]);
  });

  it('when production is configured with a store or Redis that asks for no password, then it refuses to start, without echoing the values', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig({ MONITOR_ENV: 'production', ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).issues;
      }
      return [];
    };

    expect(refusal({ MONITOR_MONGODB_URI: 'mongodb://db.internal:27017/' })).toEqual([
      'MONITOR_MONGODB_URI: must carry credentials (user:password@host) when MONITOR_ENV=production',
    ]);
    expect(refusal({ MONITOR_REDIS_URL: 'redis://cache.internal:6379' })[0]).toMatch(/^MONITOR_REDIS_URL: must carry a password/);
    expect(refusal({ MONITOR_MONGODB_URI: `mongodb://monitor:${FAKE_STORE_PASSWORD}@db.internal/`, MONITOR_REDIS_URL: `redis://:${FAKE_REDIS_PASSWORD}@cache.internal` })).toEqual([]);
    // A malformed value is named, never repeated.
    expect(refusal({ MONITOR_MONGODB_URI: `mongo://monitor:${FAKE_STORE_PASSWORD}@db.internal/` }).join('\n')).not.toContain(FAKE_STORE_PASSWORD);
  });

  it('when the repository is scanned, then it holds no private keys, cloud or service tokens, credentials in URLs or .env files', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    const findings: string[] = [];
    for (const file of files) {
      if (/(^|\/)\.env(\.|$)/.test(file)) findings.push(`${file}: environment file committed`);
      const bytes = readFileSync(join(PROJECT_ROOT, file));
      if (bytes.includes(0)) continue; // binary
      const text = bytes.toString('utf8');
      for (const [kind, pattern] of SECRET_PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          if (!isPlaceholder(match[0])) findings.push(`${file}: ${kind}: ${match[0].slice(0, 12)}…`);
        }
      }
    }

    expect(files.length).toBeGreaterThan(100);
    expect(findings).toEqual([]);
  });
});

const SECRET_PATTERNS: [string, RegExp][] = [
  ['private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY( BLOCK)?-----/g],
  ['AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})\b/g],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/g],
  ['Stripe key', /\b[sr]k_live_[A-Za-z0-9]{16,}/g],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['credentials in a URL', /\b(?:mongodb(?:\+srv)?|rediss?|smtps?|postgres(?:ql)?|amqps?|https?):\/\/[^\s:/@'"`]+:[^\s@/'"`]{6,}@[^\s/'"`]+/g],
];

/** Credentials in URLs that are examples, test canaries or template placeholders. */
function isPlaceholder(found: string): boolean {
  return /Canary|\$\{|<|example|user:pw@|user:password@|:password@|:pass@|localhost|127\.0\.0\.1|\*\*\*/i.test(found);
}
