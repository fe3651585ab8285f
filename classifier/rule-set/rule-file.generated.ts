/* Generated from rules/rule-file.schema.json by scripts/generate-rule-types.mjs. Do not edit. */

/**
 * Two-letter language code.
 */
export type Language = 'fr' | 'en' | 'ja';
/**
 * Words or phrases. A term written with a leading = is compared as written, without stemming (=alcoolique does not match alcool).
 *
 * @maxItems 5000
 */
export type Terms = string[];
/**
 * What the policy forbids; fixed names shared with the review queue.
 */
export type Category =
  | 'client_identification'
  | 'personal_info'
  | 'defamation'
  | 'discrimination'
  | 'cyberbullying'
  | 'threat'
  | 'spam'
  | 'safeguarding'
  | 'logo_misuse'
  | 'missing_unofficial_label'
  | 'missing_official_links'
  | 'unregistered_group';
/**
 * How fast a reviewer must look. `urgent` goes to the safeguarding lane at once.
 */
export type Severity = 'low' | 'medium' | 'high' | 'urgent';

/**
 * A rule pack (an organization's profile and rules) or a shared lexicon (named word lists per language). Administrators edit these YAML files; the monitor validates them against this schema before it uses them.
 */
export interface RuleFile {
  /**
   * Version of this format. Only 1 exists.
   */
  schemaVersion: 1;
  /**
   * `pack`: one organization's profile and rules. `lexicon`: word lists shared by packs.
   */
  kind: 'pack' | 'lexicon';
  organization?: Organization;
  /**
   * Lexicon files this pack uses, relative to this file.
   */
  lexicons?: string[];
  /**
   * Named word and phrase lists. In a lexicon they are shared; in a pack they are local. A list name is unique across a pack and its lexicons.
   */
  lists?: {
    [k: string]: WordList;
  };
  /**
   * Phrases that hold a term of a list but mean something else ("s'attarde" is not the slur "attardé"), by list name: a term of the list found inside one of them does not count. The list may be defined in the pack or a lexicon.
   */
  falseFriends?: {
    [k: string]: WordList;
  };
  /**
   * The pack's rules, evaluated in this order.
   *
   * @maxItems 2000
   */
  rules?: Rule[];
}
/**
 * The organization's profile: how it is named, where it speaks officially, what it protects.
 */
export interface Organization {
  /**
   * Short id used in URLs and commands.
   */
  slug: string;
  /**
   * Official name.
   */
  name: string;
  /**
   * Other names people use; matched with accents and case ignored, and fuzzily (Jaro-Winkler) for long aliases.
   */
  aliases: string[];
  /**
   * Phrases that contain an alias but do not mean the organization; a mention inside one is ignored.
   */
  homonyms?: string[];
  /**
   * Words that show another meaning of a one-word alias written alone ("canot" near "portage"): within six words of one, that mention is ignored. Longer aliases ("Centre Portage") always count.
   */
  homonymContext?: string[];
  /**
   * Words that show a one-word alias written alone is the organization after all ("résidents", "thérapie"): near one, a mention near a homonymContext word still counts.
   */
  organizationContext?: string[];
  /**
   * Official website.
   */
  officialWebsite?: string;
  /**
   * Official accounts per platform.
   */
  officialAccounts?: {
    /**
     * Platform name.
     */
    platform: string;
    /**
     * Account URL.
     */
    url: string;
  }[];
  /**
   * Languages the organization's community writes in, most common first; language detection is restricted to these.
   *
   * @minItems 1
   */
  languages: [Language, ...Language[]];
  /**
   * Reference logo images, relative to this file.
   */
  logos?: string[];
  /**
   * Grounds on which discrimination is forbidden (Québec Charter, art. 10).
   */
  protectedGrounds?: string[];
  /**
   * Members younger than this are minors for the community's rules.
   */
  minimumAge?: number;
}
/**
 * Terms per language. A term is a word or a phrase; matching ignores case and accents, undoes common evasion (leetspeak, spacing, repeated letters) and compares stems.
 */
export interface WordList {
  fr?: Terms;
  en?: Terms;
  ja?: Terms;
}
/**
 * One check: when `match` holds on the scoped text and no `unless` holds, it produces a finding.
 */
