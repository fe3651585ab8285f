import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { terminalLocale } from '../../config/terminal-locale.js';
import { monitorEnv } from '../support/monitor-process.js';

/** Runs the CLI with `input` on stdin; resolves with exit code and output. */
function runCli(args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/monitor.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: monitorEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolveRun) => child.on('close', (code) => resolveRun({ code, stdout, stderr })));
}

describe('monitor classify', () => {
  it('when JSONL arrives on stdin, then one verdict per line comes out in order, bad lines named', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: "T'es un vrai c0nn@rd" }),
      'this is not json',
      JSON.stringify({ id: 'b', text: 42 }),
      JSON.stringify({ id: 'c', text: 'I know where you live', lang: 'en' }),
      JSON.stringify({ id: 'd', text: '' }),
    ].join('\n');

    const result = await runCli(['classify', '--org', 'portage'], input);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));

    expect(result.code).toBe(0);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', lang: 'und' }); // too short to tell: every language's lists apply
    // The rules alone decide this one; whether the model also scores it past its threshold depends on its training.
    expect(lines[0].findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(expect.arrayContaining(['cyberbullying-insult', 'insult-untargeted']));
    expect(new Set(lines[0].findings.map((finding: { category: string }) => finding.category))).toEqual(new Set(['cyberbullying']));
    expect(lines[1]).toEqual({ line: 2, error: 'line 2 is not valid JSON' });
    expect(lines[2]).toEqual({ id: 'b', line: 3, error: 'line 3: "text" must be a string' });
    expect(lines[3]).toMatchObject({ id: 'c', lang: 'en', findings: [{ category: 'threat', ruleId: 'threat-direct' }] });
    expect(lines[4]).toEqual({ id: 'd', lang: 'und', findings: [] });
  });

  it('when a line gives the author the source shows, then an anonymous author is read; an author that is not a string is named', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Les visites sont permises dimanche?', author: 'Membre anonyme' }),
      JSON.stringify({ id: 'b', text: 'Les visites sont permises dimanche?', author: 'Julie Roy' }),
      JSON.stringify({ id: 'c', text: 'Les visites sont permises dimanche?', author: { name: 'x' } }),
    ].join('\n');

    const result = await runCli(['classify', '--org', 'portage'], input);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));

    expect(lines[0].findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['anonymous-content']);
    expect(lines[1].findings).toEqual([]);
    expect(lines[2]).toEqual({ id: 'c', line: 3, error: 'line 3: "author" must be a string' });
  });

  it('when a line gives earlier posts in the same words, then repeats and copies are read; a malformed one is named', async () => {
    const message = 'Abonnez-vous à ma page de recettes, une nouvelle recette santé chaque matin!';
    const input = [
      JSON.stringify({ id: 'a', text: message, author: 'Marc', earlierCopies: { byAuthor: 2, byOthers: [] } }),
      JSON.stringify({ id: 'b', text: message, author: 'Marc', earlierCopies: { byAuthor: -1, byOthers: [] } }),
      JSON.stringify({ id: 'c', text: message, earlierCopies: { byAuthor: 2, byOthers: 'Julie', extra: 1 } }),
    ].join('\n');

    const result = await runCli(['classify', '--org', 'portage'], input);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));

    expect(lines[0].findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['repeated-posts']);
    const refusal = '"earlierCopies" must be {"byAuthor": a whole number from 0, "byOthers": [names]}';
    expect(lines[1]).toEqual({ id: 'b', line: 2, error: `line 2: ${refusal}` });
    expect(lines[2]).toEqual({ id: 'c', line: 3, error: `line 3: ${refusal}` });
  });

  it('when 100,000 lines stream through, then every one is answered', async () => {
    const input = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: i, text: i % 1000 === 0 ? 'tu es un idiot' : 'salut' })).join('\n');

    const result = await runCli(['classify', '--org', 'portage'], input);
    const lines = result.stdout.trim().split('\n');

    expect(result.code).toBe(0);
    expect(lines).toHaveLength(100_000);
    expect(JSON.parse(lines[99_999]!).id).toBe(99_999);
    expect(lines.filter((line) => line.includes('cyberbullying'))).toHaveLength(100);
  }, 120_000);

  it('when the reader closes the pipe after the first line (| head -1), then the command stops quietly with exit code 0', async () => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/monitor.js'), 'classify', '--org', 'portage'], {
      cwd: PROJECT_ROOT,
      env: monitorEnv({}),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = new Promise<string>((resolveLine) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('\n')) {
          child.stdout.destroy();
          resolveLine(seen.slice(0, seen.indexOf('\n')));
        }
      });
    });
    // The command stops reading once its reader is gone, so the rest of this input may be refused.
    const inputErrors: (string | undefined)[] = [];
    child.stdin.on('error', (error: NodeJS.ErrnoException) => inputErrors.push(error.code));
    child.stdin.end(Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: i, text: 'tu es un idiot' })).join('\n'));
    const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));

    expect(JSON.parse(await firstLine)).toMatchObject({ id: 0 });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(inputErrors.filter((errorCode) => errorCode !== 'EPIPE')).toEqual([]);
  }, 60_000);

  it('when the organization has no pack, then one clear line says so', async () => {
    const result = await runCli(['classify', '--org', 'nobody'], '');

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^monitor: invalid rule set:.*no rule pack for organization "nobody"/s);
  });

  it('when the terminal is French and the organization has no pack, then the line is in French', async () => {
    const result = await runCli(['classify', '--org', 'nobody'], '', { LANG: 'fr_CA.UTF-8' });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^monitor: paquet de règles invalide : .*aucun paquet de règles pour l'organisation « nobody »/s);
  });

  it('when --org is missing, then the usage error is named', async () => {
    const result = await runCli(['classify'], '');

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('monitor: missing --org <value>');
  });

  it('when an option is unknown or a word follows that it does not take, then the usage is named before any line is read', async () => {
    const [unknown, stray, french] = await Promise.all([
      runCli(['classify', '--org', 'portage', '--lang', 'fr'], '{"id":"1","text":"bonjour"}\n'),
      runCli(['classify', '--org', 'portage', 'posts.jsonl'], '{"id":"1","text":"bonjour"}\n'),
      runCli(['classify', '--org'], '', { LANG: 'fr_CA.UTF-8' }),
    ]);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('monitor: unknown option --lang; usage: monitor classify --org <slug> < input.jsonl\n');
    expect(stray.code).toBe(1);
    expect(stray.stderr).toBe('monitor: unexpected argument posts.jsonl; usage: monitor classify --org <slug> < input.jsonl\n');
    expect(unknown.stdout + stray.stdout).toBe('');
    expect(french.stderr).toBe('monitor: --org <valeur> manquant\n');
  });
});

