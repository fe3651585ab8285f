import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { descendantPids, eventually, isAlive, pidsMatching } from '../support/processes.js';
import { signIn } from '../support/api-client.js';
import { runMonitorToExit, startMonitorProcess, type MonitorProcess } from '../support/monitor-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'monitor-process-'));
const started: MonitorProcess[] = [];
// A failed assertion must not leave a monitor (and its servers) running after the test.
afterEach(() => {
  for (const monitor of started.splice(0)) if (monitor.child.exitCode === null) monitor.child.kill('SIGKILL');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function startTracked(env: Record<string, string>): Promise<MonitorProcess> {
  const monitor = await startMonitorProcess('start', env);
  started.push(monitor);
  return monitor;
}

function embeddedEnv(name: string): Record<string, string> {
  return {
    MONITOR_STORE_DIR: join(scratch, name, 'store'),
    MONITOR_REDIS_DIR: join(scratch, name, 'redis'),
  };
}

/** The single line the CLI prints on a known start-up failure, with no stack trace around it. */
function expectOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line.startsWith('monitor:'));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0], stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('npm start (monitor start) as a process', () => {
  it('when started with no configuration, then /health is 200 and SIGTERM stops it and its servers', async () => {
    const env = embeddedEnv('sigterm');
    const monitor = await startTracked(env);
    const servers = descendantPids(monitor.child.pid!);
    expect(servers.length).toBeGreaterThanOrEqual(3); // FerretDB helper, supervisor, redis-server

    const health = await fetch(`${monitor.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ store: 'ok', redis: 'ok' });
    // The demo prints a fresh administrator login; with it, the queue shows the demo organization.
    const loginLine = await eventually(
      async () => monitor.stdoutLines().find((line) => line.startsWith('Demo console login: ')),
      (line) => line !== undefined,
    );
    const [email, password] = loginLine!.slice('Demo console login: '.length).split(' / ') as [string, string];
    const session = await signIn(monitor.url, email, password);
    const home = await (await session.request('GET', '/')).text();
    expect(home).toContain('Portage (démo)');
    // The demo posts are classified by the workers: flags reach the queue within seconds.
    const openFlags = await eventually(
      async () => Number(/data-count="open">(\d+)</.exec(await (await session.request('GET', '/')).text())?.[1] ?? 0),
      (count) => count >= 5,
      60_000,
    );
    expect(openFlags).toBeGreaterThanOrEqual(5);
    // A command run beside the monitor uses its store instead of starting a second one on the same files.
    const added = await runMonitorToExit(['users', 'add', '--email', 'revue@portage.example', '--role', 'reviewer', '--org', 'portage'], env);
    expect(added.stderr).toBe('');
    const newPassword = /password: (\S+)$/m.exec(added.stdout)![1]!;
    expect((await (await signIn(monitor.url, 'revue@portage.example', newPassword)).request('GET', '/api/flags')).status).toBe(200);

    monitor.child.kill('SIGTERM');
    const [code] = await once(monitor.child, 'exit');
    expect(code).toBe(0);
    expect(servers.filter(isAlive)).toEqual([]);
  });

  it('when the monitor is killed with SIGKILL, then its servers exit by themselves (started in a French terminal, it greets in French)', async () => {
    const monitor = await startTracked({ ...embeddedEnv('sigkill'), LANG: 'fr_CA.UTF-8' });
    const servers = descendantPids(monitor.child.pid!);
    expect(servers.length).toBeGreaterThanOrEqual(3);
    expect(monitor.stdoutLines()).toContain(`Veille à l'écoute sur ${monitor.url}`);
    const demoLogin = await eventually(
      async () => monitor.stdoutLines().find((line) => line.startsWith('Connexion à la console de démonstration : ')),
      (line) => line !== undefined,
    );
    expect(demoLogin).toMatch(/^Connexion à la console de démonstration : demo-admin@portage\.example \/ \S{12,}$/);

    monitor.child.kill('SIGKILL');
    await once(monitor.child, 'exit');

    const left = await eventually(() => servers.filter(isAlive), (pids) => pids.length === 0);
    expect(left).toEqual([]);
  });
});

describe('start-up failures give one clear line', () => {
  it('when the port is already in use, then the line names the port and MONITOR_PORT, and no server is left', async () => {
    const blocker = createServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', () => resolveListen()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runMonitorToExit('start', { ...embeddedEnv('port'), MONITOR_PORT: String(port) });

      expect(result.code).toBe(1);
      expectOneClearLine(result.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*MONITOR_PORT`));
      expect(pidsMatching(join(scratch, 'port'))).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('when MONITOR_MONGODB_URI stays unreachable past the wait, then the line names the store and the variable, without the password', async () => {
    const result = await runMonitorToExit('start', {
      ...embeddedEnv('mongo'),
      MONITOR_MONGODB_URI: 'mongodb://admin:s3cret@127.0.0.1:9/monitor?serverSelectionTimeoutMS=1500',
      MONITOR_DEPENDENCY_WAIT_SECONDS: '7',
    });

    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /cannot reach the document store at mongodb:\/\/\*\*\*@127\.0\.0\.1:9\/.*MONITOR_MONGODB_URI/);
    expect(result.stderr).not.toContain('s3cret');
    expect(pidsMatching(join(scratch, 'mongo'))).toEqual([]);
    // It was retried before giving up (the log line is JSON on stderr beside the final line).
    expect(result.stderr).toContain('document store not ready; retrying');
  });

  it('when Chromium is missing, then the line names the path and how to install it', async () => {
    const result = await runMonitorToExit('start', {
      ...embeddedEnv('chromium'),
      MONITOR_CHROMIUM_PATH: '/nonexistent/chromium',
    });

    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /Chromium not found at \/nonexistent\/chromium: install Debian's chromium.*MONITOR_CHROMIUM_PATH/);
  });

  it('when the terminal is French, then a missing Chromium or store helper is explained in French', async () => {
    const [chromium, helper] = await Promise.all([
      runMonitorToExit('start', { ...embeddedEnv('chromium-fr'), MONITOR_CHROMIUM_PATH: '/nonexistent/chromium', LANG: 'fr_CA.UTF-8' }),
      runMonitorToExit('start', { ...embeddedEnv('helper-fr'), MONITOR_EMBEDDED_BIN: '/nonexistent/monitor-embedded', LANG: 'fr_CA.UTF-8' }),
    ]);

    expect(chromium.code).toBe(1);
    expectOneClearLine(chromium.stderr, /^monitor: Chromium introuvable à \/nonexistent\/chromium : installez le chromium de Debian .*MONITOR_CHROMIUM_PATH$/);
    expect(helper.code).toBe(1);
    expectOneClearLine(helper.stderr, /^monitor: l'assistant de la base intégrée est absent de \/nonexistent\/monitor-embedded : lancez `npm run setup`/);
  });

  it('when variables are invalid, then one line lists each of them', async () => {
    const result = await runMonitorToExit('start', { MONITOR_PORT: '-1', MONITOR_ENV: 'prod' });

    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /^monitor: invalid configuration: .*MONITOR_PORT.*; .*MONITOR_ENV|MONITOR_ENV.*; .*MONITOR_PORT/);
  });

  it('when variables are invalid and the terminal is French, then the line says so in French', async () => {
    const result = await runMonitorToExit('start', { MONITOR_PORT: '-1', LANG: 'fr_CA.UTF-8' });

    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /^monitor: configuration invalide : MONITOR_PORT : Trop petit : attendu que number soit ≥0$/);
  });

  it('when the embedded store helper is missing, then the line says to run the set-up', async () => {
    const result = await runMonitorToExit('start', {
      ...embeddedEnv('helper'),
      MONITOR_EMBEDDED_BIN: '/nonexistent/monitor-embedded',
    });

    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /embedded store helper is missing at \/nonexistent\/monitor-embedded: run `npm run setup`/);
  });
});
