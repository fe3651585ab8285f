import { z } from 'zod/v4';

/** A MongoDB ObjectId in hex; anything else is refused before it reaches a query. */
export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character hexadecimal id');

export const idParams = z.strictObject({ id: objectId });

/** Plain text a person writes: trimmed, no control characters except line breaks and tabs. */
export function humanText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((text) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text), 'must not contain control characters');
}

export const emailAddress = z.string().trim().toLowerCase().max(320).pipe(z.email());
