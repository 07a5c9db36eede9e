import { z } from 'zod';

/** Every queue Rift uses, in one place: producers and consumers import the same definitions. */
export const QueueName = {
  /** Batches of posts from a source, waiting for analysis. */
  posts: 'posts',
  /** Scheduled runs of sources: a poll, or a backfill of one date window. */
  ingest: 'ingest',
} as const;

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

export const postJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
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
