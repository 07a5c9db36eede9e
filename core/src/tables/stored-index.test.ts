import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatePost, type Analysis, type Post } from '../post.ts';
import { createRedis, type Redis } from '../redis.ts';
import { sql, trustedSql } from '../sql.ts';
import { countPosts, toPostRow, writePosts } from './posts.ts';
import { PostsWriter } from './posts-writer.ts';
import { StoredIndex } from './stored-index.ts';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';
import { POSTS_TABLE, TRENDS_HOURLY_TABLE } from './names.ts';

function post(id: string): Post {
  // On topic (the relevance step found a pack term), so the rollups count it under its stance.
  const result = validatePost({ source: 'test', id, created_at: '2025-01-17T10:15:00Z', text: `post ${id} about tiktok`, matched_terms: ['tiktok'] });
  if (!result.ok) throw new Error(result.reason);
  return result.post;
}

function analysis(stance: Analysis['stance']['label'] = 'oppose_ban'): Analysis {
  return {
    sentiment: { label: 'negative', score: -0.5, confidence: 0.8 },
    stance: { label: stance, confidence: 0.9 },
    topics: ['free_speech'],
    lang: 'en',
    actor: { label: 'public', confidence: 0.7 },
    model_version: `test-${stance}`,
  };
}

const rows = (ids: string[], stance?: Analysis['stance']['label']) => ids.map((id) => toPostRow(post(id), analysis(stance), new Date()));

describe('the stored-posts index in Redis, beside a real ClickHouse', () => {
  let db: TestDatabase;
  let redis: Redis;
  let prefix: string;
  let index: StoredIndex;
  beforeEach(async () => {
    db = await createTestDatabase();
    redis = createRedis(testRedisUrl());
    prefix = testQueuePrefix();
    index = new StoredIndex(redis, prefix, db.clickhouse, POSTS_TABLE);
  });
  afterEach(async () => {
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    redis.disconnect();
    await db.drop();
  });

  const rollup = () =>
    db.clickhouse.query<{ stance: string; n: string }>(sql`
      SELECT stance, sumMerge(posts) AS n FROM ${db.clickhouse.table(TRENDS_HOURLY_TABLE)} GROUP BY stance HAVING n != 0 ORDER BY stance`);

  it('stores new posts once; a retry and a re-score are told apart without double counts', async () => {
    expect(await writePosts(db.clickhouse, rows(['1', '2', '3']), Date.now(), index)).toEqual({ inserted: 3, replaced: 0, unchanged: 0, forgotten: 0 });
    expect(await writePosts(db.clickhouse, rows(['1', '2', '3']), Date.now(), index)).toEqual({ inserted: 0, replaced: 0, unchanged: 3, forgotten: 0 });
    expect(await writePosts(db.clickhouse, rows(['2'], 'support_ban'), Date.now() + 1000, index)).toEqual({ inserted: 0, replaced: 1, unchanged: 0, forgotten: 0 });
    expect(await countPosts(db.clickhouse)).toBe(3);
    expect(await rollup()).toEqual([
      { stance: 'support_ban', n: '1' },
      { stance: 'oppose_ban', n: '2' },
    ]);
  });

  it('a post whose write was not confirmed (a crash after the INSERT) is looked up, not inserted again', async () => {
    const batch = rows(['1', '2']);
    await writePosts(db.clickhouse, batch, Date.now(), index);
    // What a worker killed between the INSERT and the confirmation leaves behind.
    await index.markPending(batch);
    expect(await writePosts(db.clickhouse, rows(['1', '2']), Date.now(), index)).toEqual({ inserted: 0, replaced: 0, unchanged: 2, forgotten: 0 });
    expect(await rollup()).toEqual([{ stance: 'oppose_ban', n: '2' }]);
    // The lookup confirmed them: the marks are plain fingerprints again.
    expect((await index.lookup(batch)).marks.get('test\u00001')).toBe(batch[0]!.fingerprint);
  });

  it('is not trusted for a table written without it until it has been rebuilt from the table', async () => {
    await writePosts(db.clickhouse, rows(['1', '2']));
    const first = await index.lookup(rows(['1']));
    expect(first.ready).toBe(false);
    // Meanwhile every post is looked up in ClickHouse: the old posts are found, not counted twice.
    expect(await writePosts(db.clickhouse, rows(['1', '2', '3']), Date.now(), index)).toEqual({ inserted: 1, replaced: 0, unchanged: 2, forgotten: 0 });
    let marks = await index.lookup(rows(['1', '2', '3']));
    for (let i = 0; i < 100 && !marks.ready; i++) {
      await new Promise((r) => setTimeout(r, 50));
      marks = await index.lookup(rows(['1', '2', '3']));
    }
    expect(marks.ready).toBe(true);
    expect([...marks.marks.values()].every((m) => m !== null && !m.startsWith('?'))).toBe(true);
    expect(await rollup()).toEqual([{ stance: 'oppose_ban', n: '3' }]);
  });

  it('belongs to one posts_v1: a re-created table starts an empty index, so nothing is skipped as stored', async () => {
    await writePosts(db.clickhouse, rows(['1']), Date.now(), index);
    const ddl = await db.clickhouse.query<{ statement: string }>(sql`SHOW CREATE TABLE ${db.clickhouse.table(POSTS_TABLE)}`);
    await db.clickhouse.command(sql`DROP TABLE ${db.clickhouse.table(POSTS_TABLE)}`);
    await new Promise((r) => setTimeout(r, 1100)); // metadata times have whole seconds
    await db.clickhouse.command(trustedSql(ddl[0]!.statement));
    const fresh = new StoredIndex(redis, prefix, db.clickhouse, POSTS_TABLE);
    expect(await writePosts(db.clickhouse, rows(['1']), Date.now(), fresh)).toEqual({ inserted: 1, replaced: 0, unchanged: 0, forgotten: 0 });
  });

  it('pools the rows of several batches into one write and answers each batch for its own posts', async () => {
    const writer = new PostsWriter(db.clickhouse, index, { maxRows: 1000, maxWaitMs: 50 });
    await writer.write(rows(['1']));
    const [a, b] = await Promise.all([writer.write(rows(['1', '2'])), writer.write(rows(['3', '4', '5']))]);
    expect(a).toEqual({ inserted: 1, replaced: 0, unchanged: 1, forgotten: 0 });
    expect(b).toEqual({ inserted: 3, replaced: 0, unchanged: 0, forgotten: 0 });
    expect(await countPosts(db.clickhouse)).toBe(5);
  });

  it('rejects every pooled batch when the write fails, so the queue retries them all', async () => {
    const writer = new PostsWriter(db.clickhouse, index, { maxRows: 1000, maxWaitMs: 20 });
    await db.clickhouse.command(sql`RENAME TABLE ${db.clickhouse.table(POSTS_TABLE)} TO ${db.clickhouse.table('posts_v1_away')}`);
    const results = await Promise.allSettled([writer.write(rows(['1'])), writer.write(rows(['2']))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await db.clickhouse.command(sql`RENAME TABLE ${db.clickhouse.table('posts_v1_away')} TO ${db.clickhouse.table(POSTS_TABLE)}`);
  });
});
