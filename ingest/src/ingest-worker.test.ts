import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '@rift/analyze';
import { countPosts, createLogger, type IngestJob, loadConfig, loadTopicPack, type PostInput, POSTS_TABLE, queryRuns, QueueName, sql, stepOutcomes } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { startIngestWorker } from './ingest-worker.ts';
import { nextAllowedRun, scheduleBackfill, scheduleSources } from './scheduler.ts';
import { SourceStateStore, SourceStateSchema } from './source-state.ts';
import type { BackfillWindow, Source } from './sources/source.ts';
import { FAST_HTTP } from '@rift/testing/run-connector';

/** A source over a fixed list of posts: what the scheduler and worker do is under test, not a connector. */
function listSource(name: string, posts: PostInput[], options: { failPolls?: boolean } = {}): Source & { polls: number; windows: BackfillWindow[] } {
  const source = {
    name,
    intervalMinutes: 60,
    polls: 0,
    windows: [] as BackfillWindow[],
    async *poll() {
      source.polls++;
      if (options.failPolls) throw new Error('HTTP 500 from the test source');
      yield { posts: posts.slice(0, 2), cursor: '2' };
      yield { posts: posts.slice(2), cursor: String(posts.length) };
    },
    async *backfill(_context: unknown, window: BackfillWindow) {
      source.windows.push(window);
      yield { posts: posts.filter((p) => p.created_at >= window.from.toISOString() && p.created_at < window.to.toISOString()) };
    },
  };
  return source;
}

const post = (n: number, day: string): PostInput => ({ source: 'list', id: `p${n}`, created_at: `${day}T12:00:00Z`, text: `TikTok ban post ${n}` });
const POSTS = [post(1, '2025-01-10'), post(2, '2025-01-12'), post(3, '2025-01-15'), post(4, '2025-01-18'), { ...post(5, '2025-01-19'), text: 'off topic entirely' }];

describe('scheduled ingest through the real queue and pipeline', () => {
  let pipeline: TestPipeline;
  let queue: Queue<IngestJob>;
  beforeAll(async () => {
    pipeline = await startTestPipeline();
    queue = new Queue<IngestJob>(QueueName.ingest, { connection: pipeline.redis, prefix: pipeline.prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await pipeline.close();
  });

  const start = (sources: Source[]) =>
    startIngestWorker({
      connection: pipeline.redis,
      clickhouse: pipeline.db.clickhouse,
      prefix: pipeline.prefix,
      sources,
      pack: pipeline.pack,
      createProducer: () => pipeline.producer(),
      http: () => FAST_HTTP,
      log: createLogger('silent', 'test'),
    });

  async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('a job scheduler per source runs it at once, stores the relevant posts and records its state; removing it from the configuration removes its scheduler', async () => {
    const source = listSource('list', POSTS);
    const { worker } = start([source]);
    await scheduleSources(queue, [source]);
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(['list']);
    const states = new SourceStateStore(pipeline.redis, pipeline.prefix);
    await until('the first run', async () => (await states.get('list')).last_run !== null);
    await pipeline.drained();
    expect(await countPosts(pipeline.db.clickhouse)).toBe(4);
    const state = await states.get('list');
    expect(state).toMatchObject({ cursor: '5', posts_in: 5, posts_out: 4, errors: 0, healthy: true });
    expect(Date.parse(state.next_run!)).toBeGreaterThan(Date.now() + 59 * 60_000);
    const hour = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000), sources: ['list'] };
    await until('the run recorded', async () => (await queryRuns(pipeline.db.clickhouse, hour)).length > 0);
    expect((await queryRuns(pipeline.db.clickhouse, hour)).map((r) => [r.ok, r.posts_collected, r.error])).toEqual([[true, 4, '']]);
    await scheduleSources(queue, []);
    expect(await queue.getJobSchedulers()).toEqual([]);
    await worker.close();
  });

  it('splits a backfill into windows, runs each once, and queueing it again adds no job', async () => {
    const source = listSource('list-backfill', POSTS.map((p) => ({ ...p, source: 'list-backfill' })));
    const from = new Date('2025-01-10T00:00:00Z');
    const to = new Date('2025-01-20T00:00:00Z');
    expect(await scheduleBackfill(queue, source.name, from, to, 3)).toBe(4);
    expect(await scheduleBackfill(queue, source.name, from, to, 3)).toBe(4);
    const { worker } = start([source]);
    await until('four windows', async () => source.windows.length === 4 && (await queue.getWaitingCount()) === 0);
    await pipeline.drained();
    expect(source.windows.map((w) => [w.from.toISOString().slice(0, 10), w.to.toISOString().slice(0, 10)])).toEqual([
      ['2025-01-10', '2025-01-13'],
      ['2025-01-13', '2025-01-16'],
      ['2025-01-16', '2025-01-19'],
      ['2025-01-19', '2025-01-20'],
    ]);
    expect(source.polls).toBe(0);
    const stored = await pipeline.db.clickhouse.query<{ n: string }>(
      sql`SELECT count() AS n FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = ${'list-backfill'}`,
    );
    expect(Number(stored[0]!.n)).toBe(4);
    // Backfill windows leave the cursor of live polls untouched.
    expect((await new SourceStateStore(pipeline.redis, pipeline.prefix).get('list-backfill')).cursor).toBeNull();
    await worker.close();
  });
});

