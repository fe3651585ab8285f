import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { StartupError, type BilingualText } from '../lib/errors.js';
import { serversLogger } from '../lib/logger.js';

/** A server process the monitor started and must stop. */
export interface OwnedServer {
  readonly pid: number;
  /** Sends SIGTERM, waits for the exit, then SIGKILL after `killAfterMs`. Safe to call twice. */
  stop(killAfterMs?: number): Promise<void>;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<number | null>;
}

export interface SpawnOwnedOptions {
  /** Short name for messages: "FerretDB", "redis-server". */
  label: string;
  command: string;
  args: readonly string[];
  /** Hint appended to errors, e.g. "run npm run setup", in English and French. */
  fixHint: BilingualText;
}

/**
 * Starts a child whose standard input stays a pipe held by us: the Go helper exits when that pipe
 * closes, which is what happens when this process dies however it dies.
 */
export function spawnOwned(options: SpawnOwnedOptions): { server: OwnedServer; child: ChildProcess } {
  const child = spawn(options.command, [...options.args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => resolveExit(code));
    child.once('error', () => resolveExit(null));
  });
  collectStderr(child, options.label);
  let stopping: Promise<void> | undefined;

  const server: OwnedServer = {
    get pid() {
      return child.pid ?? -1;
    },
    exited,
    stop(killAfterMs = 10_000) {
      stopping ??= stopChild(child, exited, killAfterMs);
      return stopping;
    },
  };
  return { server, child };
}

/** Waits for the first stdout line that `parse` turns into a value, failing on exit or timeout. */
export async function waitForReadyLine<T>(
  child: ChildProcess,
  options: SpawnOwnedOptions & { timeoutMs: number; parse: (line: string) => T | undefined },
): Promise<T> {
  const lines = createInterface({ input: child.stdout! });
  const spawnFailure = once(child, 'error').then(([error]) => {
    const reason = `${options.command}: ${(error as Error).message}`;
    throw new StartupError(`${options.label} could not be started (${reason}); ${options.fixHint.en}`, {
      fr: `${options.label} n'a pas pu être lancé (${reason}) ; ${options.fixHint.fr}`,
    });
  });
  const earlyExit = once(child, 'exit').then(([code]) => {
    throw new StartupError(`${options.label} exited with code ${String(code)} before it was ready: ${lastStderr(child)}; ${options.fixHint.en}`, {
      fr: `${options.label} s'est arrêté (code ${String(code)}) avant d'être prêt : ${lastStderr(child)} ; ${options.fixHint.fr}`,
    });
  });
  const ready = (async () => {
    for await (const line of lines) {
      const value = options.parse(line);
      if (value !== undefined) return value;
    }
    return new Promise<T>(() => {}); // stdout closed: the exit handler reports it
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StartupError(`${options.label} was not ready after ${options.timeoutMs} ms; ${options.fixHint.en}`, {
            fr: `${options.label} n'était pas prêt après ${options.timeoutMs} ms ; ${options.fixHint.fr}`,
          }),
        ),
      options.timeoutMs,
    );
  });
  try {
    return await Promise.race([ready, spawnFailure, earlyExit, timeout]);
  } finally {
    clearTimeout(timer);
    spawnFailure.catch(() => {});
    earlyExit.catch(() => {});
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
    child.stdin?.destroy();
  }
}

const STDERR_KEPT_LINES = 20;
const stderrByChild = new WeakMap<ChildProcess, string[]>();

function collectStderr(child: ChildProcess, label: string): void {
  const kept: string[] = [];
  stderrByChild.set(child, kept);
  createInterface({ input: child.stderr! }).on('line', (line) => {
    kept.push(line);
    if (kept.length > STDERR_KEPT_LINES) kept.shift();
    serversLogger.debug({ server: label, line }, 'server output');
  });
}

function lastStderr(child: ChildProcess): string {
  const lines = stderrByChild.get(child) ?? [];
  return lines.slice(-3).join(' | ') || 'no output';
}
