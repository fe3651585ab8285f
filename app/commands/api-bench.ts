import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.js';
import { hashPassword } from '../../api/auth/passwords.js';
import { newSecretToken, tokenHash } from '../../api/auth/tokens.js';
import { loadConfig } from '../../config/index.js';
import { updateReliabilityFigures } from '../../lib/reliability-summary.js';
import { insertFlags } from '../../db/flag-repository.js';
import { upsertOrganization } from '../../db/organization-repository.js';
import { insertPosts } from '../../db/post-repository.js';
import { insertApiToken } from '../../db/session-repository.js';
import { createUser } from '../../db/user-repository.js';
import { buildApiDeps } from '../api-deps.js';
import { buildContext } from '../context.js';

const FLAGS = 10_000;
const CONNECTIONS = 10;
/** A queue in steady state: most flags were decided long ago. */
const OPEN_SHARE = 0.1;
const CATEGORIES = ['cyberbullying', 'defamation', 'threat', 'spam', 'discrimination'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'urgent'] as const;

/**
 * `GET /api/flags` (50 per page, authenticated) with 10,000 flags, against a fresh embedded store
 * and Redis in a temporary folder, measured with autocannon from a worker thread. Returns the
 * report lines and how many requests failed (CI fails on any; speed is reported, not enforced).
 */
export async function benchApi(durationSeconds = 60): Promise<{ lines: string[]; failedRequests: number }> {
  const scratch = mkdtempSync(join(tmpdir(), 'monitor-api-bench-'));
  const loaded = loadConfig({
    MONITOR_ENV: 'test',
    MONITOR_LOG_LEVEL: 'warn',
    MONITOR_STORE_DIR: join(scratch, 'store'),
    MONITOR_REDIS_DIR: join(scratch, 'redis'),
    MONITOR_MONGODB_DB: 'bench',
  });
  const context = await buildContext(loaded);
  let server: Server | undefined;
  try {
    const models = context.store.models;
    await upsertOrganization(models, { slug: 'bench-org', name: 'Bench' });
    const postIds = await insertPosts(
      models,
      Array.from({ length: FLAGS }, (_, i) => ({
        org: 'bench-org',
        sourceId: 'bench',
        externalId: `p${i}`,
        author: `membre${i % 300}`,
        text: `Publication ${i} : ${'propos désobligeants envers un autre membre du groupe, '.repeat(4)}`,
      })),
    );
    await insertFlags(
      models,
      postIds.map((postId, i) => ({
        org: 'bench-org',
        itemType: 'post' as const,
        itemId: postId,
        sourceId: 'bench',
        lang: 'fr',
        category: CATEGORIES[i % CATEGORIES.length]!,
        severity: SEVERITIES[i % SEVERITIES.length]!,
        ...(i >= FLAGS * OPEN_SHARE ? { resolved: true } : {}),
        findings: [{ category: CATEGORIES[i % CATEGORIES.length]!, severity: SEVERITIES[i % SEVERITIES.length]!, score: 0.8, ruleId: 'bench.rule', ruleVersion: 'v1' }],
      })),
    );
    const user = await createUser(models, {
      email: 'bench@example.org',
      passwordHash: await hashPassword('bench-password-123'),
      memberships: [{ org: 'bench-org', role: 'reviewer' }],
    });
    const token = newSecretToken('mon_');
    await insertApiToken(models, { tokenHash: tokenHash(token), userId: String(user._id), name: 'bench' });

    const app = createApp(buildApiDeps(context));
    server = await new Promise<Server>((resolveListen) => {
      const listening = app.listen(0, '127.0.0.1', () => resolveListen(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/flags?pageSize=50`;
    const headers = { authorization: `Bearer ${token}` };
    // Warm-up: the first request reads the queue from the store (api/review/queue-read-model.ts).
    const warmStart = Date.now();
    await autocannon({ url, headers, connections: 1, amount: 1, timeout: 300 });
    const warmMs = Date.now() - warmStart;
    const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: durationSeconds, timeout: 10, workers: 1 });
    const failed = result.non2xx + result.errors + result.timeouts;
    const rate = result.requests.total / (result.duration || 1);
    const met = rate >= 1500 && result.latency.p99 < 100 && failed === 0;
    const reliability = updateReliabilityFigures({
      load: { requestsPerSecond: rate, p99Ms: result.latency.p99, seconds: durationSeconds, errors: failed, measuredAt: new Date().toISOString() },
    });
    const lines = [
      `API benchmark: GET /api/flags (50 per page, bearer token, ${FLAGS} flags of which ${FLAGS * OPEN_SHARE} open, embedded store), ${CONNECTIONS} connections for ${durationSeconds} s; first request (queue read from the store) ${warmMs} ms`,
      `  ${rate.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failed} failed of ${result.requests.total} (target 1,500 req/s with p99 < 100 ms: ${met ? 'met' : 'NOT met'})`,
      `reliability (docs/reliability.md): ${reliability}`,
    ];
    return { lines, failedRequests: failed };
  } finally {
    await new Promise<void>((resolveClose) => (server ? server.close(() => resolveClose()) : resolveClose()));
    await context.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
