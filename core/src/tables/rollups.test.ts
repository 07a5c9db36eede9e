import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../post.ts';
import { validatePost } from '../post.ts';
import { sql } from '../sql.ts';
import { toPostRow, writePosts } from './posts.ts';
import { checkRollups, isConsistent, rebuildRollupMonth } from './rollups.ts';
import { Queue } from 'bullmq';
import { createLogger } from '../log.ts';
import { QueueName } from '../queues.ts';
import { createRedis } from '../redis.ts';
import { RollupRepair } from '../rollup-repair.ts';
import { loadMigrations, Migrator } from '@rift/infra';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';
import { AUTHOR_DAYS_TABLE, AUTHOR_PERIODS_TABLE, TOPIC_TRENDS_DAILY_COMPACT_TABLE, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_COMPACT_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE } from './names.ts';

const analysis: Analysis = {
  sentiment: { label: 'negative', score: -0.5, confidence: 0.8 },
  stance: { label: 'oppose_ban', confidence: 0.9 },
  topics: ['free_speech', 'platform_migration'],
  lang: 'en',
  actor: { label: 'public', confidence: 0.7 },
  model_version: 'test-1',
};

function row(id: string, createdAt: string) {
  const post = validatePost({ source: 'test', id, created_at: createdAt, text: `post ${id} about tiktok` });
  if (!post.ok) throw new Error(post.reason);
  return toPostRow(post.post, analysis, new Date());
}

/** Names of the migrations from `version` on, in order, as the migrator reports them. */
function migrationNames(version: number): string[] {
  return loadMigrations()
    .filter((m) => m.version >= version)
    .map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
}

