import { z } from 'zod/v4';
import type { BilingualText } from './errors.js';

/** zod's own messages in Québec French, for people who read the product in French. */
export const FRENCH_ZOD_ERRORS = z.locales.frCA().localeError;

/**
 * For messages a schema sets itself (its formats), written in both languages: zod carries the
 * English one, the returned function finds the French one by it (any other message comes back as
 * it is, already in the language it was parsed in).
 */
export function frenchOfSchemaMessages(messages: Readonly<Record<string, BilingualText>>): (message: string) => string {
  const french = new Map(Object.values(messages).map(({ en, fr }) => [en, fr]));
  return (message) => french.get(message) ?? message;
}
