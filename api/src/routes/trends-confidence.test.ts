import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

/**
 * Trends with a minimum confidence, read from the raw posts. Each post's confidences are set
 * here so every expected number can be worked out by hand. 2024-06-03 is a Monday.
 */

type Confident = TestPost & { stance_confidence: number; sentiment_confidence?: number };

const POSTS: Confident[] = [
  { id: 'a1', created_at: '2024-06-03T09:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'positive', sentiment_score: 0.5, stance_confidence: 0.95, sentiment_confidence: 0.6, topics: ['free_speech'] },
  { id: 'a2', created_at: '2024-06-03T10:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'negative', sentiment_score: -0.5, stance_confidence: 0.7, topics: ['free_speech', 'national_security'] },
  { id: 'a3', created_at: '2024-06-03T11:00:00Z', actor: 'public', stance: 'support_ban', sentiment: 'positive', sentiment_score: 1, stance_confidence: 0.4, sentiment_confidence: 0.8 },
  { id: 'a4', created_at: '2024-06-03T12:00:00Z', actor: 'us_government', stance: 'support_ban', sentiment: 'negative', sentiment_score: -1, stance_confidence: 0.8, sentiment_confidence: 0.3, topics: ['national_security'] },
  { id: 'a5', created_at: '2024-06-03T13:00:00Z', actor: 'us_government', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0, stance_confidence: 0.7, sentiment_confidence: 0.7 },
  { id: 'a6', created_at: '2024-06-04T09:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'positive', sentiment_score: 0.25, stance_confidence: 0.9 },
  // Re-scored: version 1 was confident, version 2 (the one that counts) is not.
  { id: 'r1', created_at: '2024-06-04T10:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'positive', sentiment_score: 0.5, stance_confidence: 0.95, version: 1 },
];
const r1 = POSTS.at(-1)!;
const RESCORE: Confident[] = [
  { ...r1, sign: -1 },
  { ...r1, stance: 'support_ban', sentiment: 'negative', sentiment_score: -0.25, stance_confidence: 0.5, version: 2 },
];

const row = ({ stance_confidence, sentiment_confidence = 0.9, ...post }: Confident) => ({ ...postRow(post), stance_confidence, sentiment_confidence });

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, POSTS.map(row));
  await t.clickhouse.insert(POSTS_TABLE, RESCORE.map(row));
});

afterAll(async () => {
  await t?.close();
});

interface Trends {
  notes: string[];
  min_confidence?: number;
  confidence_on?: string;
  series: Array<{ key: string; points: Array<{ t: string; value: number; n: number }> }>;
}

async function trends(query: string): Promise<Trends> {
  const res = await t.app.inject({ method: 'GET', url: `/api/trends?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function table(body: Trends, field: 'value' | 'n' = 'value'): Record<string, Record<string, number>> {
  return Object.fromEntries(body.series.map((s) => [s.key, Object.fromEntries(s.points.map((p) => [p.t.slice(0, 10), p[field]]))]));
}

const DAYS = 'granularity=day&from=2024-06-03&to=2024-06-05';

describe('GET /api/trends with min_confidence', () => {
  it('counts only posts at or above the stance confidence, comparing in Float32 (0.7 passes 0.7), newest version only', async () => {
    // Asked first without the filter: a cached answer for the same window must not be reused.
    expect(table(await trends(`metric=volume&group_by=actor&${DAYS}`))).toEqual({
      public: { '2024-06-03': 3, '2024-06-04': 2 },
      us_government: { '2024-06-03': 2 },
    });
    const body = await trends(`metric=volume&group_by=actor&min_confidence=0.7&${DAYS}`);
    // public 06-03: a1 (0.95), a2 (0.7); a3 (0.4) out. 06-04: a6 (0.9); r1 now 0.5, out.
    expect(table(body)).toEqual({ public: { '2024-06-03': 2, '2024-06-04': 1 }, us_government: { '2024-06-03': 2 } });
    expect(table(body, 'n')).toEqual(table(body));
    expect(body.min_confidence).toBe(0.7);
    expect(body.confidence_on).toBe('stance');
    expect(body.notes.join(' ')).toMatch(/stance confidence is at least 0\.7/);
  });

  it('computes shares over the confident posts only', async () => {
    const body = await trends(`metric=stance_oppose_share&group_by=actor&min_confidence=0.75&${DAYS}`);
    // public 06-03: only a1 (oppose) is left; 06-04: a6 (oppose). us_government: a4 (support).
    expect(table(body)).toEqual({ public: { '2024-06-03': 1, '2024-06-04': 1 }, us_government: { '2024-06-03': 0 } });
    expect(table(body, 'n')).toEqual({ public: { '2024-06-03': 1, '2024-06-04': 1 }, us_government: { '2024-06-03': 1 } });
  });

  it('tests the confidence named by confidence_on', async () => {
    const body = await trends(`metric=sentiment_mean&group_by=actor&min_confidence=0.7&confidence_on=sentiment&${DAYS}`);
    // Sentiment confidence >= 0.7: a2 (0.9) and a3 (0.8) on 06-03; a6 and r1 version 2 (both 0.9) on 06-04; a5 (0.7).
    expect(table(body)).toEqual({ public: { '2024-06-03': (-0.5 + 1) / 2, '2024-06-04': (0.25 - 0.25) / 2 }, us_government: { '2024-06-03': 0 } });
    expect(table(body, 'n')).toEqual({ public: { '2024-06-03': 2, '2024-06-04': 2 }, us_government: { '2024-06-03': 1 } });
  });

  it('counts a post once per selected topic, as the topic rollup does', async () => {
    const byTopic = await trends(`metric=volume&group_by=topic&min_confidence=0.7&${DAYS}`);
    // a1 free_speech; a2 free_speech and national_security; a4 national_security. a3, a5, a6 have no topic.
    expect(table(byTopic)).toEqual({ free_speech: { '2024-06-03': 2 }, national_security: { '2024-06-03': 2 } });
    const filtered = await trends(`metric=volume&group_by=topic&topic=national_security&min_confidence=0.75&${DAYS}`);
    expect(table(filtered)).toEqual({ national_security: { '2024-06-03': 1 } }); // a4 only: a2 is 0.7
    expect(filtered.notes[0]).toMatch(/^By topic: .*once per topic/);
    expect(filtered.notes.join(' ')).not.toMatch(/per-topic rollup/);
  });

  it('gives the rollup answer when the minimum keeps every post', async () => {
    for (const query of [`metric=volume&group_by=actor&${DAYS}`, `metric=sentiment_mean&group_by=stance&${DAYS}`, 'metric=stance_oppose_share&granularity=week&from=2024-06-03&to=2024-06-10']) {
      const fromRollup = await trends(query);
      const fromPosts = await trends(`${query}&min_confidence=0`);
      expect(fromPosts.series, query).toEqual(fromRollup.series);
    }
  });

  it('refuses a confidence outside 0..1 or an unknown confidence_on', async () => {
    for (const query of ['min_confidence=1.5', 'min_confidence=-0.1', 'min_confidence=abc', 'min_confidence=0.5&confidence_on=text']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/trends?metric=volume&${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toBeTruthy();
    }
  });
});
