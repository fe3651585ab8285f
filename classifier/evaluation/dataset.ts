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
 * The project's probes (fixtures/eval) by source: the labels they annotate reliably and, for probes
 * written for one organization's policy, the pack they are measured with whatever their language
 * (the others use the pack of their language). One entry per probe source, read by both below.
 */
export const PROBE_SOURCES: ReadonlyMap<string, { reliable: readonly string[]; org?: string }> = new Map([
  ['project_probes', { reliable: ['discrimination'] }],
  ['project_threat_probes', { reliable: ['threat'] }],
  ['project_client_probes', { reliable: ['client_identification'], org: 'portage' }],
  ['project_safeguarding_probes', { reliable: ['safeguarding'], org: 'gostudent' }],
  ['project_cyberbullying_probes', { reliable: ['cyberbullying'], org: 'rseq-monteregie' }],
  ['project_defamation_probes', { reliable: ['defamation'], org: 'portage' }],
  ['project_japanese_probes', { reliable: ['cyberbullying', 'threat', 'discrimination', 'safeguarding', 'spam'], org: 'immerse' }],
  ['project_blackmail_probes', { reliable: ['threat'], org: 'portage' }],
  ['project_drug_sales_probes', { reliable: ['spam'], org: 'portage' }],
  ['project_staff_privacy_probes', { reliable: ['personal_info'], org: 'portage' }],
  ['project_student_privacy_probes', { reliable: ['personal_info'], org: 'gostudent' }],
  ['project_identity_probes', { reliable: ['discrimination'], org: 'portage' }],
  ['project_identity_short_probes', { reliable: ['discrimination'], org: 'portage' }],
  ['project_french_spam_probes', { reliable: ['spam'], org: 'portage' }],
  ['project_immerse_member_probes', { reliable: ['safeguarding', 'spam'], org: 'immerse' }],
  ['project_english_spam_probes', { reliable: ['spam'], org: 'portage' }],
  ['project_gostudent_conduct_probes', { reliable: ['safeguarding'], org: 'gostudent' }],
  ['project_portage_group_probes', { reliable: ['missing_unofficial_label'], org: 'portage' }],
  ['project_rseq_group_probes', { reliable: ['defamation'], org: 'rseq-monteregie' }],
  ['project_stereotype_probes', { reliable: ['discrimination'], org: 'portage' }],
  // News, statistics, history and services naming a group, beside open hostility towards one.
  ['project_group_news_probes', { reliable: ['discrimination'], org: 'portage' }],
  // Telling someone to go back to their country, "sale" + an origin, beside the same words said innocently.
  ['project_origin_probes', { reliable: ['discrimination'], org: 'portage' }],
  // Hostile words reported, quoted to denounce them, denied or negated, beside the same words meant.
  ['project_counter_speech_probes', { reliable: ['flagged'], org: 'rseq-monteregie' }],
  // Health, crime, threats, sports results told about a group, beside the same words said of the group.
  ['project_group_topic_probes', { reliable: ['discrimination'], org: 'portage' }],
  // Insults and calls to self-harm aimed at a member, beside the same words said of nothing or no one.
  ['project_direct_insult_probes', { reliable: ['cyberbullying'], org: 'rseq-monteregie' }],
  // Games talked of in the words of violence, beside threats between members that name a game.
  ['project_sports_threat_probes', { reliable: ['threat'], org: 'rseq-monteregie' }],
  // Members shamed, shut out or shown up (body, family, pictures passed round), beside the same words said kindly.
  ['project_member_bullying_probes', { reliable: ['cyberbullying'], org: 'rseq-monteregie' }],
  // A tutor's body talk, pictures, camera angles and private meetings with a student, beside the same words in lessons.
  ['project_tutor_conduct_probes', { reliable: ['safeguarding'], org: 'gostudent' }],
  // A person telling they mean to end their life, beside the same words said of work, laughter or prevention.
  ['project_self_harm_disclosure_probes', { reliable: ['safeguarding'], org: 'portage' }],
  // Everyday posts of each community, none of which should be flagged for anything.
  ['project_rseq_everyday_probes', { reliable: ['flagged'], org: 'rseq-monteregie' }],
  ['project_gostudent_everyday_probes', { reliable: ['flagged'], org: 'gostudent' }],
  ['project_immerse_everyday_probes', { reliable: ['flagged'], org: 'immerse' }],
]);

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
  ...[...PROBE_SOURCES].map(([source, { reliable }]) => [source, reliable] as const),
]);

/** Sources where a category's absence can serve as a negative when training that category. */
export const TRAINING_NEGATIVES: Record<string, readonly string[]> = {
  discrimination: ['mhc_fr', 'hatecheck_en', 'mlma', 'ftr', 'japanese_toxic', 'openai_moderation'],
  cyberbullying: ['mlma', 'openai_moderation', 'japanese_toxic'],
  threat: ['mhc_fr', 'hatecheck_en', 'openai_moderation'],
  spam: ['youtube_spam'],
};
