import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import { InvalidInputError } from '../../lib/errors.js';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. hash-wasm runs it in WebAssembly, so there
// is no native module to build or download.
const MEMORY_KIB = 19_456;
const ITERATIONS = 2;
const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

/** Refuses passwords a reviewer of sensitive cases should not use; the message says why. */
export function checkPasswordStrength(password: string): void {
  const problem =
    password.length < MIN_PASSWORD_LENGTH
      ? { en: `password: at least ${MIN_PASSWORD_LENGTH} characters are required`, fr: `mot de passe : au moins ${MIN_PASSWORD_LENGTH} caractères sont requis` }
      : password.length > MAX_PASSWORD_LENGTH
        ? { en: `password: at most ${MAX_PASSWORD_LENGTH} characters`, fr: `mot de passe : au plus ${MAX_PASSWORD_LENGTH} caractères` }
        : undefined;
  if (problem) throw new InvalidInputError(problem.en, { issues: [problem] });
}

/** An encoded `$argon2id$…` string holding its own salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordStrength(password);
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: ITERATIONS,
    memorySize: MEMORY_KIB,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}

/** A random password for generated accounts (demo, `users add` without one). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
