import { parseDocument } from 'yaml';
import { z } from 'zod/v4';
import { InvalidInputError } from '../lib/errors.js';
import { FRENCH_ZOD_ERRORS, frenchOfSchemaMessages } from '../lib/schema-messages.js';
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

/** The formats' own messages, in both languages (problems follow the terminal's). */
const FORMATS = {
  id: { en: 'lower-case letters, digits, _ and -', fr: 'lettres minuscules, chiffres, _ et - seulement' },
  org: { en: 'an organization slug: 2 to 40 lower-case letters, digits or -', fr: "un identifiant d'organisation : 2 à 40 lettres minuscules, chiffres ou -" },
  schedule: { en: 'expected "every N minutes|hours|days"', fr: 'attendu « every N minutes|hours|days »' },
  selectors: {
    en: 'html and browser sources need selectors (item and text at least) to find the posts on the page',
    fr: 'les sources html et browser ont besoin de selectors (au moins item et text) pour trouver les publications dans la page',
  },
};
/** Page sources are read with CSS selectors; feeds and APIs have a known shape. */
const TYPES_WITH_SELECTORS: readonly string[] = ['html', 'browser'];
const frenchFormat = frenchOfSchemaMessages(FORMATS);

/** A source as administrators write it in YAML. */
export const sourceFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, FORMATS.id.en),
    org: z.string().regex(/^[a-z0-9-]{2,40}$/, FORMATS.org.en),
    type: z.enum(['html', 'browser', 'rss', 'mastodon', 'reddit', 'bluesky', 'group-page']),
    url: z.string().url().max(2048),
    schedule: z
      .string()
      .max(100)
      .regex(/^every \d{1,4} (minute|hour|day)s?$/, FORMATS.schedule.en)
      .optional(),
    selectors: selectorsSchema.optional(),
    limits: z.object({ maxPages: z.number().int().min(1).max(100).optional(), maxItems: z.number().int().min(1).max(10_000).optional() }).strict().optional(),
  })
  .strict()
  // Refused here rather than at the first crawl, where the source would only show as rejected.
  .refine((source) => !TYPES_WITH_SELECTORS.includes(source.type) || source.selectors !== undefined, { path: ['selectors'], message: FORMATS.selectors.en });

/** Parses a source YAML file; every problem is listed with its field, in English and French. */
export function parseSourceFile(text: string, path: string): SourceConfig & { schedule?: string } {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  const yamlProblems = doc.errors.map((error) => error.message.split('\n')[0]!.replace(/:$/, ''));
  let value: unknown;
  try {
    if (yamlProblems.length === 0) value = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // An alias bomb ("billion laughs") stops here instead of expanding.
    yamlProblems.push((error as Error).message);
  }
  if (yamlProblems.length > 0) {
    const issues = yamlProblems.map((problem) => ({ en: `${path}: invalid YAML: ${problem}`, fr: `${path} : YAML invalide : ${problem}` }));
    throw new InvalidInputError(`${path}: invalid YAML`, { issues });
  }
  const parsed = sourceFileSchema.safeParse(value);
  if (!parsed.success) {
    // The same input parsed again with zod's French messages: the same problems, in the same order.
    const french = sourceFileSchema.safeParse(value, { error: FRENCH_ZOD_ERRORS }).error?.issues ?? [];
    const issues = parsed.error.issues.map((issue, index) => {
      const field = issue.path.join('.');
      const frenchMessage = frenchFormat(french[index]?.message ?? issue.message);
      return { en: `${path}: ${field || '(file)'}: ${issue.message}`, fr: `${path} : ${field || '(fichier)'} : ${frenchMessage}` };
    });
    throw new InvalidInputError(issues.map((issue) => issue.en).join('; '), { issues });
  }
  const { id, ...rest } = parsed.data;
  return { sourceId: id, ...rest };
}
