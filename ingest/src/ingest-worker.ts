import { Worker, type Job } from 'bullmq';
import { type ClickHouse, type IngestJob, IngestJobSchema, type Logger, QueueName, type Redis, type TopicPack } from '@rift/core';
import { PoliteHttp, type PoliteHttpOptions } from './http/polite-http.ts';
import type { PostProducer } from './producer.ts';
import { RelevanceFilter } from './relevance.ts';
import { RunRecorder } from './run-recorder.ts';
import { runSource, type RunOutcome } from './run-source.ts';
import { nextAllowedRun } from './scheduler.ts';
import { SourceStateStore } from './source-state.ts';
import type { Source } from './sources/source.ts';

export interface IngestWorkerOptions {
  connection: Redis;
  /** Where each run is recorded (source_runs_v1). */
  clickhouse: ClickHouse;
  prefix: string;
  sources: readonly Source[];
  pack: TopicPack;
  /** A producer per run, so one run's cursor never waits on another run's flush. */
  createProducer: () => PostProducer;
  http: (source: Source) => PoliteHttpOptions;
  log: Logger;
  onRun?: (source: string, outcome: RunOutcome | 'skipped') => void;
}

/**
 * Runs scheduled source jobs. Each source keeps one PoliteHttp for the life of the process, so
 * its request budget holds across runs; an unhealthy source is skipped until its backoff ends.
 */
export function startIngestWorker(options: IngestWorkerOptions): { worker: Worker<IngestJob>; abort: AbortController } {
  const byName = new Map(options.sources.map((s) => [s.name, s]));
  const http = new Map(options.sources.map((s) => [s.name, new PoliteHttp(options.http(s))]));
  const states = new SourceStateStore(options.connection, options.prefix);
  const relevance = new RelevanceFilter(options.pack);
  const runs = new RunRecorder(options.clickhouse, options.log);
  const abort = new AbortController();

  const process = async (job: Job<IngestJob>): Promise<RunOutcome | 'skipped'> => {
    const { source: name, window } = IngestJobSchema.parse(job.data);
    const source = byName.get(name);
    if (!source) return 'skipped';
    const state = await states.get(name);
    const allowedAt = nextAllowedRun(state, source.intervalMinutes);
    if (!window && allowedAt > Date.now()) {
      await states.update(name, (s) => ({ ...s, next_run: new Date(allowedAt).toISOString() }));
      return 'skipped';
    }
    const deps = { producer: options.createProducer(), states, runs, relevance, http: http.get(name)!, log: options.log, signal: abort.signal };
    const outcome = await runSource(source, deps, window ? { from: new Date(window.from), to: new Date(window.to) } : undefined);
    const after = await states.get(name);
    const next = Math.max(Date.now() + source.intervalMinutes * 60_000, nextAllowedRun(after, source.intervalMinutes));
    await states.update(name, (s) => ({ ...s, next_run: new Date(next).toISOString() }));
    return outcome;
  };

  const worker = new Worker<IngestJob>(QueueName.ingest, async (job) => {
    const outcome = await process(job);
    options.onRun?.(job.data.source, outcome);
    return outcome;
  }, { connection: options.connection, prefix: options.prefix, concurrency: Math.max(1, options.sources.length) });
  worker.on('error', (err) => options.log.error({ err: err.message }, 'ingest worker error'));
  return { worker, abort };
}
