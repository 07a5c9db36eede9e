import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CopyClusters } from './copy-clusters.ts';
import { validatePost, type Analysis, type Post } from './post.ts';
import { createRedis, type Redis } from './redis.ts';
import { sql } from './sql.ts';
import { toPostRow, writePosts } from './tables/posts.ts';
import { PostsWriter } from './tables/posts-writer.ts';
import { PRESS_RELEASE, SAME_HASHTAG_POSTS, syndicatedCopy } from '@rift/testing/press-release';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';
import { POSTS_TABLE } from './tables/names.ts';

function post(id: string, text: string, source = 'rss'): Post {
  const result = validatePost({ source, id, created_at: '2025-01-17T10:15:00Z', text, matched_terms: ['tiktok'] });
  if (!result.ok) throw new Error(result.reason);
  return result.post;
}

function analysis(stance: Analysis['stance']['label'] = 'support_ban'): Analysis {
  return {
    sentiment: { label: 'neutral', score: 0, confidence: 0.8 },
    stance: { label: stance, confidence: 0.9 },
    topics: [],
    lang: 'en',
    actor: { label: 'media', confidence: 0.7 },
    model_version: 'test-1',
  };
}

const rows = (posts: Post[], stance?: Analysis['stance']['label']) => posts.map((p) => toPostRow(p, analysis(stance), new Date()));
const copies = Array.from({ length: 100 }, (_, n) => post(`copy-${n}`, syndicatedCopy(n), ['rss', 'bluesky', 'mastodon'][n % 3]));
const others = SAME_HASHTAG_POSTS.map((text, i) => post(`own-${i}`, text, 'bluesky'));

describe('copy clusters, written by the posts writer on a real Redis and ClickHouse', () => {
  let db: TestDatabase;
  let redis: Redis;
  let clusters: CopyClusters;
  beforeAll(() => {
    redis = createRedis(testRedisUrl());
  });
  afterAll(() => redis.disconnect());
  beforeEach(async () => {
    db = await createTestDatabase();
    clusters = new CopyClusters(redis, testQueuePrefix());
  });
  afterEach(() => db.drop());

  const stored = async () => {
    const found = await db.clickhouse.query<{ source: string; id: string; copy_cluster: string }>(sql`
      SELECT source, id, copy_cluster FROM (SELECT * FROM ${db.clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1`);
    return new Map(found.map((r) => [`${r.source}:${r.id}`, r.copy_cluster]));
  };

  it('puts 100 copies of a press release with small edits in one cluster, the first post\'s, and texts sharing its hashtag in their own', async () => {
    // The release first, then its copies over several batches and two writers at once, mixed with unrelated posts.
    await writePosts(db.clickhouse, rows([post('release', PRESS_RELEASE)]), Date.now(), undefined, clusters);
    const writers = [0, 1].map(() => new PostsWriter(db.clickhouse, undefined, { maxRows: 1000, maxWaitMs: 10 }, clusters));
    await Promise.all([
      writers[0]!.write(rows([...copies.slice(0, 50), ...others.slice(0, 3)])),
      writers[1]!.write(rows([...copies.slice(50), ...others.slice(3)])),
    ]);
    const byPost = await stored();
    expect(byPost.size).toBe(107);
    const copyClusters = new Set(copies.map((p) => byPost.get(`${p.source}:${p.id}`)));
    expect([...copyClusters]).toEqual(['rss:release']);
    for (const p of others) expect(byPost.get(`${p.source}:${p.id}`)).toBe(`${p.source}:${p.id}`);
  });

  it('gives a retried batch and a re-scored post the clusters they were stored with, even after the band index is gone', async () => {
    await writePosts(db.clickhouse, rows([post('release', PRESS_RELEASE), ...copies.slice(0, 20)]), Date.now(), undefined, clusters);
    const first = await stored();
    expect(await writePosts(db.clickhouse, rows(copies.slice(0, 20)), Date.now(), undefined, clusters)).toMatchObject({ unchanged: 20 });
    // Another analysis, written through an empty index (another prefix): the stored cluster stays.
    const forgetful = new CopyClusters(redis, testQueuePrefix());
    expect(await writePosts(db.clickhouse, rows(copies.slice(0, 20), 'oppose_ban'), Date.now(), undefined, forgetful)).toMatchObject({ replaced: 20 });
    expect(await stored()).toEqual(first);
    // The same batch through a fresh index, from scratch, gives the same clusters: the first post in batch order wins.
    const again = await createTestDatabase();
    try {
      await writePosts(again.clickhouse, rows([post('release', PRESS_RELEASE), ...copies.slice(0, 20)]), Date.now(), undefined, new CopyClusters(redis, testQueuePrefix()));
      const replay = await again.clickhouse.query<{ n: string }>(sql`
        SELECT uniqExact(copy_cluster) AS n FROM (SELECT * FROM ${again.clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1`);
      expect(replay[0]!.n).toBe('1');
    } finally {
      await again.drop();
    }
  });

  it('finds copies of posts written in the previous generation, not older', async () => {
    const week = 7 * 86_400_000;
    const t0 = Date.UTC(2025, 0, 6);
    const [a] = await clusters.assign([{ source: 'rss', id: 'old', text: PRESS_RELEASE }], t0);
    const [b] = await clusters.assign([{ source: 'rss', id: 'next-week', text: syndicatedCopy(1) }], t0 + week);
    const [c] = await clusters.assign([{ source: 'rss', id: 'much-later', text: syndicatedCopy(2) }], t0 + 3 * week);
    expect([a, b, c]).toEqual(['rss:old', 'rss:old', 'rss:much-later']);
  });
});
