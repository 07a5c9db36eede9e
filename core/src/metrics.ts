import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { reasonOf, type Outcome, type OutcomeTally, type Step } from './outcome.ts';

/**
 * Rift's Prometheus metrics: one registry per process, served by the API at GET /metrics.
 * Each metric is defined once here, with its meaning in `help`, so that the API and the workers
 * count the same things under the same names. Label values are fixed words (stages, tables,
 * route patterns), never input, so the number of series stays small.
 */
export const metricsRegistry = new Registry();

let defaultsCollected = false;

/** Process metrics (CPU, memory, event loop lag); started once, by whoever serves /metrics. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'rift_' });
  dropTotalGauges();
}

/**
 * prom-client adds three gauges named `*_total`, a suffix Prometheus keeps for counters
 * (`promtool check metrics` warns). They only sum gauges it also exports by type
 * (`rift_nodejs_active_handles{type}` and the like), so they go: `sum(rift_nodejs_active_handles)`
 * is the same number under a correct name.
 */
function dropTotalGauges(): void {
  for (const what of ['handles', 'requests', 'resources']) metricsRegistry.removeSingleMetric(`rift_nodejs_active_${what}_total`);
}

export type Stage = 'ingest' | 'analyze' | 'write';

export const postsIn = new Counter({
  name: 'rift_posts_in_total',
  help: 'Posts a stage received',
  labelNames: ['stage'] as const,
  registers: [metricsRegistry],
});

export const postsOut = new Counter({
  name: 'rift_posts_out_total',
  help: 'Posts a stage finished with, by outcome (written, unchanged, forgotten, dead_lettered, queued, rejected)',
  labelNames: ['stage', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const stageErrors = new Counter({
  name: 'rift_errors_total',
  help: 'Failures of a stage (a batch that threw and will be retried, a failed write)',
  labelNames: ['stage'] as const,
  registers: [metricsRegistry],
});

export const stepOutcomes = new Counter({
  name: 'rift_step_outcomes_total',
  help: 'Items a pipeline step finished with, by step (relevance, validate, validate_job, analyze, write), outcome (continue, drop, dead_letter) and reason code',
  labelNames: ['step', 'outcome', 'reason'] as const,
  registers: [metricsRegistry],
});

/** Counts `n` items that one step ended with `outcome`. */
export function countOutcome(step: Step, outcome: Outcome<unknown>, n = 1): void {
  if (n > 0) stepOutcomes.inc({ step, outcome: outcome.kind, reason: reasonOf(outcome) }, n);
}

/** Counts what a runner tallied for one job, once the job's work is final. */
export function countTally(tally: OutcomeTally): void {
  for (const { step, outcome, reason, n } of tally.entries()) stepOutcomes.inc({ step, outcome, reason }, n);
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const clickhouseInsertSeconds = new Histogram({
  name: 'rift_clickhouse_insert_seconds',
  help: 'Time of one INSERT into ClickHouse, by table',
  labelNames: ['table'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const clickhouseQuerySeconds = new Histogram({
  name: 'rift_clickhouse_query_seconds',
  help: 'Time of one ClickHouse query made for an API request, by outcome (ok, error)',
  labelNames: ['outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const httpRequestSeconds = new Histogram({
  name: 'rift_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status; _count is the request count',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const queueJobs = new Gauge({
  name: 'rift_queue_jobs',
  help: 'Jobs (batches of posts) in the posts queue by state, read when /metrics is scraped',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
});

export const queueOldestWaitingSeconds = new Gauge({
  name: 'rift_queue_oldest_waiting_seconds',
  help: 'Age of the oldest waiting batch (queue lag); 0 when none waits',
  registers: [metricsRegistry],
});

export const deadLetterCount = new Gauge({
  name: 'rift_dead_letters',
  help: 'Entries in the dead-letter list',
  registers: [metricsRegistry],
});

export const redisUp = new Gauge({
  name: 'rift_redis_up',
  help: '1 when the queue counts above could be read from Redis at the last scrape, else 0',
  registers: [metricsRegistry],
});

/** Seconds since `start` (from process.hrtime.bigint()), for histograms. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Times an INSERT into `table`; for the writers. */
export async function timeInsert<T>(table: string, insert: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  try {
    return await insert();
  } finally {
    clickhouseInsertSeconds.observe({ table }, secondsSince(start));
  }
}

/** What an analyze batch did, counted in one call (from the worker's completed-batch callback). */
export function countAnalyzedBatch(outcome: { inserted: number; replaced: number; unchanged: number; forgotten?: number; deadLettered: number }): void {
  const written = outcome.inserted + outcome.replaced;
  const forgotten = outcome.forgotten ?? 0;
  postsIn.inc({ stage: 'analyze' }, written + outcome.unchanged + forgotten + outcome.deadLettered);
  postsOut.inc({ stage: 'analyze', outcome: 'written' }, written);
  postsOut.inc({ stage: 'analyze', outcome: 'unchanged' }, outcome.unchanged);
  if (forgotten) postsOut.inc({ stage: 'analyze', outcome: 'forgotten' }, forgotten);
  postsOut.inc({ stage: 'analyze', outcome: 'dead_lettered' }, outcome.deadLettered);
}
