import { Worker, type Job } from 'bullmq';
import type { ClickHouse } from '@rift/core/clickhouse';
import { DeadLetters } from '@rift/core/dead-letters';
import type { Logger } from '@rift/core/log';
import { QueueName, type PostBatchJob } from '@rift/core/queues';
import type { Redis } from '@rift/core/redis';
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
}

/** Runs processBatch for every job of the posts queue. Closing it hands unfinished jobs back. */
export function startAnalyzeWorker(options: AnalyzeWorkerOptions): Worker<PostBatchJob, BatchOutcome> {
  const deadLetters = new DeadLetters(options.connection, options.prefix);
  const deps = { clickhouse: options.clickhouse, analyzer: options.analyzer, deadLetters };
  const worker = new Worker<PostBatchJob, BatchOutcome>(
    QueueName.posts,
    (job: Job<PostBatchJob>) => processBatch(job.data, deps),
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency, autorun: true },
  );
  worker.on('completed', (job, outcome) => {
    options.log.debug({ job: job.id, ...outcome }, 'batch written');
    options.onBatch?.(outcome);
  });
  worker.on('failed', (job, err) => {
    options.log.warn({ job: job?.id, attempt: job?.attemptsMade, err: err.message }, 'batch failed; the queue will retry it');
  });
  worker.on('error', (err) => options.log.error({ err: err.message }, 'worker error'));
  return worker;
}
