import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ClickHouse, DeadLetters } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/health', () => {
  it('reports ok with the queue depth and the dead letters', async () => {
    await t.queue.add('batch', { source: 'demo', posts: [{}] });
    await t.queue.add('later', { source: 'demo', posts: [{}] }, { delay: 60_000 });
    await new DeadLetters(t.redis, t.queuePrefix).add([{ stage: 'ingest', source: 'demo', reason: 'text is empty', post: {} }]);
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      redis: { ok: true },
      clickhouse: { ok: true },
      queue: { waiting: 1, active: 0, delayed: 1, failed: 0, dead_letters: 1 },
    });
  });

  it('stays 200 and says degraded, quickly, when ClickHouse is down', async () => {
    const down = new ClickHouse({ url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'nowhere' });
    const t2 = await createTestApp({ clickhouse: down });
    try {
      const res = await t2.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'degraded', redis: { ok: true }, clickhouse: { ok: false } });
    } finally {
      await t2.close();
      await down.close();
    }
  });

  it('stays 200 and says degraded, quickly, when Redis is down', async () => {
    // Nothing listens on port 1: the client never becomes ready and must not be waited on.
    const deadRedis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    const t2 = await createTestApp({ redis: deadRedis });
    try {
      const started = Date.now();
      const res = await t2.app.inject({ method: 'GET', url: '/api/health' });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'degraded',
        redis: { ok: false },
        clickhouse: { ok: true },
        queue: { waiting: null, active: null, delayed: null, failed: null, dead_letters: null },
      });
    } finally {
      await t2.close();
      deadRedis.disconnect();
    }
  });
});
