import { Worker, type Job } from 'bullmq';
import { type ClickHouse, CopyClusters, countOutcome, deadLetter, DeadLetters, type Logger, type PostBatchJob, postRetryDelay, POSTS_TABLE, PostsWriter, type PostsWriterOptions, QueueName, type Redis, type RollupRepair, StoredIndex } from '@rift/core';
import type { Analyzer } from './analyzer.ts';
import { processBatch, type BatchOutcome } from './process-batch.ts';

export interface AnalyzeWorkerOptions {
  connection: Redis;
  prefix: string;
  clickhouse: ClickHouse;
  analyzer: Analyzer;
  concurrency: number;
  log: Logger;
  onBatch?: (outcome: BatchOutcome) => void;
  /**
   * How long a claim on a batch lasts without renewal (renewed every half of it while the batch
   * runs). A dead worker's batch goes back to the queue after one to two of these.
   */
  lockDurationMs?: number;
  /** Rebuilds rollup months that an interrupted insert may have left short. */
  rollupRepair?: RollupRepair;
  /** When pooled rows are inserted; by default at 20,000 rows or after 200 ms. */
  writeBatch?: PostsWriterOptions;
  /**
   * Copy clusters at write time (on unless false). Only `npm run bench` turns them off, to measure
   * what they cost beside the same run with them (bench/src/copy-clustering.ts): without them every
   * new post is stored as its own cluster, so copies=once would count copies again.
   */
  copyClusters?: boolean;
}

const DEFAULT_WRITE_BATCH: PostsWriterOptions = { maxRows: 20_000, maxWaitMs: 200 };

/**
 * How many times a batch may lose its worker (killed, or its lock lost) before BullMQ gives up
 * on it. BullMQ's default of 1 would fail a batch whose worker was killed twice; a batch that
 * does get failed is not lost either: its posts go to the dead-letter list below.
 */
const MAX_STALLED = 10;

/** Runs processBatch for every job of the posts queue. Closing it hands unfinished jobs back. */
export function startAnalyzeWorker(options: AnalyzeWorkerOptions): Worker<PostBatchJob, BatchOutcome> {
  const deadLetters = new DeadLetters(options.connection, options.prefix);
  const repair = options.rollupRepair;
  const index = new StoredIndex(options.connection, options.prefix, options.clickhouse, POSTS_TABLE);
  const copies = options.copyClusters === false ? undefined : new CopyClusters(options.connection, options.prefix);
  const writer = new PostsWriter(options.clickhouse, index, options.writeBatch ?? DEFAULT_WRITE_BATCH, copies);
  const deps = { writer, analyzer: options.analyzer, deadLetters, rollupRepair: repair };
  void repair?.resumeIfAbandoned().catch((e: Error) => options.log.error({ err: e.message }, 'could not check the posts queue'));
  const worker = new Worker<PostBatchJob, BatchOutcome>(
    QueueName.posts,
    (job: Job<PostBatchJob>) => processBatch(job.data, deps),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: true,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.lockDurationMs ?? 30_000,
      maxStalledCount: MAX_STALLED,
      settings: { backoffStrategy: postRetryDelay },
    },
  );
  worker.on('completed', (job, outcome) => {
    options.log.debug({ job: job.id, ...outcome }, 'batch written');
    options.onBatch?.(outcome);
    // After a write succeeds ClickHouse is back: the time to repair what an interrupted insert left.
    void repair?.repair().catch((e: Error) => options.log.error({ err: e.message }, 'rollup repair failed; it will be tried again'));
  });
  worker.on('failed', (job, err) => {
    // finishedOn is set only when the queue gives up (attempts used up, or stalled too often).
    if (!job?.finishedOn) {
      options.log.warn({ job: job?.id, attempt: job?.attemptsMade, err: err.message }, 'batch failed; the queue will retry it');
      return;
    }
    options.log.error({ job: job.id, attempts: job.attemptsMade, err: err.message }, 'batch failed for good; its posts go to the dead-letter list');
    void deadLetterBatch(deadLetters, job.data, `batch failed after ${job.attemptsMade} attempts: ${err.message}`).catch((e: Error) =>
      options.log.error({ job: job.id, err: e.message }, 'could not dead-letter a failed batch'),
    );
  });
  worker.on('error', (err) => options.log.error({ err: err.message }, 'worker error'));
  return worker;
}

/** Every post of a batch the queue gave up on becomes a dead letter with the reason, for `rift dlq retry`. */
async function deadLetterBatch(deadLetters: DeadLetters, data: PostBatchJob, reason: string): Promise<void> {
  const posts: unknown[] = Array.isArray(data?.posts) ? data.posts : [data];
  const source = typeof data?.source === 'string' ? data.source : 'unknown';
  await deadLetters.add(posts.map((post) => ({ stage: 'analyze' as const, source, reason, post })));
  // A batch fails in processBatch only at its write (or storing its dead letters): its posts end at that step.
  countOutcome('write', deadLetter('retries_exhausted', reason), posts.length);
}
