/**
 * Runs a connector the way the scheduler does, through the real pipeline of
 * testing/src/pipeline.ts, so its tests check what ends up stored, not what was produced.
 */
import { createLogger, POSTS_TABLE, sql } from '@rift/core';
import type { TestPipeline } from './pipeline.ts';
import { type BackfillWindow, PoliteHttp, type PoliteHttpOptions, type PostProducer, RelevanceFilter, type RunOutcome, RunRecorder, runSource, type Source, type SourceState, SourceStateStore } from '@rift/ingest';

/** No request budget and millisecond backoff, so scripted 5xx and retries cost no test time. */
export const FAST_HTTP: PoliteHttpOptions = { concurrency: 1, requestsPerMinute: 60_000, attempts: 3, baseDelayMs: 5, maxDelayMs: 20, userAgent: 'rift-test' };

export interface ConnectorRunOptions {
  /** Backfill this window instead of polling. */
  window?: BackfillWindow;
  signal?: AbortSignal;
  /** Changes to FAST_HTTP for this run. */
  http?: Partial<PoliteHttpOptions>;
}

export interface ConnectorRun {
  outcome: RunOutcome;
  /** The run's own producer, for its accepted/duplicate counts. */
  producer: PostProducer;
  /** The source's saved state once the run is over. */
  state: SourceState;
}

/** One run of `source`; resolves once the analyze worker has stored everything it enqueued. */
export async function runConnector(pipeline: TestPipeline, source: Source, options: ConnectorRunOptions = {}): Promise<ConnectorRun> {
  const producer = pipeline.producer();
  const states = new SourceStateStore(pipeline.redis, pipeline.prefix);
  const log = createLogger('silent', 'test');
  const deps = {
    producer,
    states,
    runs: new RunRecorder(pipeline.db.clickhouse, log),
    relevance: new RelevanceFilter(pipeline.pack),
    http: new PoliteHttp({ ...FAST_HTTP, ...options.http }),
    log,
    signal: options.signal ?? new AbortController().signal,
  };
  const outcome = await runSource(source, deps, options.window);
  await pipeline.drained();
  return { outcome, producer, state: await states.get(source.name) };
}

/** Posts of `source` stored and current (sign = 1), after merges (FINAL). */
export async function storedPosts(pipeline: TestPipeline, source: string): Promise<number> {
  const rows = await pipeline.db.clickhouse.query<{ n: string }>(
    sql`SELECT count() AS n FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = ${source} AND sign = 1`,
  );
  return Number(rows[0]!.n);
}
