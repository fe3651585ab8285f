import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InvalidInputError } from '../lib/errors.js';
import type { SourceConfig } from './types.js';

const selectorsSchema = z
  .object({
    item: z.string().min(1),
    text: z.string().min(1),
    author: z.string().min(1).optional(),
    link: z.string().min(1).optional(),
    idAttribute: z.string().min(1).optional(),
    date: z.string().min(1).optional(),
    nextPage: z.string().min(1).optional(),
  })
  .strict();

/** A source as administrators write it in YAML. */
export const sourceFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'lower-case letters, digits, _ and -'),
    org: z.string().regex(/^[a-z0-9-]{2,40}$/),
    type: z.enum(['html', 'browser', 'rss', 'mastodon', 'reddit', 'bluesky', 'group-page']),
    url: z.string().url().max(2048),
    schedule: z
      .string()
      .max(100)
      .regex(/^every \d{1,4} (minute|hour|day)s?$/, 'expected "every N minutes|hours|days"')
      .optional(),
    selectors: selectorsSchema.optional(),
    limits: z.object({ maxPages: z.number().int().min(1).max(100).optional(), maxItems: z.number().int().min(1).max(10_000).optional() }).strict().optional(),
  })
  .strict();

/** Parses a source YAML file; every problem is listed with its field. */
export function parseSourceFile(text: string, path: string): SourceConfig & { schedule?: string } {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    throw new InvalidInputError(`${path}: invalid YAML`, { issues: doc.errors.map((error) => `${path}: ${error.message.split('\n')[0]}`) });
  }
  const parsed = sourceFileSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new InvalidInputError(issues.join('; '), { issues });
  }
  const { id, ...rest } = parsed.data;
  return { sourceId: id, ...rest };
}
