import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidInputError } from '../../lib/errors.js';
import type { Scope } from '../types.js';

/** One labelled item of ../shared/data/eval-dev (see its README). */
export interface LabelledItem {
  id: string;
  text: string;
  lang: string;
  labels: string[];
  source: string;
  /** What the text is (the project's probes of group names and descriptions); a post's text by default. */
  scope?: Scope;
}

const SCOPES: readonly Scope[] = ['post_text', 'group_name', 'group_description'];

/** The labelled files (`.jsonl`) of a folder, in name order. */
export function labelledFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.jsonl')).sort().map((file) => join(dir, file));
}

export function readLabelledFile(path: string): LabelledItem[] {
  const items: LabelledItem[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let item: LabelledItem;
      try {
        item = JSON.parse(line) as LabelledItem;
      } catch {
        throw new InvalidInputError(`${basename(path)}:${index + 1} is not valid JSON`);
      }
      if (typeof item.text !== 'string' || !Array.isArray(item.labels) || typeof item.id !== 'string') {
        throw new InvalidInputError(`${basename(path)}:${index + 1} needs "id", "text" and "labels"`);
      }
      if (item.scope !== undefined && !SCOPES.includes(item.scope)) {
        throw new InvalidInputError(`${basename(path)}:${index + 1} has scope ${JSON.stringify(item.scope)}: use ${SCOPES.join(', ')}`);
      }
      items.push(item);
    });
  return items;
}

/**
 * Functional-test suites (HateCheck, MHC) number the cases of one template consecutively with
 * only the target group changing; keeping blocks of ten consecutive ids on one side of the split
 * keeps most template families out of the test side when their siblings were trained on.
 */
function familyOf(item: LabelledItem): string {
  const number = /(\d+)$/.exec(item.id)?.[1];
  if ((item.source === 'hatecheck_en' || item.source === 'mhc_fr') && number !== undefined) {
    return `${item.source}:${Math.floor(Number(number) / 10)}`;
  }
  return item.id;
}

/** Deterministic split: 70 % of families train the model, 30 % measure it. */
export function splitOf(item: LabelledItem): 'train' | 'test' {
  const digest = createHash('sha256').update(familyOf(item)).digest();
  return digest[0]! % 10 < 7 ? 'train' : 'test';
}

/**
 * Labels each source annotates reliably: absence there means a true negative (README table). A
 * Map, as sources come from the labelled files: "constructor" must be an unknown source.
 */
export const RELIABLE_LABELS: ReadonlyMap<string, readonly string[]> = new Map([
  ['mhc_fr', ['discrimination']],
  ['hatecheck_en', ['discrimination']],
  ['mlma', ['flagged']],
  ['ftr', ['discrimination']],
  ['japanese_toxic', ['flagged']],
  ['presidio_synth_pii', ['personal_info']],
  ['youtube_spam', ['spam']],
  ['openai_moderation', ['discrimination', 'cyberbullying']],
  ['project_probes', ['discrimination']],
  ['project_threat_probes', ['threat']],
  ['project_client_probes', ['client_identification']],
  ['project_safeguarding_probes', ['safeguarding']],
  ['project_cyberbullying_probes', ['cyberbullying']],
  ['project_defamation_probes', ['defamation']],
  ['project_japanese_probes', ['cyberbullying', 'threat', 'discrimination', 'safeguarding', 'spam']],
  ['project_blackmail_probes', ['threat']],
  ['project_drug_sales_probes', ['spam']],
  ['project_staff_privacy_probes', ['personal_info']],
  ['project_student_privacy_probes', ['personal_info']],
  ['project_identity_probes', ['discrimination']],
  ['project_identity_short_probes', ['discrimination']],
  ['project_french_spam_probes', ['spam']],
  ['project_immerse_member_probes', ['safeguarding', 'spam']],
  ['project_english_spam_probes', ['spam']],
  ['project_gostudent_conduct_probes', ['safeguarding']],
  ['project_portage_group_probes', ['missing_unofficial_label']],
  ['project_rseq_group_probes', ['defamation']],
  ['project_stereotype_probes', ['discrimination']],
]);

/** Sources where a category's absence can serve as a negative when training that category. */
export const TRAINING_NEGATIVES: Record<string, readonly string[]> = {
  discrimination: ['mhc_fr', 'hatecheck_en', 'mlma', 'ftr', 'japanese_toxic', 'openai_moderation'],
  cyberbullying: ['mlma', 'openai_moderation', 'japanese_toxic'],
  threat: ['mhc_fr', 'hatecheck_en', 'openai_moderation'],
  spam: ['youtube_spam'],
};
