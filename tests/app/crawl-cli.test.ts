import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { startFixtureServer } from '../support/fixture-server.js';
import { monitorEnv } from '../support/monitor-process.js';

let fixture: Awaited<ReturnType<typeof startFixtureServer>>;
const scratch = mkdtempSync(join(tmpdir(), 'monitor-crawl-cli-'));

beforeAll(async () => {
  const page = readFileSync(join(PROJECT_ROOT, 'fixtures/pages/forum-thread.html'));
  fixture = await startFixtureServer({
    '/robots.txt': (_req, res) => res.end('User-agent: *\nAllow: /\n'),
    '/forum/fil-42': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page);
    },
    '/forum/en-panne': (_req, res) => {
      res.statusCode = 503;
      res.end('maintenance');
    },
  });
});
afterAll(async () => {
  await fixture.close();
  rmSync(scratch, { recursive: true, force: true });
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/monitor.js'), ...args], { cwd: PROJECT_ROOT, env: monitorEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveRun) => child.on('close', (code) => resolveRun({ code, stdout, stderr })));
}

function sourceFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('monitor crawl --dry-run', () => {
  it('when a source file points at a forum page, then its posts are printed as JSONL and nothing is written', async () => {
    const yaml = readFileSync(join(PROJECT_ROOT, 'fixtures/sources/forum.yaml'), 'utf8').replace('http://127.0.0.1:8081', fixture.base);
    const path = sourceFile('forum.yaml', yaml);

    const result = await runCli(['crawl', '--source', path, '--dry-run', '--limit', '1'], { MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: fixture.host });

    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ externalId: 'p-101', author: 'Julie_M' });
  });

  it('when the fixture host is not on the test allowlist, then the SSRF guard refuses it in one line', async () => {
    const yaml = readFileSync(join(PROJECT_ROOT, 'fixtures/sources/forum.yaml'), 'utf8').replace('http://127.0.0.1:8081', fixture.base);
    const path = sourceFile('forum-blocked.yaml', yaml);

    const result = await runCli(['crawl', '--source', path, '--dry-run'], {});

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^monitor: source refused: port not allowed: \d+ \(only 80 for http\)$/);
  });

  it('when --dry-run is missing or --limit is not positive, then the usage error is named', async () => {
    const path = join(PROJECT_ROOT, 'fixtures/sources/forum.yaml');

    const withoutDryRun = await runCli(['crawl', '--source', path], {});
    const badLimit = await runCli(['crawl', '--source', path, '--dry-run', '--limit', '0'], {});

    expect(withoutDryRun.code).toBe(1);
    expect(withoutDryRun.stderr.trim()).toBe('monitor: monitor crawl only has --dry-run for now: stored crawls run as jobs of the worker');
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr.trim()).toBe('monitor: --limit must be a positive number');
  });

  it('when the command is unknown or rules has no subcommand, then the usage is printed and the exit code says so', async () => {
    const [unknown, rules, inherited] = await Promise.all([runCli(['crawll'], {}), runCli(['rules'], {}), runCli(['constructor'], {})]);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^monitor: unknown command "crawll"\nUsage: monitor <command>/);
    expect(rules.code).toBe(1);
    expect(rules.stderr.trim()).toBe('monitor: usage: monitor rules test [pack.yaml…]');
    // A name every JavaScript object has is still an unknown command.
    expect(inherited.code).toBe(2);
    expect(inherited.stderr).toMatch(/^monitor: unknown command "constructor"\n/);
  });

  it('when the terminal is French, then the help, an unknown command and a refused source are explained in French', async () => {
    const yaml = readFileSync(join(PROJECT_ROOT, 'fixtures/sources/forum.yaml'), 'utf8').replace('http://127.0.0.1:8081', fixture.base);
    const path = sourceFile('forum-blocked-fr.yaml', yaml);
    const french = { LANG: 'fr_CA.UTF-8' };

    const [help, unknown, refused, englishHelp] = await Promise.all([
      runCli(['help'], french),
      runCli(['crawll'], french),
      runCli(['crawl', '--source', path, '--dry-run'], french),
      runCli(['help'], { LANG: 'fr_CA.UTF-8', LC_ALL: 'C' }),
    ]);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Utilisation : monitor <commande>\n\nCommandes :\n/);
    expect(help.stdout).toContain('valide les paquets de règles et exécute leurs exemples');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^monitor: commande inconnue « crawll »\nUtilisation : monitor <commande>/);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^monitor: source refusée : port refusé : \d+ \(seul 80 pour http\)$/);
    expect(englishHelp.stdout).toMatch(/^Usage: monitor <command>\n/);
  });

  it('when the source answers 503, then the line says it is unavailable and to try later, in the terminal language', async () => {
    const yaml = readFileSync(join(PROJECT_ROOT, 'fixtures/sources/forum.yaml'), 'utf8')
      .replace('http://127.0.0.1:8081', fixture.base)
      .replace('/forum/fil-42', '/forum/en-panne');
    const path = sourceFile('forum-down.yaml', yaml);
    const allowed = { MONITOR_CRAWLER_ALLOWED_TEST_HOSTS: fixture.host };

    const [french, english] = await Promise.all([
      runCli(['crawl', '--source', path, '--dry-run'], { ...allowed, LANG: 'fr_CA.UTF-8' }),
      runCli(['crawl', '--source', path, '--dry-run'], { ...allowed, LC_ALL: 'C' }),
    ]);

    expect(french.code).toBe(1);
    expect(french.stderr.trim()).toMatch(/^monitor: source indisponible \(réessayez plus tard\) : http:\/\/127\.0\.0\.1:\d+\/forum\/en-panne : 503$/);
    expect(english.code).toBe(1);
    expect(english.stderr.trim()).toMatch(/^monitor: source unavailable \(try again later\): http:\/\/127\.0\.0\.1:\d+\/forum\/en-panne: 503$/);
  });

  it('when the source file is missing, is not YAML or an option is unknown, then the line names the file, the YAML problem or the option', async () => {
    const badYaml = sourceFile('not-yaml.yaml', 'id: a\nurl: [unclosed\n');
    const bomb = sourceFile('bomb.yaml', `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n')}\n`);

    const [missing, frenchMissing, yaml, aliases, unknown] = await Promise.all([
      runCli(['crawl', '--source', join(scratch, 'absent.yaml'), '--dry-run'], {}),
      runCli(['crawl', '--source', join(scratch, 'absent.yaml'), '--dry-run'], { LANG: 'fr_CA.UTF-8' }),
      runCli(['crawl', '--source', badYaml, '--dry-run'], {}),
      runCli(['crawl', '--source', bomb, '--dry-run'], {}),
      runCli(['crawl', '--source', badYaml, '--dry-run', '--limt', '3'], {}),
    ]);

    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`monitor: cannot read ${join(scratch, 'absent.yaml')}: no such file\n`);
    expect(frenchMissing.stderr).toBe(`monitor: impossible de lire ${join(scratch, 'absent.yaml')} : fichier introuvable\n`);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(/^monitor: \S+not-yaml\.yaml: invalid YAML: .*line \d+, column \d+$/m);
    expect(aliases.code).toBe(1);
    expect(aliases.stderr).toMatch(/^monitor: \S+bomb\.yaml: invalid YAML: .*alias/i);
    expect(unknown.stderr).toBe('monitor: unknown option --limt; usage: monitor crawl --source <source.yaml> --dry-run [--limit N]\n');
    for (const result of [missing, frenchMissing, yaml, aliases, unknown]) expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('when the source file is invalid, then every bad field is named', async () => {
    const path = sourceFile('bad.yaml', 'id: Bad Id\norg: portage\ntype: ftp\nurl: not-a-url\ncolour: red\n');

    const result = await runCli(['crawl', '--source', path, '--dry-run'], {});

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('id: lower-case letters, digits, _ and -');
    expect(result.stderr).toContain('type: Invalid option: expected one of "html"|"browser"');
    expect(result.stderr).toContain('url: Invalid URL');
    expect(result.stderr).toContain('(file): Unrecognized key: "colour"');
  });
});
