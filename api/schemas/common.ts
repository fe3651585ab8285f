import { z } from 'zod/v4';
import { frenchOfSchemaMessages } from '../../lib/schema-messages.js';

/**
 * Messages the schemas set themselves, in both languages. Issues carry the English text (the JSON
 * API's language); console forms show the French one (`schemaMessageIn`).
 */
const SCHEMA_MESSAGES = {
  objectId: { en: 'must be a 24-character hexadecimal id', fr: 'doit être un identifiant hexadécimal de 24 caractères' },
  orgSlug: {
    en: 'an organization slug',
    fr: "doit être l'identifiant d'une organisation (2 à 40 lettres minuscules, chiffres ou tirets)",
  },
  ruleSetVersion: { en: 'a rule-set version (hex)', fr: 'doit être une version de règles (16 à 64 chiffres hexadécimaux)' },
  controlCharacters: { en: 'must not contain control characters', fr: 'ne doit pas contenir de caractères de contrôle' },
  phoneNumber: { en: 'a phone number', fr: 'doit être un numéro de téléphone (chiffres, espaces, +, -, parenthèses)' },
} as const;

const frenchOf = frenchOfSchemaMessages(SCHEMA_MESSAGES);

/** A message set by one of these schemas, in `locale`; any other message is returned as it is. */
export function schemaMessageIn(message: string, locale: 'fr' | 'en'): string {
  return locale === 'fr' ? frenchOf(message) : message;
}

/** A MongoDB ObjectId in hex; anything else is refused before it reaches a query. */
export const objectId = z.string().regex(/^[a-f0-9]{24}$/, SCHEMA_MESSAGES.objectId.en);

/** An organization's slug, as in `/api/orgs/:org`. */
export const orgSlug = z.string().regex(/^[a-z0-9-]{2,40}$/, SCHEMA_MESSAGES.orgSlug.en);

/** A rule set's version: the hex content hash recorded on every finding. */
export const ruleSetVersion = z.string().regex(/^[a-f0-9]{16,64}$/, SCHEMA_MESSAGES.ruleSetVersion.en);

export const idParams = z.strictObject({ id: objectId });

/** A console page's language, `?lang=fr|en` (the Accept-Language header otherwise). */
export const consoleLang = z.enum(['fr', 'en']).optional();

/** A phone number as people write it: digits, spaces, +, -, dots and parentheses. */
export const phoneNumber = z.string().trim().regex(/^[0-9+() .-]{3,50}$/, SCHEMA_MESSAGES.phoneNumber.en);

/** Plain text a person writes: trimmed, no control characters except line breaks and tabs. */
export function humanText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((text) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text), SCHEMA_MESSAGES.controlCharacters.en);
}

export const emailAddress = z.string().trim().toLowerCase().max(320).pipe(z.email());
