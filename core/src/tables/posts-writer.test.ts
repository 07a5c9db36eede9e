import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysis, Post } from '../post.ts';
import { validatePost } from '../post.ts';
import { sql } from '../sql.ts';
import { countPosts, storedPosts, toPostRow, writePosts } from './posts.ts';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { POSTS_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_HOURLY_TABLE } from './names.ts';

function post(id: string, text = `post ${id} about tiktok`): Post {
  // matched_terms as the shared relevance step records them: the post is on topic.
  const result = validatePost({ source: 'test', id, created_at: '2025-01-17T10:15:00Z', text, matched_terms: ['tiktok'] });
  if (!result.ok) throw new Error(result.reason);
  return result.post;
}

function analysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    sentiment: { label: 'negative', score: -0.5, confidence: 0.8 },
    stance: { label: 'oppose_ban', confidence: 0.9 },
    topics: ['free_speech', 'platform_migration'],
    lang: 'en',
    actor: { label: 'public', confidence: 0.7 },
    model_version: 'test-1',
    ...overrides,
  };
}

interface RollupTotals {
  stance: string;
  n: string;
  sentiment_sum: number;
}

describe('writePosts on a real ClickHouse', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  const rollup = () =>
    db.clickhouse.query<RollupTotals>(sql`
      SELECT stance, sumMerge(posts) AS n, round(sumMerge(sentiment_sum), 4) AS sentiment_sum
      FROM ${db.clickhouse.table(TRENDS_HOURLY_TABLE)} GROUP BY stance HAVING n != 0 ORDER BY stance`);
  const topicRollup = () =>
    db.clickhouse.query<{ topic: string; n: string }>(sql`
      SELECT topic, sumMerge(posts) AS n FROM ${db.clickhouse.table(TOPIC_TRENDS_HOURLY_TABLE)}
      GROUP BY topic HAVING n != 0 ORDER BY topic`);

  it('stores new posts once, and a retried batch adds nothing', async () => {
    const rows = ['1', '2', '3'].map((id) => toPostRow(post(id), analysis(), new Date()));
    expect(await writePosts(db.clickhouse, rows)).toEqual({ inserted: 3, replaced: 0, unchanged: 0, forgotten: 0 });
    const retried = ['1', '2', '3'].map((id) => toPostRow(post(id), analysis(), new Date(Date.now() + 5000)));
    expect(await writePosts(db.clickhouse, retried)).toEqual({ inserted: 0, replaced: 0, unchanged: 3, forgotten: 0 });
    expect(await countPosts(db.clickhouse)).toBe(3);
    expect(await rollup()).toEqual([{ stance: 'oppose_ban', n: '3', sentiment_sum: -1.5 }]);
  });

  it('replaces a re-scored post and moves its contribution in both rollups', async () => {
    await writePosts(db.clickhouse, ['1', '2'].map((id) => toPostRow(post(id), analysis(), new Date())));
    const rescored = toPostRow(
      post('2'),
      analysis({ stance: { label: 'support_ban', confidence: 0.6 }, sentiment: { label: 'positive', score: 0.25, confidence: 0.5 }, topics: ['national_security'], model_version: 'test-2' }),
      new Date(),
    );
    expect(await writePosts(db.clickhouse, [rescored])).toEqual({ inserted: 0, replaced: 1, unchanged: 0, forgotten: 0 });
    expect(await countPosts(db.clickhouse)).toBe(2);
    const stored = await db.clickhouse.query<{ id: string; stance: string; model_version: string }>(
      sql`SELECT id, stance, model_version FROM ${db.clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1 ORDER BY id`,
    );
    expect(stored).toEqual([
      { id: '1', stance: 'oppose_ban', model_version: 'test-1' },
      { id: '2', stance: 'support_ban', model_version: 'test-2' },
    ]);
    expect(await rollup()).toEqual([
      { stance: 'support_ban', n: '1', sentiment_sum: 0.25 },
      { stance: 'oppose_ban', n: '1', sentiment_sum: -0.5 },
    ]);
    expect(await topicRollup()).toEqual([
      { topic: 'free_speech', n: '1' },
      { topic: 'national_security', n: '1' },
      { topic: 'platform_migration', n: '1' },
    ]);
    // The same re-score again (a retry) changes nothing.
    expect(await writePosts(db.clickhouse, [rescored])).toEqual({ inserted: 0, replaced: 0, unchanged: 1, forgotten: 0 });
    expect(await rollup()).toHaveLength(2);
  });

  it('keeps the last copy when a batch holds the same post twice', async () => {
    const first = toPostRow(post('1', 'first text tiktok'), analysis(), new Date());
    const second = toPostRow(post('1', 'second text tiktok'), analysis(), new Date());
    expect(await writePosts(db.clickhouse, [first, second])).toEqual({ inserted: 1, replaced: 0, unchanged: 0, forgotten: 0 });
    const rows = await db.clickhouse.query<{ text: string }>(sql`SELECT text FROM ${db.clickhouse.table(POSTS_TABLE)} FINAL`);
    expect(rows).toEqual([{ text: 'second text tiktok' }]);
  });

  it('caps huge texts and flags them instead of dropping them', async () => {
    const huge = 'tiktok '.repeat(200_000);
    await writePosts(db.clickhouse, [toPostRow(post('big', huge), analysis(), new Date())]);
    const rows = await db.clickhouse.query<{ len: string; text_truncated: number }>(
      sql`SELECT length(text) AS len, text_truncated FROM ${db.clickhouse.table(POSTS_TABLE)} FINAL`,
    );
    expect(rows).toEqual([{ len: '20000', text_truncated: 1 }]);
  });

  it('gives stored posts back as valid canonical posts for re-scoring, by model version', async () => {
    const original = validatePost({
      source: 'test',
      id: 'r1',
      created_at: '2025-01-17T10:15:00Z',
      text: "RedNote it is, I'm not giving up my For You page #TikTokRefugee",
      url: 'https://example.invalid/r1',
      author: { handle: 'someone', name: 'Some One', description: 'creator', verified_domain: '' },
      engagement: { likes: 3, reposts: 2, replies: 1 },
      matched_terms: ['rednote'],
      raw: { native: { id: 'r1' } },
    });
    if (!original.ok) throw new Error(original.reason);
    await writePosts(db.clickhouse, [toPostRow(original.post, analysis(), new Date())]);
    const all = [];
    for await (const p of storedPosts(db.clickhouse)) all.push(p);
    expect(all).toHaveLength(1);
    const again = validatePost(all[0]);
    expect(again.ok && again.post).toEqual(original.post);
    const stale = [];
    for await (const p of storedPosts(db.clickhouse, 'test-1')) stale.push(p);
    expect(stale).toHaveLength(0);
    for await (const p of storedPosts(db.clickhouse, 'test-2')) stale.push(p);
    expect(stale).toHaveLength(1);
  });
});
