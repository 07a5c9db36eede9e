/**
 * What one pipeline step did with one item: carry on with a value, drop it on purpose (with a
 * reason), or dead-letter it (with the error, for `rift dlq`). Steps return one of these instead
 * of their own shapes, so the runner can count every step the same way (rift_step_outcomes_total).
 * Reasons are fixed codes, never input: they become metric labels. Free text goes in `error`.
 */
export type Outcome<T> = Continue<T> | Drop | DeadLetter;

export interface Continue<T> {
  kind: 'continue';
  value: T;
}

export interface Drop {
  kind: 'drop';
  reason: DropReason;
}

export interface DeadLetter {
  kind: 'dead_letter';
  reason: DeadLetterReason;
  /** What went wrong, in words; stored with the dead letter. */
  error: string;
}

export type OutcomeKind = Outcome<unknown>['kind'];

/**
 * The steps a post goes through, in order. The analyze worker checks each job and its posts again
 * (the queue is not trusted); that is its own step so the ingest boundary's counts are not doubled.
 */
export const STEPS = ['relevance', 'validate', 'validate_job', 'analyze', 'write'] as const;
export type Step = (typeof STEPS)[number];

export const DROP_REASONS = [
  'off_topic', // mentions none of the topic pack's relevance terms
  'unchanged', // already stored as it is
  'forgotten', // a tombstone (rift forget) names it
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const DEAD_LETTER_REASONS = [
  'invalid_post', // fails the post schema
  'unreadable_item', // the source could not turn it into a post (bad line, unmappable row)
  'malformed_job', // a queue job that is not a batch of posts
  'analysis_failed', // the analyzer threw
  'retries_exhausted', // its batch failed every attempt the queue allows
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export const pass = <T>(value: T): Continue<T> => ({ kind: 'continue', value });
export const drop = (reason: DropReason): Drop => ({ kind: 'drop', reason });
export const deadLetter = (reason: DeadLetterReason, error: string): DeadLetter => ({ kind: 'dead_letter', reason, error });

export function isContinue<T>(outcome: Outcome<T>): outcome is Continue<T> {
  return outcome.kind === 'continue';
}

/** The reason label of an outcome; a value that carries on has none. */
export function reasonOf(outcome: Outcome<unknown>): DropReason | DeadLetterReason | 'none' {
  return outcome.kind === 'continue' ? 'none' : outcome.reason;
}

/**
 * Outcomes counted by step, kind and reason, for a runner that must count only once its work
 * is final (a batch that throws is retried, and its first try must not count).
 */
export class OutcomeTally {
  private readonly counts = new Map<string, { step: Step; outcome: OutcomeKind; reason: string; n: number }>();

  add(step: Step, outcome: Outcome<unknown>, n = 1): void {
    if (n <= 0) return;
    const reason = reasonOf(outcome);
    const key = `${step}\u0000${outcome.kind}\u0000${reason}`;
    const entry = this.counts.get(key);
    if (entry) entry.n += n;
    else this.counts.set(key, { step, outcome: outcome.kind, reason, n });
  }

  entries(): Array<{ step: Step; outcome: OutcomeKind; reason: string; n: number }> {
    return [...this.counts.values()];
  }
}
