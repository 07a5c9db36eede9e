import type { Worker } from 'bullmq';
import { countAnalyzedBatch, RollupRepair, stageErrors } from '@rift/core';
import { type BatchOutcome, createAnalyzer, startAnalyzeWorker } from '@rift/analyze';
import type { Runtime } from '../runtime.ts';
import type { Shutdown } from '../shutdown.ts';

/** What the analyze role has done since it started, for progress lines. */
export interface AnalyzeCounters {
  batches: number;
  written: number;
  unchanged: number;
  deadLettered: number;
}

/** Starts the analyze worker; its close (hand back unfinished jobs) is registered on shutdown. */
export function startAnalyzeRole(runtime: Runtime, shutdown: Shutdown, concurrency: number): { worker: Worker; counters: AnalyzeCounters } {
  const analyzer = createAnalyzer(runtime.pack);
  const counters: AnalyzeCounters = { batches: 0, written: 0, unchanged: 0, deadLettered: 0 };
  const worker = startAnalyzeWorker({
    connection: runtime.redis,
    prefix: runtime.config.RIFT_QUEUE_PREFIX,
    clickhouse: runtime.clickhouse,
    analyzer,
    concurrency,
    lockDurationMs: runtime.config.RIFT_JOB_LOCK_MS,
    rollupRepair: new RollupRepair(runtime.redis, runtime.config.RIFT_QUEUE_PREFIX, runtime.clickhouse, runtime.postsQueue, runtime.log),
    log: runtime.log,
    onBatch: (outcome: BatchOutcome) => {
      counters.batches++;
      counters.written += outcome.inserted + outcome.replaced;
      counters.unchanged += outcome.unchanged;
      counters.deadLettered += outcome.deadLettered;
      countAnalyzedBatch(outcome);
    },
  });
  worker.on('failed', () => stageErrors.inc({ stage: 'analyze' }));
  shutdown.add('analyze worker', () => worker.close());
  runtime.log.info({ model: analyzer.modelVersion, concurrency }, 'analyze worker started');
  return { worker, counters };
}