/** rift_step_outcomes_total by `step/outcome/reason`, as /metrics would report it. */
async function stepCounts(): Promise<Map<string, number>> {
  const { values } = await stepOutcomes.get();
  return new Map(values.map((v) => [`${v.labels.step}/${v.labels.outcome}/${v.labels.reason}`, v.value]));
}

describe('step outcomes', () => {
  it('each step counts what it continued with, dropped and dead-lettered, by reason code', async () => {
    const real = createAnalyzer(loadTopicPack(loadConfig().RIFT_TOPIC_PACK));
    const flawed: Analyzer = {
      modelVersion: real.modelVersion,
      analyze: (input) => {
        if (input.text.includes('poison')) throw new RangeError('tokenizer ran past the end of the text');
        return real.analyze(input);
      },
    };
    const pipeline = await startTestPipeline({ analyzer: flawed });
    const queue = new Queue<IngestJob>(QueueName.ingest, { connection: pipeline.redis, prefix: pipeline.prefix });
    const good = (n: number): PostInput => ({ ...post(n, '2025-01-10'), source: 'steps' });
    const source: Source = {
      name: 'steps',
      intervalMinutes: 60,
      async *poll() {
        yield {
          posts: [good(1), good(2), { ...good(3), text: 'off topic entirely' }, { ...good(4), created_at: 'not a date' }, { ...good(5), text: 'TikTok ban poison' }],
          errors: [{ reason: 'steps: item is not an object', payload: 7 }],
        };
      },
    };
    // Every run sends its posts again, so the second run finds them stored and unchanged.
    const { worker } = startIngestWorker({
      connection: pipeline.redis,
      clickhouse: pipeline.db.clickhouse,
      prefix: pipeline.prefix,
      sources: [source],
      pack: pipeline.pack,
      createProducer: () => pipeline.producer({ redeliver: true }),
      http: () => FAST_HTTP,
      log: createLogger('silent', 'test'),
    });
    const before = await stepCounts();
    const moved = async () => {
      const after = await stepCounts();
      return Object.fromEntries([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]).filter(([, d]) => d !== 0));
    };
    try {
      for (let run = 1; run <= 2; run++) {
        const job = await queue.add('poll', { source: 'steps' });
        while (!(await job.isCompleted())) await new Promise((r) => setTimeout(r, 50));
        await pipeline.drained();
      }
      await pipeline.queue.add('batch', { posts: 'not a list' } as never);
      await pipeline.drained();
      expect(await moved()).toEqual({
        'relevance/continue/none': 8,
        'relevance/drop/off_topic': 2,
        'validate/continue/none': 6,
        'validate/dead_letter/invalid_post': 2,
        'validate/dead_letter/unreadable_item': 2,
        'validate_job/continue/none': 6,
        'validate_job/dead_letter/malformed_job': 1,
        'analyze/continue/none': 4,
        'analyze/dead_letter/analysis_failed': 2,
        'write/continue/none': 2,
        'write/drop/unchanged': 2,
      });
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await pipeline.close();
    }
  });
});

describe('a source that keeps failing', () => {
  it('is marked unhealthy after three failed runs, each recorded with its error, and skipped until its backoff ends, without stopping the worker', async () => {
    const pipeline = await startTestPipeline({ worker: false });
    const queue = new Queue<IngestJob>(QueueName.ingest, { connection: pipeline.redis, prefix: pipeline.prefix });
    const source = listSource('broken', [], { failPolls: true });
    const { worker } = startIngestWorker({
      connection: pipeline.redis,
      clickhouse: pipeline.db.clickhouse,
      prefix: pipeline.prefix,
      sources: [source],
      pack: pipeline.pack,
      createProducer: () => pipeline.producer(),
      http: () => FAST_HTTP,
      log: createLogger('silent', 'test'),
    });
    try {
      for (let run = 1; run <= 4; run++) {
        const job = await queue.add('poll', { source: 'broken' });
        while (!(await job.isCompleted())) await new Promise((r) => setTimeout(r, 50));
      }
      const state = await new SourceStateStore(pipeline.redis, pipeline.prefix).get('broken');
      expect(source.polls).toBe(3);
      expect(state).toMatchObject({ healthy: false, consecutive_failures: 3, errors: 3, last_error: 'HTTP 500 from the test source' });
      expect(Date.parse(state.next_run!)).toBeGreaterThan(Date.now());
      // The skipped fourth job is not a run: three rows, all failed.
      const runs = await queryRuns(pipeline.db.clickhouse, { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
      expect(runs.map((r) => [r.source, r.ok, r.error])).toEqual(Array(3).fill(['broken', false, 'HTTP 500 from the test source']));
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await pipeline.close();
    }
  });
});

describe('an unhealthy source', () => {
  const state = (failures: number, lastRun: string) =>
    SourceStateSchema.parse({ name: 's', consecutive_failures: failures, healthy: failures < 3, last_run: lastRun });

  it('waits its interval, doubled for each failure past the third, up to six hours', () => {
    const at = '2025-01-01T00:00:00Z';
    expect(nextAllowedRun(state(2, at), 10)).toBe(0);
    expect(nextAllowedRun(state(3, at), 10)).toBe(Date.parse(at) + 10 * 60_000);
    expect(nextAllowedRun(state(5, at), 10)).toBe(Date.parse(at) + 40 * 60_000);
    expect(nextAllowedRun(state(30, at), 10)).toBe(Date.parse(at) + 6 * 3600_000);
  });
});