export interface Rule {
  /**
   * Unique id, recorded on every finding.
   */
  id: string;
  /**
   * What the rule is for, for administrators.
   */
  description?: string;
  category: Category;
  severity: Severity;
  /**
   * Higher first when two rules of one category both match; the finding keeps the highest.
   */
  priority?: number;
  /**
   * Which text the rule reads.
   *
   * @minItems 1
   */
  scope?: [
    'post_text' | 'group_name' | 'group_description',
    ...('post_text' | 'group_name' | 'group_description')[]
  ];
  /**
   * Languages the rule applies to; absent = every language of the organization. Text of undetermined language is checked by every rule.
   *
   * @minItems 1
   */
  languages?: [Language, ...Language[]];
  match: Condition;
  /**
   * Exceptions: any condition here that holds cancels the finding (allow-lists, self-disclosure, counter-speech).
   */
  unless?: Condition[];
  /**
   * Confidence given to a finding of this rule (0–1).
   */
  score?: number;
  /**
   * Why this was flagged, in French and English. `{match}` is replaced by the matched text, `{org}` by the organization's name.
   */
  explanation: {
    /**
     * French text.
     */
    fr: string;
    /**
     * English text.
     */
    en: string;
  };
  /**
   * Inline tests run by `monitor rules test`: posts the rule must match and must not match. A post is its text, or an object when the rule reads more than the text (the author the source shows, earlier posts in the same words).
   */
  examples?: {
    /**
     * Posts that must produce a finding of this rule.
     */
    match?: (string | Example)[];
    /**
     * Posts that must not.
     */
    no_match?: (string | Example)[];
  };
}
/**
 * Exactly one kind of check, or a combination of checks.
 */
export interface Condition {
  /**
   * Any term of the named lists, or of `terms`, appears as whole words (stems compared).
   */
  words?: {
    /**
     * Names of word lists.
     */
    lists?: string[];
    terms?: WordList;
  };
  /**
   * A regular expression run by the RE2 engine (linear time) on the text with case and accents folded. Backreferences and look-around are not supported; patterns with exponential backtracking are refused.
   */
  regex?: string;
  /**
   * A built-in detector.
   */
  detector?:
    | 'person_name'
    | 'phone'
    | 'email'
    | 'street_address'
    | 'ip_address'
    | 'national_id'
    | 'iban'
    | 'credit_card'
    | 'minor_age'
    | 'own_minor_age'
    | 'url'
    | 'handle'
    | 'contact_outside_platform'
    | 'mentions_org'
    | 'second_person'
    | 'negation'
    | 'quotation'
    | 'unofficial_label'
    | 'official_claim'
    | 'repetition'
    | 'anonymous_author'
    | 'repeated_post'
    | 'copied_post'
    | 'capitalised_word';
  /**
   * The statistical model's score for a category reaches `min`.
   */
  model?: {
    /**
     * Model category.
     */
    category: 'cyberbullying' | 'discrimination' | 'threat' | 'spam';
    /**
     * Threshold.
     */
    min: number;
  };
  /**
   * Every condition holds.
   *
   * @minItems 1
   */
  all?: [Condition, ...Condition[]];
  /**
   * At least one condition holds.
   *
   * @minItems 1
   */
  any?: [Condition, ...Condition[]];
  not?: Condition;
  /**
   * With `all`: the matches must lie within this many tokens of each other. With a word, regex or detector check inside `unless`: the exception holds only this close to the rule's match; `0` (in `unless` only): only where it holds the match, as a quote around it.
   */
  within?: number;
  /**
   * With `all`: the children's matches must come in the order the children are written ("les Juifs … contrôlent … les banques", not "le gouvernement contrôle les immigrés"). With `within`, the first and the last lie within that many tokens.
   */
  ordered?: boolean;
  /**
   * With `all` and `ordered`: at most this many words between one child's match and the next one's (0: each right after the previous). "sont tous des" then "voleurs" with gap 0 is a group called thieves; "sont victimes de voleurs" is not.
   */
  gap?: number;
  /**
   * With `within` inside `unless`: only exception matches on this side of the rule's match count (`before`: "je ne déteste pas…" negates what follows it).
   */
  side?: 'before' | 'after' | 'either';
}
/**
 * An example post with what the classify job would pass beside its text.
 */
export interface Example {
  /**
   * The post's text.
   */
  text: string;
  /**
   * The author's name as the source shows it (read by `anonymous_author`, `copied_post`).
   */
  author?: string;
  /**
   * Earlier posts of the organization in the same words, as the classify job finds them (read by `repeated_post` and `copied_post`).
   */
  earlierCopies?: {
    /**
     * Posted by the same author within the last week.
     */
    byAuthor: number;
    /**
     * Names of the other authors who posted them before, earliest first.
     */
    byOthers: string[];
  };
}
