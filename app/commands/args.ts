import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { InvalidInputError, type BilingualText } from '../../lib/errors.js';

/** A command-line mistake, told in English and in French (the terminal's language picks one). */
export function usageError(text: BilingualText): InvalidInputError {
  return new InvalidInputError(text.en, { issues: [text] });
}

/** The value after `--name` on the command line; a missing value is a usage error naming the flag. */
export function readFlag(args: string[], name: string): string {
  const index = args.indexOf(name);
  const value = index === -1 ? undefined : args[index + 1];
  if (value === undefined || value.startsWith('--')) throw usageError({ en: `missing ${name} <value>`, fr: `${name} <valeur> manquant` });
  return value;
}

/**
 * Refuses options the command does not know, so a mistyped or guessed one (`--help`, `--dryrun`)
 * stops before anything is written instead of being ignored.
 */
export function rejectUnknownOptions(args: readonly string[], known: readonly string[], usage: BilingualText): void {
  const unknown = args.find((arg) => arg.startsWith('--') && !known.includes(arg));
  if (unknown !== undefined) throw usageError({ en: `unknown option ${unknown}; ${usage.en}`, fr: `option inconnue ${unknown} ; ${usage.fr}` });
}

const READ_FAILURES: Record<string, BilingualText> = {
  ENOENT: { en: 'no such file', fr: 'fichier introuvable' },
  EACCES: { en: 'permission denied', fr: 'permission refusée' },
  EISDIR: { en: 'is a directory', fr: 'est un dossier' },
};

/** A file named on the command line; one that cannot be read is an input error naming it and why. */
export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
}

/** Checks up front that files named on the command line can be read, before any work starts. */
export function checkInputFiles(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      accessSync(path, constants.R_OK);
      if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    } catch (error) {
      throw unreadable(path, error);
    }
  }
}

function unreadable(path: string, error: unknown): InvalidInputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = READ_FAILURES[code] ?? { en: (error as Error).message, fr: (error as Error).message };
  return usageError({ en: `cannot read ${path}: ${reason.en}`, fr: `impossible de lire ${path} : ${reason.fr}` });
}
