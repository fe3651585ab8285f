/**
 * The classifier's contract, type-only so any folder may import it. `classify(post, ruleSet)` is a
 * pure function: same post and rule set, same verdict; no I/O, clock, globals or logging.
 */
import type { Category, Language, Severity } from './rule-set/rule-file.generated.js';

export type { Category, Language, Severity } from './rule-set/rule-file.generated.js';

/** Language of a text: one of the rule languages, or `und` when undetermined. */
export type DetectedLanguage = Language | 'und';

/** Which text of an item a rule reads. */
export type Scope = 'post_text' | 'group_name' | 'group_description';

/** What the classifier reads. */
export interface PostInput {
  text: string;
  /** Language given by the source; detected when absent. */
  lang?: string;
  /** @default 'post_text' */
  scope?: Scope;
  /** The author's name as the source shows it, when it shows one ("Membre anonyme" on a Facebook group). */
  author?: string;
  /**
   * Earlier posts of the organization in the same words (see text/copy-key.ts), as the classify
   * job found them in the store. Absent where no store is read (`monitor classify`); inline
   * examples may give them.
   */
  earlierCopies?: EarlierCopies;
}

/** Earlier posts in the same words as the one classified. */
export interface EarlierCopies {
  /** Posted by the same author within the last week: flooding when there are two or more. */
  byAuthor: number;
  /** Names of the other authors who posted them before, earliest first. */
  byOthers: readonly string[];
}

/** A piece of the original text; offsets are UTF-16 indices into the text as given. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Explanation {
  fr: string;
  en: string;
}

/** One rule that matched. */
export interface Finding {
  category: Category;
  severity: Severity;
  /** Confidence 0–1: the rule's score, or the model's where a model check decided. */
  score: number;
  ruleId: string;
  /** Content hash of the rule set that produced it. */
  ruleVersion: string;
  spans: Span[];
  explanation: Explanation;
}

export interface Verdict {
  lang: DetectedLanguage;
  findings: Finding[];
  /** True when the text was longer than the classifier reads and was cut. */
  truncated: boolean;
}
