import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHOR_DAYS_TABLE, POSTS_TABLE, sql } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';

/**
 * One day, public side: "heavy" writes 9 oppose posts, three other authors one neutral post
 * each, and "chatty" 4 off-topic posts (classified neutral, which must not dilute the share).
 */
const POSTS: TestPost[] = [
  ...Array.from({ length: 9 }, (_, i): TestPost => ({ id: `h${i}`, author: 'heavy', created_at: '2024-06-03T10:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'negative', sentiment_score: -1 })),
  ...Array.from({ length: 3 }, (_, i): TestPost => ({ id: `l${i}`, created_at: '2024-06-03T11:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'positive', sentiment_score: 1 })),
  ...Array.from({ length: 4 }, (_, i): TestPost => ({ id: `o${i}`, author: 'chatty', offTopic: true, created_at: '2024-06-03T12:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 })),
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, POSTS.map(postRow));
});
afterAll(async () => {
  await t?.close();
});

async function point(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/trends?granularity=day&from=2024-06-03&to=2024-06-04&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().series[0].points[0];
}

describe('GET /api/trends per post and per author', () => {
  it('leaves off-topic posts out of shares and means, and counts them apart', async () => {
    expect(await point('metric=stance_oppose_share')).toEqual({ t: '2024-06-03T00:00:00.000Z', value: 9 / 12, n: 12, n_posts: 12, n_authors: 4, n_off_topic: 4 });
    expect((await point('metric=sentiment_mean')).value).toBeCloseTo(-6 / 12, 12);
    // Volume counts every post and every author.
    expect(await point('metric=volume')).toMatchObject({ value: 16, n_posts: 16, n_authors: 5, n_off_topic: 4 });
  });

  it('per author, averages each author first: the heavy poster is one voice of four', async () => {
    expect(await point('metric=stance_oppose_share&unit=author')).toEqual({ t: '2024-06-03T00:00:00.000Z', value: 1 / 4, n: 12, n_posts: 12, n_authors: 4, n_off_topic: 4 });
    expect((await point('metric=sentiment_mean&unit=author')).value).toBeCloseTo((-1 + 3) / 4, 12);
    expect(await point('metric=volume&unit=author')).toMatchObject({ value: 5, n_authors: 5, n_posts: 16 });
    const res = await t.app.inject({ method: 'GET', url: '/api/trends?metric=volume_share_of_source&unit=author' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/no per-author form/);
  });
});

describe('n_authors from the author-day rollup', () => {
  it('counts an author once a week however many days they post, the same as the stored posts say', async () => {
    const extra = await createTestApp();
    try {
      // "daily" posts on five days of one week; "once" on one day; an off-topic author on one day.
      const rows: TestPost[] = [
        ...Array.from({ length: 5 }, (_, d): TestPost => ({ id: `d${d}`, author: 'daily', created_at: new Date(Date.UTC(2024, 5, 3 + d, 9)).toISOString(), actor: 'public', stance: 'oppose_ban', sentiment: 'neutral', sentiment_score: 0 })),
        { id: 'once', author: 'once', created_at: '2024-06-05T10:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 },
        { id: 'off', author: 'off', offTopic: true, created_at: '2024-06-05T11:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 },
      ];
      await extra.clickhouse.insert(POSTS_TABLE, rows.map(postRow));
      const get = async (query: string) => {
        const res = await extra.app.inject({ method: 'GET', url: `/api/trends?from=2024-06-03&to=2024-06-10&${query}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().series[0].points;
      };
      expect(await get('metric=stance_oppose_share&granularity=week')).toMatchObject([{ n_posts: 6, n_authors: 2 }]);
      expect(await get('metric=volume&granularity=week')).toMatchObject([{ n_posts: 7, n_authors: 3 }]);
      // The stored posts (min_confidence=0 reads them) agree, day by day.
      const fromRollup = await get('metric=volume&granularity=day&group_by=actor');
      expect(fromRollup.map((p: { n_authors: number }) => p.n_authors)).toEqual([1, 1, 3, 1, 1]);
      expect(await get('metric=volume&granularity=day&group_by=actor&min_confidence=0')).toEqual(fromRollup);
      // And the rollup is what answered: without its rows the authors are gone.
      await extra.clickhouse.command(sql`ALTER TABLE ${extra.clickhouse.table(AUTHOR_DAYS_TABLE)} DROP PARTITION ${202406}`);
      expect(await get('metric=volume&granularity=week&actor=public')).toMatchObject([{ n_posts: 7, n_authors: 0 }]);
    } finally {
      await extra.close();
    }
  });
});

describe('change points on /api/trends', () => {
  it('marks where a series shifts level, with the levels either side, and names the method', async () => {
    const extra = await createTestApp();
    try {
      // 20 days: the public's oppose share steps from 0.25 to 0.75 on day 10 (four authors a day).
      const rows: TestPost[] = [];
      for (let d = 0; d < 20; d++) {
        const day = new Date(Date.UTC(2024, 6, 1 + d, 12)).toISOString();
        for (let a = 0; a < 4; a++) {
          const oppose = d < 10 ? a === 0 : a !== 0;
          rows.push({ id: `c${d}-${a}`, created_at: day, actor: 'public', stance: oppose ? 'oppose_ban' : 'neutral', sentiment: 'neutral', sentiment_score: 0 });
        }
      }
      await extra.clickhouse.insert(POSTS_TABLE, rows.map(postRow));
      const res = await extra.app.inject({ method: 'GET', url: '/api/trends?metric=stance_oppose_share&granularity=day&from=2024-07-01&to=2024-07-21' });
      const body = res.json();
      expect(body.change_point_method).toMatch(/binary segmentation/);
      expect(body.series[0].change_points).toEqual([{ t: '2024-07-11T00:00:00.000Z', before: 0.25, after: 0.75, size: 0.5 }]);
    } finally {
      await extra.close();
    }
  });
});
