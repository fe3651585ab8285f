import { InvalidInputError } from '../../lib/errors.js';

/** The value after `--name` on the command line; a missing value is a usage error naming the flag. */
export function readFlag(args: string[], name: string): string {
  const index = args.indexOf(name);
  const value = index === -1 ? undefined : args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new InvalidInputError(`missing ${name} <value>`);
  return value;
}
