import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { postRow, type TestPost } from '@rift/testing/posts';
import { backtest } from './backtest.ts';
import { evaluateRule } from './evaluate.ts';
import { RuleInputSchema } from './rule.ts';
import { POSTS_TABLE } from '@rift/core';

// 2024-06-03: the public's "heavy" writes 8 oppose posts, 4 others one neutral post each; the government 4 neutral posts.
const POSTS: TestPost[] = [
  ...Array.from({ length: 8 }, (_, i): TestPost => ({ id: `h${i}`, author: 'heavy', created_at: '2024-06-03T10:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'neutral', sentiment_score: 0 })),
  ...Array.from({ length: 4 }, (_, i): TestPost => ({ id: `p${i}`, created_at: '2024-06-03T11:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 })),
  ...Array.from({ length: 4 }, (_, i): TestPost => ({ id: `g${i}`, created_at: '2024-06-03T12:00:00Z', actor: 'us_government', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 })),
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.clickhouse.insert(POSTS_TABLE, POSTS.map(postRow));
});
afterAll(async () => {
  await db?.drop();
});

const rule = (extra: Record<string, unknown>) =>
  RuleInputSchema.parse({ name: 'divide', metric: 'divide_stance', comparator: '>', threshold: 0.5, window: '1d', interval: '1h', min_sample: 2, ...extra });
const END = Date.parse('2024-06-04T00:00:00Z');

describe('a divide alert per author', () => {
  it('watches the per-author divide, with authors as its n, where the per-post one counts the heavy poster eight times', async () => {
    const perPost = await evaluateRule(db.clickhouse, rule({}), END);
    expect(perPost.value).toBeCloseTo(8 / 12, 12);
    expect(perPost.n).toBe(4);
    const perAuthor = await evaluateRule(db.clickhouse, rule({ unit: 'author' }), END);
    expect(perAuthor.value).toBeCloseTo(1 / 5, 12);
    expect(perAuthor.sides).toEqual({ public: { value: 1 / 5, n: 5 }, us_government: { value: 0, n: 4 } });
    // No confusion matrix for these posts' model: raw, and the observation says why.
    const corrected = await evaluateRule(db.clickhouse, rule({ unit: 'author', correction: 'confusion' }), END);
    expect(corrected.value).toBeCloseTo(1 / 5, 12);
    expect(corrected.note).toMatch(/confusion matrix/);
    const run = await backtest(db.clickhouse, rule({ unit: 'author' }), new Date(END - 3_600_000), new Date(END));
    expect(run.points.at(-1)).toMatchObject({ value: 1 / 5, n: 4 });
  });

  it('watches the divide with copies counted once: the heavy poster\'s eight copies of one text are one post', async () => {
    const copies = await createTestDatabase();
    try {
      await copies.clickhouse.insert(POSTS_TABLE, POSTS.map((p) => ({ ...postRow(p), ...(p.author === 'heavy' && { copy_cluster: 'demo:h0' }) })));
      const once = await evaluateRule(copies.clickhouse, rule({ copies: 'once' }), END);
      expect(once.value).toBeCloseTo(1 / 5, 12);
      expect(once.sides).toEqual({ public: { value: 1 / 5, n: 5 }, us_government: { value: 0, n: 4 } });
      expect((await evaluateRule(copies.clickhouse, rule({}), END)).value).toBeCloseTo(8 / 12, 12);
    } finally {
      await copies.drop();
    }
  });

  it('refuses unit, correction and copies on rules that are not the divide', () => {
    expect(() => rule({ metric: 'volume', unit: 'author' })).toThrow(/divide metrics/);
    expect(() => rule({ metric: 'volume', copies: 'once' })).toThrow(/divide metrics/);
    expect(() => rule({ metric: 'divide_sentiment', correction: 'confusion' })).toThrow(/nothing to correct/);
  });
});
