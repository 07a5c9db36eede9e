import type { Queue } from 'bullmq';
import { z } from 'zod';

/** Every queue Rift uses, in one place: producers and consumers import the same definitions. */
export const QueueName = {
  /** Batches of posts from a source, waiting for analysis. */
  posts: 'posts',
  /** Scheduled runs of sources: a poll, or a backfill of one date window. */
  ingest: 'ingest',
  /** Scheduled evaluations of alert rules, one job scheduler per rule (alerts/src). */
  alerts: 'alerts',
} as const;

/** Evaluate one alert rule now; the rule itself is read from ClickHouse, so edits apply at once. */
export const AlertJobSchema = z.object({ ruleId: z.string().min(1) });

export type AlertJob = z.input<typeof AlertJobSchema>;

export const IngestJobSchema = z.object({
  source: z.string(),
  window: z.object({ from: z.string(), to: z.string() }).optional(),
});

export type IngestJob = z.input<typeof IngestJobSchema>;

/**
 * A job carries many posts, unvalidated: the worker validates each one so that a bad post
 * goes to the dead-letter list while its batch-mates go on.
 */
export const PostBatchJobSchema = z.object({
  source: z.string(),
  posts: z.array(z.unknown()).min(1),
});

export type PostBatchJob = z.input<typeof PostBatchJobSchema>;

/** Retry delays double from 1 s up to this ceiling, so a batch retries soon after a long outage ends. */
export const RETRY_CEILING_MS = 15_000;

/**
 * Delay before retry number `attemptsMade` of a batch: 1, 2, 4, 8, then 15 s, with up to 20 %
 * jitter so that batches failed together do not all come back at once. Workers register it as
 * their backoff strategy (BullMQ has no ceiling for its built-in exponential backoff).
 */
export function postRetryDelay(attemptsMade: number): number {
  const delay = Math.min(1000 * 2 ** Math.max(0, attemptsMade - 1), RETRY_CEILING_MS);
  return Math.round(delay * (0.8 + 0.2 * Math.random()));
}

/**
 * 20 attempts with the delays above wait about 4 minutes in all (1+2+4+8+15x15 s): a ClickHouse
 * outage of that length costs no batch. A batch that still fails goes to the dead-letter list.
 */
export const postJobOptions = {
  attempts: 20,
  backoff: { type: 'capped-exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10_000 },
} as const;

/** Redis key of the dead-letter list, under the same prefix as the queues. */
export function deadLetterKey(prefix: string): string {
  return `${prefix}:dead-letters`;
}

export const DeadLetterSchema = z.object({
  at: z.string(),
  stage: z.enum(['ingest', 'analyze']),
  source: z.string(),
  reason: z.string(),
  post: z.unknown(),
});

export type DeadLetter = z.output<typeof DeadLetterSchema>;

/** True when no job waits, runs, or waits for a retry. */
export async function isQueueIdle(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}