describe('monitor rules test', () => {
  it('when every shipped pack is tested, then all examples pass', async () => {
    const result = await runCli(['rules', 'test']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rules test: 4 pack\(s\) passed/);
  });

  it('when an inline example is wrong, a text or a post with its author, then it is printed and the exit code is non-zero', async () => {
    const result = await runCli(['rules', 'test', 'fixtures/rules/failing-example.yaml']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL fixtures/rules/failing-example.yaml rule insult-idiot: should match but did not: "Ceci ne contient aucune insulte"');
    // An example post given with its author: the author is passed to the rules, and only the failing one is printed.
    expect(result.stdout).toContain('FAIL fixtures/rules/failing-example.yaml rule anonymous-post: should match but did not: "Bonjour à tous"');
    expect(result.stdout).toContain('fixtures/rules/failing-example.yaml: 5 examples, 2 failed');
  });

  it('when a pack is invalid, then each problem is printed with file and line', async () => {
    const result = await runCli(['rules', 'test', 'fixtures/rules/invalid-pack.yaml']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR fixtures/rules/invalid-pack.yaml:15 $.rules[0].colour: unknown field "colour"');
  });

  it('when the terminal is French, then failures and problems are reported in French', async () => {
    const french = { LANG: 'fr_CA.UTF-8' };
    const failing = await runCli(['rules', 'test', 'fixtures/rules/failing-example.yaml'], '', french);
    const invalid = await runCli(['rules', 'test', 'fixtures/rules/invalid-pack.yaml'], '', french);

    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      'ÉCHEC fixtures/rules/failing-example.yaml règle insult-idiot : devrait signaler mais ne le fait pas : "Ceci ne contient aucune insulte"',
    );
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('ERREUR fixtures/rules/invalid-pack.yaml:15 $.rules[0].colour: champ inconnu « colour »');
    expect(invalid.stdout).toMatch(/rules test : \d+ problème\(s\)/);
  });

  it.each([
    [{ LANG: 'fr_CA.UTF-8' }, 'fr'],
    [{ LANG: 'fr_CA.UTF-8', LC_ALL: 'C' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' }, 'fr'],
    [{ LC_ALL: '', LANG: 'fr' }, 'fr'],
    [{}, 'en'],
  ])('when the locale variables are %j, then the command line speaks %s', (env, expected) => {
    expect(terminalLocale(env)).toBe(expected);
  });
});
