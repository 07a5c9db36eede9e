import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysis } from './post.ts';
import { validatePost } from './post.ts';
import { sql } from './sql.ts';
import { toPostRow, writePosts } from './tables/posts.ts';
import { checkRollups, isConsistent, rebuildRollupMonth } from './tables/rollups.ts';
import { loadMigrations, Migrator } from '@rift/infra';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { POSTS_TABLE, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE } from './tables/names.ts';

function analysis(stance: Analysis['stance']['label']): Analysis {
  return {
    sentiment: { label: 'negative', score: -0.5, confidence: 0.8 },
    stance: { label: stance, confidence: 0.9 },
    topics: ['free_speech'],
    lang: 'en',
    actor: { label: 'public', confidence: 0.7 },
    model_version: 'test-1',
  };
}

/** A post as the relevance step leaves it: matched_terms holds the pack terms it mentions. */
function row(id: string, matched: string[], stance: Analysis['stance']['label'] = 'neutral') {
  const post = validatePost({ source: 'test', id, created_at: '2025-01-17T10:00:00Z', text: `post ${id}`, matched_terms: matched });
  if (!post.ok) throw new Error(post.reason);
  return toPostRow(post.post, analysis(stance), new Date());
}

describe('off-topic posts on a real ClickHouse', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  const byStance = async (table: string) =>
    Object.fromEntries(
      (
        await db.clickhouse.query<{ stance: string; n: string }>(sql`
          SELECT toString(stance) AS stance, sumMerge(posts) AS n FROM ${db.clickhouse.table(table)}
          GROUP BY stance HAVING n != 0 ORDER BY stance`)
      ).map((r) => [r.stance, Number(r.n)]),
    );

  it('stores on_topic from the relevance terms and counts off-topic posts apart in every trend rollup', async () => {
    await writePosts(db.clickhouse, [row('on1', ['tiktok']), row('on2', ['tiktok'], 'oppose_ban'), row('off1', []), row('off2', [])]);
    const stored = await db.clickhouse.query<{ id: string; on_topic: number }>(
      sql`SELECT id, on_topic FROM ${db.clickhouse.table(POSTS_TABLE)} FINAL ORDER BY id`,
    );
    expect(stored.map((r) => [r.id, Number(r.on_topic)])).toEqual([['off1', 0], ['off2', 0], ['on1', 1], ['on2', 1]]);
    for (const table of [TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TOPIC_TRENDS_DAILY_TABLE]) {
      expect(await byStance(table)).toEqual({ neutral: 1, off_topic: 2, oppose_ban: 1 });
    }
    // A rebuilt month counts them the same way as the views did.
    await rebuildRollupMonth(db.clickhouse, 202501);
    expect(await byStance(TRENDS_HOURLY_TABLE)).toEqual({ neutral: 1, off_topic: 2, oppose_ban: 1 });
  });

  it('a re-scored off-topic post that becomes on topic leaves the off-topic count', async () => {
    await writePosts(db.clickhouse, [row('p', [])]);
    await writePosts(db.clickhouse, [row('p', ['tiktok'], 'support_ban')]);
    expect(await byStance(TRENDS_HOURLY_TABLE)).toEqual({ support_ban: 1 });
  });

  it('migration 011 moves posts stored before it to off_topic, and back when rolled back', async () => {
    await writePosts(db.clickhouse, [row('on', ['tiktok']), row('off', [], 'oppose_ban')]);
    const migrator = new Migrator(db.clickhouse);
    try {
      // Every migration after 011 comes off first, then 011 itself; then all go back on.
      const later = loadMigrations()
        .filter((m) => m.version >= 11)
        .map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
      for (const name of [...later].reverse()) expect(await migrator.down()).toBe(name);
      expect(await byStance(TRENDS_HOURLY_TABLE)).toEqual({ neutral: 1, oppose_ban: 1 });
      expect(await migrator.up()).toEqual(later);
    } finally {
      await migrator.close();
    }
    for (const table of [TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TOPIC_TRENDS_DAILY_TABLE]) {
      expect(await byStance(table)).toEqual({ neutral: 1, off_topic: 1 });
    }
    expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
  });
});
