import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '@rift/analyze';
import { countPosts, DeadLetters, loadConfig, loadTopicPack, POSTS_TABLE, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { feed, generateDemoPosts } from '@rift/ingest';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';

const POISON = 'this post makes the analyzer throw';

describe('ingest -> queue -> analyze -> ClickHouse, on real services', () => {
  let pipeline: TestPipeline;
  let db: TestPipeline['db'];
  const pack = loadTopicPack(loadConfig().RIFT_TOPIC_PACK);
  const real = createAnalyzer(pack);
  const modelVersion = real.modelVersion;

  beforeAll(async () => {
    // The real analyzer, with one post that makes it throw, to prove a poison post is isolated.
    const analyzer: Analyzer = {
      modelVersion,
      analyze: (input) => {
        if (input.text === POISON) throw new Error('boom');
        return real.analyze(input);
      },
    };
    pipeline = await startTestPipeline({ analyzer });
    db = pipeline.db;
  });

  afterAll(() => pipeline.close());

  const producer = () => pipeline.producer();

  it('stores every valid post once, dead-letters the bad ones with reasons, and rollups match', async () => {
    const demo = [...generateDemoPosts({ count: 3000, seed: 7 })].map((post) => ({ post }));
    const bad = [
      { post: { source: 'demo', id: 'bad-1', created_at: 'not a date', text: 'tiktok' } },
      { post: { source: 'demo', id: 'bad-2', created_at: '2025-01-17T00:00:00Z', text: '   ' } },
      { line: 17, error: 'Unexpected token } in JSON' },
      { post: { source: 'demo', id: 'poison-1', created_at: '2025-01-17T00:00:00Z', text: POISON } },
    ];
    const p = producer();
    await feed([...demo.slice(0, 1500), ...bad, ...demo.slice(1500)], p, 'demo');
    expect(p.stats).toMatchObject({ accepted: 3001, rejected: 3, duplicates: 0 });
    await pipeline.drained();

    expect(await countPosts(db.clickhouse)).toBe(3000);
    const rollup = await db.clickhouse.query<{ n: string }>(
      sql`SELECT sumMerge(posts) AS n FROM ${db.clickhouse.table(TRENDS_HOURLY_TABLE)}`,
    );
    expect(Number(rollup[0]!.n)).toBe(3000);

    const letters = await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 100);
    expect(letters).toHaveLength(4);
    const reasons = letters.map((l) => `${l.stage}: ${l.reason}`).sort();
    expect(reasons[0]).toMatch(/^analyze: analysis failed: boom/);
    expect(reasons[1]).toMatch(/^ingest: created_at: /);
    expect(reasons[2]).toMatch(/^ingest: line 17: Unexpected token/);
    expect(reasons[3]).toMatch(/^ingest: text: text is empty/);

    const scored = await db.clickhouse.query<{ model_version: string; actors: string[] }>(sql`
      SELECT any(model_version) AS model_version, groupUniqArray(toString(actor)) AS actors
      FROM ${db.clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1`);
    expect(scored[0]!.model_version).toBe(modelVersion);
    expect(scored[0]!.actors).toEqual(expect.arrayContaining(['public', 'us_government']));
  });

  it('adds nothing when the same posts are sent again', async () => {
    const p = producer();
    await feed([...generateDemoPosts({ count: 3000, seed: 7 })].map((post) => ({ post })), p, 'demo');
    expect(p.stats).toMatchObject({ accepted: 0, duplicates: 3000 });
    // Even past the producer's dedupe (a crash between enqueue and marking), the writer absorbs a replay.
    const replay = pipeline.producer({ redeliver: true });
    await feed([...generateDemoPosts({ count: 1000, seed: 7 })].map((post) => ({ post })), replay, 'demo');
    await pipeline.drained();
    expect(await countPosts(db.clickhouse)).toBe(3000);
    const rollup = await db.clickhouse.query<{ n: string }>(sql`SELECT sumMerge(posts) AS n FROM ${db.clickhouse.table(TRENDS_HOURLY_TABLE)}`);
    expect(Number(rollup[0]!.n)).toBe(3000);
  });
});
