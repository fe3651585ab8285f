import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../lib/paths.js';

export interface MonitorProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** Lines printed on stdout so far. */
  stdoutLines: () => string[];
}

/** Environment for a monitor child: only what the test gives, plus PATH (no inherited MONITOR_ vars). */
export function monitorEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, MONITOR_LOG_LEVEL: 'warn', ...env };
}

/** Runs `node bin/monitor.js <command>` as a real process and waits for its "listening" line. */
export async function startMonitorProcess(
  command: string,
  env: Record<string, string>,
  options: { onStderrLine?: (line: string) => void } = {},
): Promise<MonitorProcess> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/monitor.js'), command], {
    cwd: PROJECT_ROOT,
    env: monitorEnv({ MONITOR_PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.onStderrLine) createInterface({ input: child.stderr! }).on('line', options.onStderrLine);
  const lines = createInterface({ input: child.stdout! });
  const stdoutLines: string[] = [];
  lines.on('line', (line) => stdoutLines.push(line));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`monitor did not listen in time:\n${stderr}`)), 90_000);
    lines.on('line', (line) => {
      // English, or French when the test runs the monitor in a French terminal.
      const match = /^(?:Monitor listening on|Veille à l'écoute sur) (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`monitor exited with ${code} before listening:\n${stderr}`));
    });
  });
  return { child, url, stderr: () => stderr, stdoutLines: () => [...stdoutLines] };
}

/** Runs the CLI to completion, returning exit code and output; `stdin` is written to its input. */
export async function runMonitorToExit(
  command: string | string[],
  env: Record<string, string>,
  options: { stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = Array.isArray(command) ? command : [command];
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/monitor.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: monitorEnv(env),
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * A real `monitor worker` (or `start`) process; resolves once it logs "workers started". The
 * caller kills it (see `children`), so a test can SIGKILL or SIGTERM it mid-job.
 */
export async function startWorkerProcess(env: Record<string, string>, command: 'worker' | 'start' = 'worker'): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/monitor.js'), command], {
    cwd: PROJECT_ROOT,
    env: monitorEnv({ MONITOR_ENV: 'test', MONITOR_LOG_LEVEL: 'info', MONITOR_DEMO: 'false', MONITOR_PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolveStarted, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in time`)), 60_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (line.includes('workers started')) {
          clearTimeout(timer);
          resolveStarted();
        }
      });
    }
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
  return child;
}
