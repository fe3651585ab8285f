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

/** What a command accepts: options followed by a value, options alone, and whether file names may follow. */
export interface ArgumentSpec {
  withValue?: readonly string[];
  switches?: readonly string[];
  files?: boolean;
}

/**
 * Refuses what the command does not take, so a mistyped or guessed option (`--help`, `--dryrun`)
 * or a stray word stops before anything is read or written instead of being ignored.
 */
export function checkArguments(args: readonly string[], spec: ArgumentSpec, usage: BilingualText): void {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (spec.withValue?.includes(arg)) {
      index += 1; // its value; readFlag reports one that is missing
    } else if (arg.startsWith('--')) {
      if (!spec.switches?.includes(arg)) throw usageError({ en: `unknown option ${arg}; ${usage.en}`, fr: `option inconnue ${arg} ; ${usage.fr}` });
    } else if (!spec.files) {
      throw usageError({ en: `unexpected argument ${arg}; ${usage.en}`, fr: `argument inattendu ${arg} ; ${usage.fr}` });
    }
  }
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
    let isDirectory: boolean;
    try {
      accessSync(path, constants.R_OK);
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw unreadable(path, error);
    }
    if (isDirectory) throw unreadable(path, { code: 'EISDIR' });
  }
}

function unreadable(path: string, error: unknown): InvalidInputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = READ_FAILURES[code] ?? { en: (error as Error).message, fr: (error as Error).message };
  return usageError({ en: `cannot read ${path}: ${reason.en}`, fr: `impossible de lire ${path} : ${reason.fr}` });
}
