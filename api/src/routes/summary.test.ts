import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, TEST_PACK, type TestApp } from '@rift/testing/app';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/summary', () => {
  it('answers zeros and nulls for an empty store', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/summary' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ posts: 0, synthetic_posts: 0, first: null, last: null, model_versions: [], sources: [] });
  });

  it('counts each post once, at its newest version', async () => {
    await t.clickhouse.insert(POSTS_TABLE, corpusRows());
    await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
    const res = await t.app.inject({ method: 'GET', url: '/api/summary' });
    expect(res.json()).toEqual({
      posts: 9,
      synthetic_posts: 8,
      first: '2024-06-03T09:00:00.000Z',
      last: '2024-06-10T00:00:00.000Z',
      // r1's first version was scored by lexicon-0; only its replacement counts.
      model_versions: ['lexicon-1', 'lexicon-2'],
      sources: ['demo', 'file'],
    });
  });
});

describe('GET /api/events', () => {
  it('answers the pack and its events in date order', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/events' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      pack: { id: TEST_PACK.id, version: TEST_PACK.version, title: TEST_PACK.title, period: null },
      events: [
        { date: '2024-04-24', label: 'PAFACA signed' },
        { date: '2025-01-19', label: 'TikTok goes dark' },
      ],
    });
  });

  it("answers the period the pack declares, the dashboard's default window", async () => {
    const withPeriod = await createTestApp({ pack: { ...TEST_PACK, period: { from: '2024-03-01', to: '2025-06-30' } } });
    try {
      const res = await withPeriod.app.inject({ method: 'GET', url: '/api/events' });
      expect(res.json().pack.period).toEqual({ from: '2024-03-01', to: '2025-06-30' });
    } finally {
      await withPeriod.close();
    }
  });

  it('refuses parameters it does not take', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/events?x=1' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: 'unknown parameter "x"' });
  });
});
