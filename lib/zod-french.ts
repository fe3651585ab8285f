import type { z } from 'zod';

/**
 * A zod problem in French, for people who read the product in French (administrators' source
 * files, the configuration at start-up). `formats` maps a schema's own English messages (regex
 * formats) to their French; zod's generic wording is translated by kind of problem.
 */
export function frenchZodMessage(issue: z.ZodIssue, formats: ReadonlyMap<string, string> = new Map()): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return 'obligatoire';
      if (issue.expected === 'number' && issue.received === 'nan') return 'un nombre est attendu';
      if (issue.expected === 'integer') return 'un nombre entier est attendu';
      return `type attendu ${issue.expected}, reçu ${issue.received}`;
    case 'invalid_enum_value':
      return `valeur inconnue, attendu l'une de : ${issue.options.join(', ')}`;
    case 'unrecognized_keys':
      return `champ(s) inconnu(s) : ${issue.keys.join(', ')}`;
    case 'invalid_string':
      if (issue.validation === 'url') return 'URL invalide';
      return formats.get(issue.message) ?? 'format invalide';
    case 'too_small':
      if (issue.type === 'string') return `au moins ${String(issue.minimum)} caractère(s)`;
      return issue.type === 'number' ? `doit être au moins ${String(issue.minimum)}` : `au moins ${String(issue.minimum)} élément(s)`;
    case 'too_big':
      if (issue.type === 'string') return `au plus ${String(issue.maximum)} caractères`;
      return issue.type === 'number' ? `doit être au plus ${String(issue.maximum)}` : `au plus ${String(issue.maximum)} élément(s)`;
    default:
      return formats.get(issue.message) ?? issue.message;
  }
}
