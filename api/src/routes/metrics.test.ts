import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { countAnalyzedBatch, DeadLetters } from '@rift/core';
import { ApiKeyStore } from '../auth/key-store.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

/** The value of one sample line, e.g. `rift_queue_jobs{state="waiting"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('reports the queue, dead letters, HTTP and ClickHouse timings in Prometheus text format', async () => {
    await t.queue.add('batch', { source: 'demo', posts: [{}] });
    await t.queue.add('later', { source: 'demo', posts: [{}] }, { delay: 60_000 });
    await new DeadLetters(t.redis, t.queuePrefix).add([{ stage: 'ingest', source: 'demo', reason: 'text is empty', post: {} }]);
    await t.app.inject({ url: '/api/summary' });
    await t.app.inject({ url: '/api/no-such-thing' });
    countAnalyzedBatch({ inserted: 3, replaced: 1, unchanged: 2, deadLettered: 1 });

    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(sample(text, 'rift_queue_jobs{state="waiting"}')).toBe(1);
    expect(sample(text, 'rift_queue_jobs{state="delayed"}')).toBe(1);
    expect(sample(text, 'rift_queue_jobs{state="active"}')).toBe(0);
    expect(sample(text, 'rift_queue_jobs{state="failed"}')).toBe(0);
    expect(sample(text, 'rift_dead_letters')).toBe(1);
    expect(sample(text, 'rift_redis_up')).toBe(1);
    expect(sample(text, 'rift_queue_oldest_waiting_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'rift_http_request_duration_seconds_count{method="GET",route="/api/summary",status="200"}')).toBeGreaterThanOrEqual(1);
    // Unknown paths share one series instead of one per URL.
    expect(text).toContain('route="unmatched",status="404"');
    expect(text).not.toContain('no-such-thing');
    expect(sample(text, 'rift_clickhouse_query_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'rift_posts_out_total{stage="analyze",outcome="written"}')).toBeGreaterThanOrEqual(4);
    expect(text).toContain('# TYPE rift_clickhouse_insert_seconds histogram');
    expect(text).toContain('rift_process_cpu_seconds_total');
  });

  it('says Redis is down instead of failing, quickly', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    const t2 = await createTestApp({ redis: deadRedis });
    try {
      const started = Date.now();
      const res = await t2.app.inject({ url: '/metrics' });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.statusCode).toBe(200);
      expect(sample(res.body, 'rift_redis_up')).toBe(0);
      expect(sample(res.body, 'rift_queue_jobs{state="waiting"}')).toBeNaN();
    } finally {
      await t2.close();
      deadRedis.disconnect();
    }
  });

  it('needs the configured role', async () => {
    const t2 = await createTestApp({ protection: { metricsRole: 'analyst', keyCacheMs: 0 } });
    try {
      const store = new ApiKeyStore(t2.clickhouse);
      const viewer = (await store.create('viewer', 'v')).key;
      const analyst = (await store.create('analyst', 'a')).key;
      expect((await t2.app.inject({ url: '/metrics' })).statusCode).toBe(401);
      expect((await t2.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${viewer}` } })).statusCode).toBe(403);
      expect((await t2.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${analyst}` } })).statusCode).toBe(200);
      // Public reads do not open a route that declares more than viewer.
      expect((await t2.app.inject({ url: '/api/events' })).statusCode).toBe(200);
    } finally {
      await t2.close();
    }
  });
});
