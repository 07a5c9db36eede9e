import { deadLetter, drop, pass, type Continue, type DeadLetter, type Outcome } from './outcome.ts';
import { validatePost, type Post } from './post.ts';
import type { WriteOutcome, WriteStatus } from './tables/posts.ts';

/** The validation step, at the ingest boundary and again in the analyze worker: a post, or a dead letter naming each failing field. */
export function validateStep(input: unknown): Continue<Post> | DeadLetter {
  const result = validatePost(input);
  return result.ok ? pass(result.post) : deadLetter('invalid_post', result.reason);
}

/** What the write step did with a post, by the writer's status: stored, or left out and why. */
export const WRITE_OUTCOMES: Record<WriteStatus, Outcome<WriteStatus>> = {
  inserted: pass('inserted'),
  replaced: pass('replaced'),
  unchanged: drop('unchanged'),
  forgotten: drop('forgotten'),
};

/** A batch's write counts as outcomes with how many posts had each. */
export function writeOutcomes(written: WriteOutcome): Array<{ outcome: Outcome<WriteStatus>; n: number }> {
  return (Object.keys(WRITE_OUTCOMES) as WriteStatus[]).map((status) => ({ outcome: WRITE_OUTCOMES[status], n: written[status] }));
}
