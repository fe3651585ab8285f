import { describe, expect, it } from 'vitest';
import { isAbsolute } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { ConfigError } from '../../lib/errors.js';

describe('loadConfig', () => {
  it('when nothing is configured, then it runs on embedded servers with the demo and frozen defaults', () => {
    const { config, secrets } = loadConfig({});

    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, trustProxyHops: 0 });
    expect(config.mongo.embedded).toBe(true);
    expect(config.redis.embedded).toBe(true);
    expect(config.demo).toBe(true);
    expect(isAbsolute(config.mongo.storeDir)).toBe(true);
    expect(config.mongo.storeDir.endsWith('data/store')).toBe(true);
    expect(secrets).toEqual({ mongodbUri: null, redisUrl: null, smtpUrl: null, safeguardingWebhookUrl: null });
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('when MONITOR_MONGODB_URI is set, then the store is external and the demo is off', () => {
    const { config, secrets } = loadConfig({ MONITOR_MONGODB_URI: 'mongodb://user:pw@db.example:27017' });

    expect(config.mongo.embedded).toBe(false);
    expect(config.demo).toBe(false);
    expect(secrets.mongodbUri).toBe('mongodb://user:pw@db.example:27017');
    expect(JSON.stringify(config)).not.toContain('pw@');
  });

  it('when several variables are wrong, then one ConfigError lists every one of them by name', () => {
    const attempt = () =>
      loadConfig({
        MONITOR_PORT: 'eighty',
        MONITOR_REDIS_URL: 'http://localhost',
        MONITOR_ENV: 'staging',
        MONITOR_PROT: '3000',
      });

    expect(attempt).toThrow(ConfigError);
    const issues = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as ConfigError).issues;
      }
      return [];
    })();
    expect(issues).toHaveLength(4);
    expect(issues.join('\n')).toMatch(/MONITOR_PORT: /);
    expect(issues.join('\n')).toMatch(/MONITOR_REDIS_URL: must start with redis:\/\//);
    expect(issues.join('\n')).toMatch(/MONITOR_ENV: /);
    expect(issues.join('\n')).toMatch(/MONITOR_PROT: unknown variable/);
  });

  it('when variables are wrong, then each problem is also worded in French, variable by variable', () => {
    const error = (() => {
      try {
        loadConfig({ MONITOR_PORT: 'eighty', MONITOR_REDIS_URL: 'http://localhost', MONITOR_ENV: 'staging', MONITOR_PROT: '3000', MONITOR_CLAIM_MINUTES: '500' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('loadConfig accepted invalid variables');
    })();

    expect([...error.frenchIssues].sort()).toEqual([
      'MONITOR_CLAIM_MINUTES : Trop grand : attendu que number soit ≤240',
      `MONITOR_ENV : Option invalide : attendu l'une des valeurs suivantes "development"|"test"|"production"`,
      'MONITOR_PORT : Entrée invalide : attendu number, reçu NaN',
      'MONITOR_PROT : variable inconnue (voir le tableau de configuration du README.md)',
      'MONITOR_REDIS_URL : doit commencer par redis:// ou rediss://',
    ]);
    expect(error.issues).toHaveLength(5);
  });

  it('when the classifier budgets are given, then they are used, and a budget that is not a whole number of ms is refused', () => {
    const { config } = loadConfig({ MONITOR_CLASSIFIER_THREADS: '3', MONITOR_RULE_BUDGET_MS: '500' });

    expect(config.classifier).toEqual({ threads: 3, ruleBudgetMs: 500, analysisBudgetMs: 2_000 });
    expect(() => loadConfig({ MONITOR_RULE_BUDGET_MS: 'fast' })).toThrow(/MONITOR_RULE_BUDGET_MS/);
    expect(() => loadConfig({ MONITOR_CLASSIFIER_THREADS: '0' })).toThrow(/MONITOR_CLASSIFIER_THREADS/);
    expect(() => loadConfig({ MONITOR_TRUST_PROXY_HOPS: '-1' })).toThrow(/MONITOR_TRUST_PROXY_HOPS/);
    expect(() => loadConfig({ MONITOR_CRAWLER_HOST_CONCURRENCY: '0' })).toThrow(/MONITOR_CRAWLER_HOST_CONCURRENCY/);
  });

  it('when no public address is given, then links point to this machine on the configured port; a given one wins, without its trailing slash', () => {
    expect(loadConfig({}).config.notices.publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ MONITOR_PORT: '3456' }).config.notices.publicUrl).toBe('http://127.0.0.1:3456');
    expect(loadConfig({ MONITOR_PORT: '3456', MONITOR_PUBLIC_URL: 'https://veille.example.org/' }).config.notices.publicUrl).toBe('https://veille.example.org');
  });

  it('when a port is out of range, then it is refused', () => {
    expect(() => loadConfig({ MONITOR_PORT: '70000' })).toThrow(/MONITOR_PORT/);
  });

  it('when variables without the MONITOR_ prefix are present, then they are ignored', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
