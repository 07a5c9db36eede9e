import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t975, wilson } from '@rift/queries';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

describe('divide statistics', () => {
  it('matches published values', () => {
    // Newcombe (1998), Statistics in Medicine 17: 81/263 -> 0.2553 to 0.3662 (Wilson).
    const [l, u] = wilson(81, 263);
    expect(l).toBeCloseTo(0.2553, 4);
    expect(u).toBeCloseTo(0.3662, 4);
    // Student t 97.5% quantiles: df 10 -> 2.2281, df 30 -> 2.0423.
    expect(Math.abs(t975(10) - 2.2281)).toBeLessThan(0.002);
    expect(t975(30)).toBeCloseTo(2.0423, 3);
    expect(t975(Infinity)).toBeCloseTo(1.96, 2);
  });
});

let t: TestApp;

function posts(prefix: string, actor: TestPost['actor'], count: number, oppose: number, scores: number[]): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) =>
    postRow({
      id: `${prefix}${i}`,
      created_at: `2024-06-0${1 + (i % 5)}T10:00:00Z`,
      actor,
      stance: i < oppose ? 'oppose_ban' : 'neutral',
      sentiment: 'neutral',
      sentiment_score: scores[i % scores.length]!,
    }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, [
    ...posts('p', 'public', 40, 30, [-0.5, 0.5]),
    ...posts('g', 'us_government', 10, 2, [0.25, 0.75]),
    ...posts('m', 'media', 5, 5, [1]),
  ]);
  // Re-scored (newer version): m0 now speaks for the public, neutral, score 0.5 -- it must count
  // once, at its newest analysis, and leave the media side.
  await t.clickhouse.insert(POSTS_TABLE, [
    postRow({ id: 'm0', created_at: '2024-06-01T10:00:00Z', actor: 'media', stance: 'oppose_ban', sentiment: 'neutral', sentiment_score: 1, sign: -1 }),
    postRow({ id: 'm0', created_at: '2024-06-01T10:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0.5, version: 2 }),
  ]);
});

afterAll(async () => {
  await t?.close();
});

async function get(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/divide?${query}` });
  return { status: res.statusCode, body: res.json() };
}

describe('GET /api/divide', () => {
  it('gives each side\'s n and the two differences with author-clustered 95% intervals', async () => {
    const { status, body } = await get('');
    expect(status).toBe(200);
    expect(body.unit).toBe('author');
    // Public: 40 posts (30 oppose, scores -0.5/+0.5) and the re-scored m0 (neutral, 0.5).
    // Every test post has its own author, so both units give the same numbers here.
    const pubScores = [...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.5 : -0.5)), 0.5];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = (xs: number[]) => xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
    expect(body.sides.public).toMatchObject({ n: 41, n_posts: 41, n_authors: 41, n_off_topic: 0, oppose: 30 });
    expect(body.sides.public.oppose_share).toBeCloseTo(30 / 41, 12);
    expect(body.sides.us_government).toMatchObject({ n: 10, n_authors: 10, oppose: 2, oppose_share: 0.2 });
    expect(body.sides.public.sentiment_mean).toBeCloseTo(mean(pubScores), 9);
    expect(body.sides.us_government.sentiment_mean).toBeCloseTo(0.5, 9);
    // One post per author: Var(p) = p(1-p)/(k-1), t with k-1 df.
    const p = 30 / 41;
    const vp = (p * (1 - p)) / 40;
    const vg = (0.2 * 0.8) / 9;
    expect(body.sides.public.oppose_share_ci95[1]).toBeCloseTo(p + t975(40) * Math.sqrt(vp), 9);
    const df = (vp + vg) ** 2 / (vp ** 2 / 40 + vg ** 2 / 9);
    expect(body.oppose_share_diff.value).toBeCloseTo(p - 0.2, 9);
    expect(body.oppose_share_diff.df).toBeCloseTo(df, 6);
    expect(body.oppose_share_diff.ci95[0]).toBeCloseTo(p - 0.2 - t975(df) * Math.sqrt(vp + vg), 9);
    expect(body.oppose_share_diff.ci95[1]).toBeCloseTo(p - 0.2 + t975(df) * Math.sqrt(vp + vg), 9);
    const vs = variance(pubScores) / 41 + variance([0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75]) / 10;
    expect(body.sentiment_mean_diff.ci95[1] - body.sentiment_mean_diff.value).toBeCloseTo(t975(body.sentiment_mean_diff.df) * Math.sqrt(vs), 9);
    expect(body.sentiment_mean_diff.method).toMatch(/author-clustered/);
    expect(body.min_n).toBe(30);
    expect(body.too_few).toBe(true); // the government side has 10 authors
    expect(body.definition).toMatch(/Public minus US government/);
    // These posts' model version has no confusion matrix: raw, and the answer says why.
    expect(body.correction).toBeNull();
    expect(body.correction_note).toMatch(/confusion matrix/);
  });

  it('applies the slice filters and min_n', async () => {
    const { body } = await get('from=2024-06-01&to=2024-06-02&min_n=5');
    expect(body.sides.public.n).toBe(9); // 8 of the 40, and m0
    expect(body.sides.us_government.n).toBe(2);
    expect(body.too_few).toBe(true);
    const wide = await get('min_n=10');
    expect(wide.body.too_few).toBe(false);
  });

  it('reports no difference when a side has no posts, and refuses an actor filter', async () => {
    const { body } = await get('source=nowhere');
    expect(body.sides.public.n).toBe(0);
    expect(body.oppose_share_diff).toBeNull();
    expect(body.sentiment_mean_diff).toBeNull();
    expect((await get('actor=public')).status).toBe(400);
    expect((await get('min_n=0')).status).toBe(400);
  });
});
