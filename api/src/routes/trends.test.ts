import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
});

afterAll(async () => {
  await t?.close();
});

interface Trends {
  metric: string;
  group_by: string;
  granularity: string;
  definition: string;
  from: string;
  to: string;
  notes: string[];
  series: Array<{ key: string; points: Array<{ t: string; value: number; n: number }> }>;
}

async function trends(query: string): Promise<Trends> {
  const res = await t.app.inject({ method: 'GET', url: `/api/trends?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** `{ key: { t: value } }`, easier to compare than nested arrays. */
function table(body: Trends, field: 'value' | 'n' = 'value'): Record<string, Record<string, number>> {
  return Object.fromEntries(
    body.series.map((s) => [s.key, Object.fromEntries(s.points.map((p) => [p.t.slice(0, 13), p[field]]))]),
  );
}

const DAYS = 'granularity=day&from=2024-06-01&to=2024-06-15';

describe('GET /api/trends', () => {
  it('counts posts by actor per day, with a re-scored post counted once', async () => {
    const body = await trends(`metric=volume&group_by=actor&${DAYS}`);
    expect(body.metric).toBe('volume');
    expect(body.definition).toMatch(/Number of posts/);
    expect(body.from).toBe('2024-06-01T00:00:00.000Z');
    expect(body.to).toBe('2024-06-15T00:00:00.000Z');
    expect(table(body)).toEqual({
      public: { '2024-06-03T00': 3, '2024-06-04T00': 2, '2024-06-09T00': 1 },
      us_government: { '2024-06-03T00': 2, '2024-06-10T00': 1 },
    });
    expect(table(body, 'n')).toEqual(table(body));
  });

  it('computes the oppose share per actor from the newest scores', async () => {
    const body = await trends(`metric=stance_oppose_share&group_by=actor&${DAYS}`);
    const shares = table(body);
    expect(shares.public!['2024-06-03T00']).toBeCloseTo(2 / 3, 12);
    // p4 opposes; r1 opposed in its first version but supports after re-scoring.
    expect(shares.public!['2024-06-04T00']).toBe(0.5);
    expect(shares.public!['2024-06-09T00']).toBe(0);
    expect(shares.us_government).toEqual({ '2024-06-03T00': 0, '2024-06-10T00': 0 });
    expect(table(body, 'n').public).toEqual({ '2024-06-03T00': 3, '2024-06-04T00': 2, '2024-06-09T00': 1 });
  });

  it('computes the mean sentiment per actor', async () => {
    const body = await trends(`metric=sentiment_mean&group_by=actor&${DAYS}`);
    const means = table(body);
    expect(means.public!['2024-06-03T00']).toBeCloseTo((0.5 - 0.25 + 0.5) / 3, 6);
    expect(means.public!['2024-06-04T00']).toBeCloseTo((1 - 0.25) / 2, 6);
    expect(means.us_government!['2024-06-03T00']).toBeCloseTo((-0.5 + 0.25) / 2, 6);
  });

  it('computes support and sentiment shares across all posts', async () => {
    const support = await trends('metric=stance_support_share&group_by=none&granularity=day&from=2024-06-03&to=2024-06-04');
    expect(support.series).toMatchObject([{ key: 'all', points: [{ t: '2024-06-03T00:00:00.000Z', value: 0.4, n: 5 }] }]);
    const positive = await trends('metric=sentiment_positive_share&granularity=day&from=2024-06-03&to=2024-06-04');
    expect(positive.series[0]!.points[0]!.value).toBe(0.4);
    const negative = await trends('metric=sentiment_negative_share&group_by=sentiment&granularity=day&from=2024-06-03&to=2024-06-04');
    expect(table(negative)).toEqual({ negative: { '2024-06-03T00': 1 }, neutral: { '2024-06-03T00': 0 }, positive: { '2024-06-03T00': 0 } });
  });

  it('starts week buckets on Monday and widens the window to whole weeks', async () => {
    const body = await trends('metric=volume&group_by=actor&granularity=week&from=2024-06-05&to=2024-06-12');
    expect(body.from).toBe('2024-06-03T00:00:00.000Z');
    expect(body.to).toBe('2024-06-17T00:00:00.000Z');
    expect(body.series).toMatchObject([
      { key: 'public', points: [{ t: '2024-06-03T00:00:00.000Z', value: 6, n: 6 }] },
      {
        key: 'us_government',
        points: [
          { t: '2024-06-03T00:00:00.000Z', value: 2, n: 2 },
          { t: '2024-06-10T00:00:00.000Z', value: 1, n: 1 },
        ],
      },
    ]);
  });

  it('buckets by hour', async () => {
    const body = await trends('metric=volume&granularity=hour&from=2024-06-03T09:00:00Z&to=2024-06-03T12:00:00Z');
    expect(table(body)).toEqual({ all: { '2024-06-03T09': 1, '2024-06-03T10': 1, '2024-06-03T11': 1 } });
  });

  it('filters by topic through the topic rollup', async () => {
    const body = await trends(`metric=volume&group_by=actor&topic=national_security&${DAYS}`);
    expect(table(body)).toEqual({
      public: { '2024-06-03T00': 2 },
      us_government: { '2024-06-03T00': 1, '2024-06-10T00': 1 },
    });
    expect(body.notes.join(' ')).toMatch(/once per topic/);
  });

  it('groups by topic, counting a post once in each of its topics', async () => {
    const body = await trends('metric=volume&group_by=topic&granularity=day&from=2024-06-03&to=2024-06-04');
    expect(table(body)).toEqual({ free_speech: { '2024-06-03T00': 2 }, national_security: { '2024-06-03T00': 3 } });
  });

  it('combines filters on labels, language and source', async () => {
    expect(table(await trends(`metric=volume&lang=zh&${DAYS}`))).toEqual({ all: { '2024-06-03T00': 1 } });
    expect(table(await trends(`metric=volume&group_by=source&source=file,demo&actor=public&stance=support_ban&${DAYS}`))).toEqual({
      demo: { '2024-06-04T00': 1 },
      file: { '2024-06-03T00': 1 },
    });
    expect((await trends(`metric=volume&source=nowhere&${DAYS}`)).series).toEqual([]);
  });

  it('defaults the window to the stored data', async () => {
    const day = await trends('metric=volume&granularity=day');
    expect(day.from).toBe('2024-06-03T00:00:00.000Z');
    expect(day.to).toBe('2024-06-11T00:00:00.000Z');
    expect(day.notes.join(' ')).toMatch(/defaulted/);
    // Empty strings (a form with blank date fields) mean the same as absent.
    const blank = await trends('metric=volume&granularity=hour&from=&to=');
    expect(blank.from).toBe('2024-06-03T09:00:00.000Z');
    expect(blank.to).toBe('2024-06-10T01:00:00.000Z');
  });
});