describe('rollup check and rebuild on a real ClickHouse', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
    await writePosts(db.clickhouse, [row('a', '2025-01-17T10:00:00Z'), row('b', '2025-01-18T11:00:00Z'), row('c', '2025-02-01T00:30:00Z')]);
  });
  afterEach(() => db.drop());

  it('finds the rollups consistent after normal writes', async () => {
    const checks = await checkRollups(db.clickhouse);
    expect(checks).toEqual([
      { month: 202501, posts: 2, trends: 2, dailyTrends: 2, topicMentions: 4, topicTrends: 4, dailyTopicTrends: 4, dailyCompactTrends: 2, dailyCompactTopicTrends: 4, sourceHourly: 2, authors: 2, authorDays: 2, authorPeriodDays: 2, authorPeriodMonths: 2 },
      { month: 202502, posts: 1, trends: 1, dailyTrends: 1, topicMentions: 2, topicTrends: 2, dailyTopicTrends: 2, dailyCompactTrends: 1, dailyCompactTopicTrends: 2, sourceHourly: 1, authors: 1, authorDays: 1, authorPeriodDays: 1, authorPeriodMonths: 1 },
    ]);
    expect(checks.every(isConsistent)).toBe(true);
  });

  it('counts distinct authors per day in the author-day rollup, once per author, and rebuilds a month that lost them', async () => {
    const byAuthor = (id: string, handle: string, at: string, actor: Analysis['actor']['label'] = 'public') => {
      const post = validatePost({ source: 'test', id, created_at: at, text: `post ${id} about tiktok`, author: { handle }, matched_terms: ['tiktok'] });
      if (!post.ok) throw new Error(post.reason);
      return toPostRow(post.post, { ...analysis, actor: { label: actor, confidence: 0.9 } }, new Date());
    };
    // Three posts of one author on one day, one of another, whose post is then re-scored to another actor class.
    await writePosts(db.clickhouse, [
      byAuthor('x1', 'ann', '2025-01-20T08:00:00Z'), byAuthor('x2', 'ann', '2025-01-20T09:00:00Z'), byAuthor('x3', 'ann', '2025-01-20T23:00:00Z'),
      byAuthor('y1', 'bob', '2025-01-20T10:00:00Z', 'us_government'),
    ]);
    await writePosts(db.clickhouse, [byAuthor('y1', 'bob', '2025-01-20T10:00:00Z', 'media')]);
    const day = async () => db.clickhouse.query<{ actor: string; n: string }>(sql`
      SELECT toString(actor) AS actor, uniqMerge(authors) AS n FROM ${db.clickhouse.table(AUTHOR_DAYS_TABLE)}
      WHERE day = toDateTime('2025-01-20 00:00:00', 'UTC') GROUP BY actor ORDER BY actor`);
    // A distinct count cannot subtract: bob stays counted under us_government until a rebuild.
    expect(await day()).toEqual([{ actor: 'media', n: '1' }, { actor: 'public', n: '1' }, { actor: 'us_government', n: '1' }]);
    // The month over every label is exact: a and b (beforeEach), ann and bob.
    const january = (await checkRollups(db.clickhouse)).find((c) => c.month === 202501)!;
    expect(january).toMatchObject({ authors: 4, authorDays: 4 });
    expect(isConsistent(january)).toBe(true);
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(AUTHOR_DAYS_TABLE)} DROP PARTITION ${202501}`);
    const broken = (await checkRollups(db.clickhouse)).find((c) => c.month === 202501)!;
    expect(broken).toMatchObject({ authors: 4, authorDays: 0 });
    expect(isConsistent(broken)).toBe(false);
    await rebuildRollupMonth(db.clickhouse, 202501);
    expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
    // Rebuilt from each post's newest analysis: bob under media only.
    expect(await day()).toEqual([{ actor: 'media', n: '1' }, { actor: 'public', n: '1' }]);
  });

  it('finds a month whose author-period rollup lost its rows, and rebuilds the same per-author sums as the view wrote, re-score included', async () => {
    const byAuthor = (id: string, handle: string, label: Analysis['stance']['label']) => {
      const post = validatePost({ source: 'test', id, created_at: '2025-01-21T08:00:00Z', text: `post ${id} about tiktok`, author: { handle }, matched_terms: ['tiktok'] });
      if (!post.ok) throw new Error(post.reason);
      return toPostRow(post.post, { ...analysis, stance: { label, confidence: 0.9 } }, new Date());
    };
    await writePosts(db.clickhouse, [byAuthor('z1', 'cy', 'oppose_ban'), byAuthor('z2', 'cy', 'neutral')]);
    // Re-scored: the -1 copy takes the oppose post back from cy, not from a nameless author.
    await writePosts(db.clickhouse, [byAuthor('z1', 'cy', 'support_ban')]);
    const sums = () => db.clickhouse.query<Record<string, string | number>>(sql`
      SELECT grain, toString(period) AS start, author, sumMerge(posts) AS n, sumMerge(en_oppose_ban) AS oppose, sumMerge(en_support_ban) AS support
      FROM ${db.clickhouse.table(AUTHOR_PERIODS_TABLE)} WHERE toYYYYMM(period) = ${202501} GROUP BY grain, start, author ORDER BY grain, start, author`);
    const written = await sums();
    expect(written.filter((r) => r.author === 'test\u0000cy')).toEqual([
      { grain: 1, start: '2025-01-21 00:00:00', author: 'test\u0000cy', n: '2', oppose: '0', support: '1' },
      { grain: 2, start: '2025-01-01 00:00:00', author: 'test\u0000cy', n: '2', oppose: '0', support: '1' },
    ]);
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(AUTHOR_PERIODS_TABLE)} DROP PARTITION ${202501}`);
    const broken = (await checkRollups(db.clickhouse)).find((c) => c.month === 202501)!;
    expect(broken).toMatchObject({ posts: 4, authorPeriodDays: 0, authorPeriodMonths: 0 });
    expect(isConsistent(broken)).toBe(false);
    await rebuildRollupMonth(db.clickhouse, 202501);
    expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
    // The view's rows had the -1 copy's zeros merged in; the rebuild reads the newest posts alone.
    const positive = (rows: Record<string, string | number>[]) => rows.filter((r) => r.n !== '0');
    expect(positive(await sums())).toEqual(positive(written));
  });

  it('finds a month whose rollup lost rows, and rebuilds it to the stored posts', async () => {
    // What a crash between a post's INSERT and its view rows leaves behind.
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TRENDS_HOURLY_TABLE)} DROP PARTITION ${202501}`);
    const broken = await checkRollups(db.clickhouse);
    expect(broken.filter((c) => !isConsistent(c)).map((c) => c.month)).toEqual([202501]);
    await rebuildRollupMonth(db.clickhouse, 202501);
    const fixed = await checkRollups(db.clickhouse);
    expect(fixed.every(isConsistent)).toBe(true);
    const sums = await db.clickhouse.query<{ s: number }>(
      sql`SELECT round(sumMerge(sentiment_sum), 4) AS s FROM ${db.clickhouse.table(TRENDS_HOURLY_TABLE)} WHERE toYYYYMM(hour) = ${202501}`,
    );
    expect(sums[0]!.s).toBe(-1);
  });

  it('finds a month where only a daily rollup differs, and rebuilds it without counting anything twice', async () => {
    // A daily row the posts do not explain (as a backfill that overlapped a write would leave), and a lost one.
    await db.clickhouse.command(sql`
      INSERT INTO ${db.clickhouse.table(TRENDS_DAILY_TABLE)} (day, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
      SELECT toDateTime('2025-01-17 00:00:00', 'UTC'), 'test', 'public', 'oppose_ban', 'negative', 'en',
             sumState(toInt64(1)), sumState(toFloat64(-0.5)), sumState(toFloat64(0.25))`);
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TOPIC_TRENDS_DAILY_TABLE)} DROP PARTITION ${202502}`);
    const broken = await checkRollups(db.clickhouse);
    expect(broken.filter((c) => !isConsistent(c))).toEqual([
      { month: 202501, posts: 2, trends: 2, dailyTrends: 3, topicMentions: 4, topicTrends: 4, dailyTopicTrends: 4, dailyCompactTrends: 2, dailyCompactTopicTrends: 4, sourceHourly: 2, authors: 2, authorDays: 2, authorPeriodDays: 2, authorPeriodMonths: 2 },
      { month: 202502, posts: 1, trends: 1, dailyTrends: 1, topicMentions: 2, topicTrends: 2, dailyTopicTrends: 0, dailyCompactTrends: 1, dailyCompactTopicTrends: 2, sourceHourly: 1, authors: 1, authorDays: 1, authorPeriodDays: 1, authorPeriodMonths: 1 },
    ]);
    await rebuildRollupMonth(db.clickhouse, 202501);
    await rebuildRollupMonth(db.clickhouse, 202502);
    expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
    const days = await db.clickhouse.query<{ day: string; n: string; s: number }>(sql`
      SELECT toString(day) AS day, sumMerge(posts) AS n, round(sumMerge(sentiment_sum), 4) AS s
      FROM ${db.clickhouse.table(TRENDS_DAILY_TABLE)} GROUP BY day ORDER BY day`);
    expect(days.map((d) => [d.day, Number(d.n), d.s])).toEqual([
      ['2025-01-17 00:00:00', 1, -0.5],
      ['2025-01-18 00:00:00', 1, -0.5],
      ['2025-02-01 00:00:00', 1, -0.5],
    ]);
  });

  it('finds a month where only a compact daily rollup differs, and rebuilds it', async () => {
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TRENDS_DAILY_COMPACT_TABLE)} DROP PARTITION ${202501}`);
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TOPIC_TRENDS_DAILY_COMPACT_TABLE)} DROP PARTITION ${202502}`);
    const broken = await checkRollups(db.clickhouse);
    expect(broken.filter((c) => !isConsistent(c)).map((c) => [c.month, c.dailyCompactTrends, c.dailyCompactTopicTrends])).toEqual([
      [202501, 0, 4],
      [202502, 1, 0],
    ]);
    await rebuildRollupMonth(db.clickhouse, 202501);
    await rebuildRollupMonth(db.clickhouse, 202502);
    expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
    const days = await db.clickhouse.query<{ day: string; n: string; s: number }>(sql`
      SELECT toString(day) AS day, sumMerge(posts) AS n, round(sumMerge(sentiment_sum), 4) AS s
      FROM ${db.clickhouse.table(TRENDS_DAILY_COMPACT_TABLE)} GROUP BY day ORDER BY day`);
    expect(days.map((d) => [d.day, Number(d.n), d.s])).toEqual([
      ['2025-01-17 00:00:00', 1, -0.5],
      ['2025-01-18 00:00:00', 1, -0.5],
      ['2025-02-01 00:00:00', 1, -0.5],
    ]);
  });

  it('repairs recorded months automatically, with the queue paused meanwhile and resumed after', async () => {
    const redis = createRedis(testRedisUrl());
    const prefix = testQueuePrefix();
    const queue = new Queue(QueueName.posts, { connection: redis, prefix });
    const repair = new RollupRepair(redis, prefix, db.clickhouse, queue, createLogger('silent', 'test'));
    try {
      await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TOPIC_TRENDS_HOURLY_TABLE)} DROP PARTITION ${202502}`);
      await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TRENDS_DAILY_TABLE)} DROP PARTITION ${202502}`);
      expect(await repair.repair()).toEqual([]); // nothing recorded, nothing touched
      await repair.markSuspect([202501, 202502]);
      expect(await repair.repair()).toEqual([202502]); // 202501 is recorded but consistent
      expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
      expect(await repair.suspectMonths()).toEqual([]);
      expect(await queue.isPaused()).toBe(false);
      // A queue left paused by a repair that died resumes once its lock is gone.
      await queue.pause();
      await repair.resumeIfAbandoned();
      expect(await queue.isPaused()).toBe(false);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      redis.disconnect();
    }
  });
});

