import path from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import { RollupRepair } from '@rift/core/rollup-repair';
import { REPO_ROOT } from '@rift/core/config';
import { createAnalyzer } from '@rift/analyze/nlp/index';
import { startAnalyzeWorker } from '@rift/analyze/worker';
import type { BatchOutcome } from '@rift/analyze/process-batch';
import { startServer } from '@rift/api/server';
import { enabledSourceNames } from '@rift/ingest/sources/registry';
import { protectionFromConfig } from '@rift/api/plugins/protection';
import { countAnalyzedBatch, stageErrors } from '@rift/core/metrics';
import type { Runtime } from './runtime.ts';
import type { Shutdown } from './shutdown.ts';

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

export const DASHBOARD_DIR = path.join(REPO_ROOT, 'dashboard/dist');

/** Starts the API and dashboard; closing the listener is the first shutdown step. */
export async function startApiRole(runtime: Runtime, shutdown: Shutdown): Promise<FastifyInstance> {
  if (!existsSync(DASHBOARD_DIR)) runtime.log.warn(`${DASHBOARD_DIR} is missing: run "npm run build -w dashboard"; the API still works`);
  const app = await startServer(
    {
      clickhouse: runtime.clickhouse,
      redis: runtime.redis,
      postsQueue: runtime.postsQueue,
      queuePrefix: runtime.config.RIFT_QUEUE_PREFIX,
      pack: runtime.pack,
      enabledSources: enabledSourceNames(runtime.sourcesConfig),
      dashboardDir: DASHBOARD_DIR,
      logger: runtime.log,
      protection: protectionFromConfig(runtime.config),
    },
    { host: runtime.config.HOST, port: runtime.config.PORT },
  );
  shutdown.add('http server', () => app.close());
  return app;
}
