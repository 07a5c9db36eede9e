import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { POSTS_TABLE } from '@rift/core';

// The corpus of testing/corpus.ts, by day and source (r1 re-scored to support_ban, no topics):
// 2024-06-03 demo g1 p1 p2 g2, file p3; 2024-06-04 demo p4 r1; 2024-06-09 demo p5; 2024-06-10 demo g3.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
});

afterAll(async () => {
  await t?.close();
});

interface Point {
  t: string;
  value: number;
  n: number;
  denominator?: number;
}
interface Trends {
  metric: string;
  definition: string;
  series: Array<{ key: string; points: Point[] }>;
}

async function trends(query: string): Promise<Trends> {
  const res = await t.app.inject({ method: 'GET', url: `/api/trends?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** `{ key: { day: [n, denominator, value] } }`. */
function table(body: Trends): Record<string, Record<string, [number, number | undefined, number]>> {
  return Object.fromEntries(
    body.series.map((s) => [s.key, Object.fromEntries(s.points.map((p) => [p.t.slice(0, 10), [p.n, p.denominator, p.value]]))]),
  );
}

const SHARE = 'metric=volume_share_of_source&granularity=day&from=2024-06-01&to=2024-06-15';

describe('GET /api/trends?metric=volume_share_of_source', () => {
  it("divides each actor's posts by all posts of every source in the bucket, whatever the other filters", async () => {
    const body = await trends(`${SHARE}&group_by=actor`);
    expect(body.definition).toMatch(/divided by all posts from the same source/);
    expect(table(body)).toEqual({
      public: { '2024-06-03': [3, 5, 0.6], '2024-06-04': [2, 2, 1], '2024-06-09': [1, 1, 1] },
      us_government: { '2024-06-03': [2, 5, 0.4], '2024-06-10': [1, 1, 1] },
    });
    // An actor filter narrows the numerator only.
    expect(table(await trends(`${SHARE}&group_by=stance&actor=public`))).toEqual({
      oppose_ban: { '2024-06-03': [2, 5, 0.4], '2024-06-04': [1, 2, 0.5] },
      support_ban: { '2024-06-03': [1, 5, 0.2], '2024-06-04': [1, 2, 0.5] },
      neutral: { '2024-06-09': [1, 1, 1] },
    });
  });

  it("grouped by source, divides by that source's own posts", async () => {
    const body = await trends(`${SHARE}&group_by=source&stance=support_ban`);
    // demo on 06-03: g1 of g1 p1 p2 g2; file: p3, its only post; demo on 06-04: r1 (re-scored) of p4 r1.
    expect(table(body)).toEqual({
      demo: { '2024-06-03': [1, 4, 0.25], '2024-06-04': [1, 2, 0.5], '2024-06-10': [1, 1, 1] },
      file: { '2024-06-03': [1, 1, 1] },
    });
  });

  it('takes the denominator from the sources in the source filter only', async () => {
    const body = await trends(`${SHARE}&group_by=none&source=demo&actor=us_government`);
    expect(table(body)).toEqual({ all: { '2024-06-03': [2, 4, 0.5], '2024-06-10': [1, 1, 1] } });
    const week = await trends('metric=volume_share_of_source&granularity=week&from=2024-06-03&to=2024-06-17&source=demo&actor=us_government');
    expect(week.series[0]!.points).toMatchObject([
      { t: '2024-06-03T00:00:00.000Z', n: 2, denominator: 7, value: 2 / 7 },
      { t: '2024-06-10T00:00:00.000Z', n: 1, denominator: 1, value: 1 },
    ]);
  });

  it("counts topics from the topic rollup over all of the source's posts, topic or not", async () => {
    const body = await trends(`${SHARE}&group_by=topic`);
    // On 06-04 r1 has no topic: free_speech is p4 of p4 and r1.
    expect(table(body)).toEqual({
      free_speech: { '2024-06-03': [2, 5, 0.4], '2024-06-04': [1, 2, 0.5] },
      national_security: { '2024-06-03': [3, 5, 0.6], '2024-06-10': [1, 1, 1] },
    });
  });

  it('agrees with the volumes it is made of, by language, for every bucket', async () => {
    const shares = await trends('metric=volume_share_of_source&granularity=hour&from=2024-06-03&to=2024-06-11&group_by=lang');
    const volumes = await trends('metric=volume&granularity=hour&from=2024-06-03&to=2024-06-11&group_by=lang');
    const totals = await trends('metric=volume&granularity=hour&from=2024-06-03&to=2024-06-11&group_by=none');
    const total = new Map(totals.series[0]!.points.map((p) => [p.t, p.n]));
    expect(shares.series.map((s) => s.key).sort()).toEqual(volumes.series.map((s) => s.key).sort());
    for (const series of volumes.series) {
      const expected = series.points.map((p) => ({ t: p.t, n: p.n, denominator: total.get(p.t), value: p.n / total.get(p.t)! }));
      expect(shares.series.find((s) => s.key === series.key)!.points).toMatchObject(expected);
    }
  });

  it('gives counts without a denominator for the other metrics', async () => {
    const body = await trends('metric=volume&granularity=day&from=2024-06-03&to=2024-06-04');
    expect(body.series[0]!.points).toEqual([{ t: '2024-06-03T00:00:00.000Z', value: 5, n: 5, n_posts: 5, n_authors: 5, n_off_topic: 0 }]);
  });

  it('refuses a minimum confidence, which its denominator cannot take, with a 400 that says why', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/trends?metric=volume_share_of_source&from=2024-06-03&to=2024-06-11&min_confidence=0.5' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringContaining('cannot take min_confidence') });
  });
});
