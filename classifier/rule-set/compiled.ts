import type { Analysis, Hit } from '../analysis.js';
import type { LinearModel } from '../model/linear-model.js';
import type { Stemmer } from '../text/stemmers.js';
import type { Category, DetectedLanguage, Explanation, Language, PostInput, Scope, Severity } from '../types.js';
import type { Organization, WordList } from './rule-file.generated.js';
import type { WordIndexes } from '../matchers/word-index.js';
import type { CensorVocabulary } from '../text/censored-words.js';

/** An inline example as classify() reads it. */
export type ExamplePost = Pick<PostInput, 'text' | 'author' | 'earlierCopies'>;

/**
 * The hits of a check that holds. `passages`, when set, groups them into passages that each
 * satisfy the check on their own (each window of an `all` with `within`, each branch of an `any`
 * built of such checks): an exception near one passage sets that passage aside, not the others.
 * Unset, every hit stands alone (a word list, a detector, any of several such checks).
 */
export type Match = Hit[] & { passages?: readonly (readonly Hit[])[] };

/** A check compiled to a function: the hits when it holds, `null` when it does not. */
export type CompiledCondition = (analysis: Analysis) => Match | null;

export interface CompiledException {
  holds: CompiledCondition;
  /** Only near the rule's own hits, when set (tokens). */
  within: number | undefined;
  /** Which side of the rule's hits an exception hit must lie on. */
  side: 'before' | 'after' | 'either';
}

export interface CompiledRule {
  id: string;
  category: Category;
  severity: Severity;
  priority: number;
  scope: readonly Scope[];
  languages: readonly Language[] | undefined;
  score: number;
  match: CompiledCondition;
  unless: readonly CompiledException[];
  /** Set when the rule's decision rests on a model score; the finding reports that score. */
  modelCategory: string | undefined;
  explanation: Explanation;
  /** Example posts: their text, and what else the rule reads (the author, earlier copies). */
  examples: { match: readonly ExamplePost[]; noMatch: readonly ExamplePost[] };
}

/** A loaded, validated, frozen rule set: what classify() runs. */
export interface CompiledRuleSet {
  /** Content hash of every file of the pack, recorded on each finding. */
  version: string;
  organization: Omit<Organization, 'aliases' | 'homonyms' | 'homonymContext' | 'organizationContext' | 'minimumAge'> & {
    /** Alias token keys, as sequences. */
    aliases: readonly string[][];
    /** Alias and homonym sequences indexed by their first key, for one pass over a text. */
    aliasIndex: ReadonlyMap<string, readonly string[][]>;
    homonymIndex: ReadonlyMap<string, readonly string[][]>;
    /** Words (as key sequences) that show a one-word alias written alone means something else. */
    homonymContextIndex: ReadonlyMap<string, readonly string[][]>;
    /** Words (as key sequences) that show it is the organization after all; they win over the above. */
    organizationContextIndex: ReadonlyMap<string, readonly string[][]>;
    /** Every word of every alias, to tell names of people from the organization's name. */
    aliasKeys: ReadonlySet<string>;
    minimumAge: number;
  };
  languages: readonly Language[];
  rules: readonly CompiledRule[];
  /** Indexes in `rules` of the rules that read a text of this scope in this language, in file order. */
  rulesFor: Readonly<Record<Scope, Readonly<Record<DetectedLanguage, readonly number[]>>>>;
  stemmers: Record<Language, Stemmer>;
  models: Partial<Record<Language, LinearModel>>;
  /** The lists' words by language: what a word censored with stars may stand for ("f*ck"). */
  censorVocabularies: Partial<Record<Language, CensorVocabulary>>;
  /** The files the pack was loaded from, for `rules test` and the admin console. */
  files: readonly string[];
}

/** What compiling a pack's rules reads: its languages, stemmers, lists and models. */
export interface CompileScope {
  languages: readonly Language[];
  stemmers: Record<Language, Stemmer>;
  lists: ReadonlyMap<string, WordList>;
  /**
   * Every named list, and every rule's inline `terms`, in one index per language, compiled once;
   * its hits are computed once per text (one pass over the words for all the rules).
   */
  listIndexes: WordIndexes;
  /** The list name each inline `terms` object is indexed under (see `inlineTermLists`). */
  inlineListNames: ReadonlyMap<WordList, string>;
  /** Categories a model of the rule set scores, in some language: a model check of any other never holds. */
  modelCategories: ReadonlySet<string>;
}
