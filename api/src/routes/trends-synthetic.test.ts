// Synthetic labels describe the chart's own window and slice, and one switch hides them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;

const real = (id: string, created_at: string, actor: TestPost['actor'] = 'public'): TestPost => ({
  id, created_at, actor, stance: 'oppose_ban', sentiment: 'neutral', sentiment_score: 0, source: 'file', synthetic: false,
});
const demo = (id: string, created_at: string, actor: TestPost['actor'] = 'public'): TestPost => ({
  id, created_at, actor, stance: 'support_ban', sentiment: 'neutral', sentiment_score: 0, source: 'demo',
});

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, [
    // 2018: real posts only.
    real('old1', '2018-03-01T10:00:00Z'),
    real('old2', '2018-03-02T10:00:00Z'),
    // January 2025: three synthetic posts, one real, one synthetic from the government.
    demo('d1', '2025-01-10T10:00:00Z'),
    demo('d2', '2025-01-11T10:00:00Z'),
    demo('d3', '2025-01-12T10:00:00Z', 'us_government'),
    real('r1', '2025-01-12T11:00:00Z'),
  ].map(postRow));
});

afterAll(async () => {
  await t?.close();
});

async function trends(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/trends?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/trends composition', () => {
  it('counts no synthetic post in a 2018 window, though the store holds some', async () => {
    const body = await trends('metric=volume&from=2018-01-01&to=2019-01-01');
    expect(body.composition).toEqual({ posts: 2, synthetic_posts: 2 - 2, sources: ['file'], exact: true });
  });

  it('counts the synthetic posts of the window and of the slice', async () => {
    expect((await trends('metric=volume&from=2025-01-01&to=2025-02-01')).composition).toEqual({ posts: 4, synthetic_posts: 3, sources: ['demo', 'file'], exact: true });
    expect((await trends('metric=volume&from=2025-01-01&to=2025-02-01&actor=us_government')).composition).toEqual({
      posts: 1, synthetic_posts: 1, sources: ['demo'], exact: true,
    });
  });

  it('hides synthetic posts with synthetic=exclude, and says so', async () => {
    const body = await trends('metric=volume&group_by=actor&from=2025-01-01&to=2025-02-01&synthetic=exclude');
    expect(body.synthetic).toBe('exclude');
    expect(body.composition).toEqual({ posts: 1, synthetic_posts: 0, sources: ['file'], exact: true });
    expect(body.series.map((s: { key: string; points: { n: number }[] }) => [s.key, s.points.reduce((a, p) => a + p.n, 0)])).toEqual([['public', 1]]);
    expect(body.notes).toContain('Synthetic posts hidden: left out the wholly synthetic source(s) demo.');
    // From the raw posts too (min_confidence), the same posts are left out.
    const fromPosts = await trends('metric=volume&from=2025-01-01&to=2025-02-01&synthetic=exclude&min_confidence=0');
    expect(fromPosts.series[0].points.reduce((a: number, p: { n: number }) => a + p.n, 0)).toBe(1);
    // Per author too: only the real post's author is left.
    const perAuthor = await trends('metric=volume&group_by=actor&from=2025-01-01&to=2025-02-01&synthetic=exclude&unit=author');
    expect(perAuthor.series.map((s: { key: string; points: { n_posts: number }[] }) => [s.key, s.points.reduce((a, p) => a + p.n_posts, 0)])).toEqual([['public', 1]]);
  });
});