describe('migration 009 on a database that already holds posts', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  it('fills the daily rollups from the stored posts, re-scored ones counted once', async () => {
    const migrator = new Migrator(db.clickhouse);
    try {
      await writePosts(db.clickhouse, [row('a', '2025-01-17T10:00:00Z'), row('b', '2025-01-17T23:59:59Z'), row('c', '2025-02-01T00:30:00Z')]);
      // Re-scoring b retracts its old row (sign -1) and adds the new one: the backfill must see one post.
      const rescored = { ...analysis, sentiment: { label: 'positive' as const, score: 0.25, confidence: 0.9 } };
      const b = validatePost({ source: 'test', id: 'b', created_at: '2025-01-17T23:59:59Z', text: 'post b about tiktok' });
      if (!b.ok) throw new Error(b.reason);
      await writePosts(db.clickhouse, [toPostRow(b.post, rescored, new Date())]);
      // Back to before 009 with the posts stored (every later migration comes off first), then all again.
      const later = migrationNames(9);
      for (const name of [...later].reverse()) expect(await migrator.down()).toBe(name);
      expect(await migrator.up()).toEqual(later);
    } finally {
      await migrator.close();
    }
    const checks = await checkRollups(db.clickhouse);
    expect(checks).toEqual([
      { month: 202501, posts: 2, trends: 2, dailyTrends: 2, topicMentions: 4, topicTrends: 4, dailyTopicTrends: 4, dailyCompactTrends: 2, dailyCompactTopicTrends: 4, sourceHourly: 2, authors: 2, authorDays: 2, authorPeriodDays: 2, authorPeriodMonths: 2 },
      { month: 202502, posts: 1, trends: 1, dailyTrends: 1, topicMentions: 2, topicTrends: 2, dailyTopicTrends: 2, dailyCompactTrends: 1, dailyCompactTopicTrends: 2, sourceHourly: 1, authors: 1, authorDays: 1, authorPeriodDays: 1, authorPeriodMonths: 1 },
    ]);
    const days = await db.clickhouse.query<{ day: string; sentiment: string; n: string; s: number }>(sql`
      SELECT toString(day) AS day, toString(sentiment) AS sentiment, sumMerge(posts) AS n, sumMerge(sentiment_sum) AS s
      FROM ${db.clickhouse.table(TRENDS_DAILY_TABLE)} GROUP BY day, sentiment ORDER BY day, sentiment`);
    expect(days.map((d) => [d.day, d.sentiment, Number(d.n), d.s])).toEqual([
      ['2025-01-17 00:00:00', 'negative', 1, -0.5],
      ['2025-01-17 00:00:00', 'positive', 1, 0.25],
      ['2025-02-01 00:00:00', 'negative', 1, -0.5],
    ]);
  });
});
