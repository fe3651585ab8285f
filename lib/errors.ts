/**
 * Domain errors. They know nothing about HTTP: `api/error-handler.ts` maps them to statuses and
 * `jobs/` decides which are retried. Messages name the thing and the reason.
 */

/**
 * An error whose message may also be written in French (`fr`), for where people read it: the
 * command line in a French terminal, a French form. Without it, people get the English message.
 */
export class LocalizedError extends Error {
  override name = 'LocalizedError';
  readonly french: string | undefined;
  constructor(message: string, options: { cause?: unknown; fr?: string } = {}) {
    super(message, { cause: options.cause });
    this.french = options.fr;
  }

  /** The message in `locale`: French where it was written in French, else the English one. */
  messageIn(locale: 'fr' | 'en'): string {
    return locale === 'fr' ? (this.french ?? this.message) : this.message;
  }
}

/** A looked-up entity does not exist (or is not visible to the caller). Not retried. */
export class NotFoundError extends LocalizedError {
  override name = 'NotFoundError';
}

/** A problem told in both languages of the product: English for programs, French for people. */
export interface BilingualText {
  en: string;
  fr: string;
}

/**
 * Input failed validation; `issues` lists every problem (English, as the JSON API answers), and
 * `frenchIssues` the same problems in French when they were written in both (console pages).
 * Not retried.
 */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  readonly issues: readonly string[];
  readonly frenchIssues: readonly string[] | undefined;
  constructor(message: string, options: { issues?: readonly (string | BilingualText)[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    const issues = options.issues ?? [message];
    this.issues = issues.map((issue) => (typeof issue === 'string' ? issue : issue.en));
    this.frenchIssues = issues.some((issue) => typeof issue !== 'string')
      ? issues.map((issue) => (typeof issue === 'string' ? issue : issue.fr))
      : undefined;
  }

  /** The problems in `locale`: French where they were written in French, else as they are. */
  issuesIn(locale: 'fr' | 'en'): readonly string[] {
    return locale === 'fr' ? (this.frenchIssues ?? this.issues) : this.issues;
  }
}

/** The write conflicts with stored state (unique key, stale version). Not retried as is. Its French shows in console forms. */
export class ConflictError extends LocalizedError {
  override name = 'ConflictError';
}

/** The caller may not do this. Not retried. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** Configuration is invalid; `issues` has one line per bad variable, `frenchIssues` the same in French. Stops start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly issues: readonly string[];
  readonly frenchIssues: readonly string[];
  constructor(issues: readonly BilingualText[]) {
    super(`invalid configuration:\n${issues.map((issue) => `  - ${issue.en}`).join('\n')}`);
    this.issues = issues.map((issue) => issue.en);
    this.frenchIssues = issues.map((issue) => issue.fr);
  }
}

/**
 * A rule file or pack is invalid; `issues` has one `file:line path message` line each, in English,
 * and `bilingualIssues` the same lines in English and French (administrators read them in the
 * console). Not retried.
 */
export class RuleSetError extends Error {
  override name = 'RuleSetError';
  readonly issues: readonly string[];
  readonly bilingualIssues: readonly BilingualText[];
  constructor(issues: readonly (string | BilingualText)[]) {
    const bilingual = issues.map((issue) => (typeof issue === 'string' ? { en: issue, fr: issue } : issue));
    super(`invalid rule set:\n${bilingual.map((issue) => `  - ${issue.en}`).join('\n')}`);
    this.issues = bilingual.map((issue) => issue.en);
    this.bilingualIssues = bilingual;
  }
}

/** A source failed in a way that may pass (timeout, 5xx, 429). Retried with backoff. Its French shows on the sources page. */
export class SourceUnavailableError extends LocalizedError {
  override name = 'SourceUnavailableError';
  /** When the source asked us to come back (Retry-After), if it did. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryAfterMs?: number; cause?: unknown; fr?: string } = {}) {
    super(message, { cause: options.cause, ...(options.fr !== undefined ? { fr: options.fr } : {}) });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A source refused for good (404, 410, robots.txt, SSRF guard); the registration form and the sources page show its French. Not retried. */
export class SourceRejectedError extends LocalizedError {
  override name = 'SourceRejectedError';
}

/**
 * The monitor cannot start: a server did not come up, a port is taken, a binary is missing.
 * The message is one line that names the problem and how to fix it (in French too, for a French
 * terminal).
 */
export class StartupError extends LocalizedError {
  override name = 'StartupError';
}

/** A backing service (store, Redis) is down or unreachable right now. Retried; HTTP 503. */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

/** The caller is not signed in, or the session or token is no longer valid. */
export class NotAuthenticatedError extends Error {
  override name = 'NotAuthenticatedError';
}

/** The caller went over a rate limit; `retryAfterSeconds` says when to come back. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * A step of classification ran past its time budget (a slow rule, or the analysis of a huge
 * text). The post is marked unclassifiable and the job is not retried: the same text would only
 * run out of time again.
 */
export class ClassifyBudgetExceededError extends LocalizedError {
  override name = 'ClassifyBudgetExceededError';
  /** The rule that ran too long, when a rule did. */
  readonly ruleId: string | undefined;
  constructor(step: { ruleId: string } | { step: string }, budgetMs: number) {
    super(`${'ruleId' in step ? `rule ${step.ruleId}` : step.step} exceeded ${budgetMs} ms`, {
      fr: `${'ruleId' in step ? `la règle ${step.ruleId}` : `l'étape ${step.step}`} a dépassé ${budgetMs} ms`,
    });
    this.ruleId = 'ruleId' in step ? step.ruleId : undefined;
  }
}
