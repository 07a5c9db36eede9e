import { afterEach, describe, expect, it } from 'vitest';
import { querySummary } from '@rift/queries';
import { type Analysis, checkRollups, isConsistent, rebuildRollupMonth, SOURCE_HOURLY_TABLE, sql, toPostRow, trustedSql, validatePost, writePosts } from '@rift/core';
import { loadMigrations } from './migration-files.ts';
import { Migrator } from './migrator.ts';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';

const analysis = (model_version: string): Analysis => ({
  sentiment: { label: 'neutral', score: 0, confidence: 0.8 },
  stance: { label: 'neutral', confidence: 0.9 },
  topics: [],
  lang: 'en',
  actor: { label: 'public', confidence: 0.7 },
  model_version,
});

function row(id: string, createdAt: string, modelVersion: string) {
  const post = validatePost({ source: 'test', id, created_at: createdAt, text: `post ${id} about tiktok` });
  if (!post.ok) throw new Error(post.reason);
  return toPostRow(post.post, analysis(modelVersion), new Date());
}

describe('source_hourly_v1 (migration 010) on a real ClickHouse', () => {
  let db: TestDatabase | undefined;
  afterEach(() => db?.drop());

  it('is filled from the posts stored before it, once, and counts re-scored posts once', async () => {
    db = await createTestDatabase();
    const migrator = new Migrator(db.clickhouse);
    try {
      await writePosts(db.clickhouse, [row('a', '2025-01-17T10:00:00Z', 'm-1'), row('b', '2025-02-01T00:30:00Z', 'm-1')]);
      await writePosts(db.clickhouse, [row('a', '2025-01-17T10:00:00Z', 'm-2')], Date.now() + 1000); // re-scored
      // Back to before 010 with the posts stored (every later migration comes off first), then all again.
      const later = loadMigrations()
        .filter((m) => m.version >= 10)
        .map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
      for (const name of [...later].reverse()) expect(await migrator.down()).toBe(name);
      expect(await migrator.up()).toEqual(later);
      expect(await querySummary(db.clickhouse)).toMatchObject({ posts: 2, model_versions: ['m-1', 'm-2'], first: '2025-01-17T10:00:00.000Z', last: '2025-02-01T00:30:00.000Z' });

      // Running the filling INSERT again adds nothing: it skips a rollup that holds rows.
      const fill = loadMigrations().find((m) => m.version === 10)!.up.find((statement) => statement.startsWith('INSERT'))!;
      await db.clickhouse.command(trustedSql(fill));
      expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);

      // Posts written after the migration reach it through its view.
      await writePosts(db.clickhouse, [row('c', '2025-02-03T00:00:00Z', 'm-3')]);
      expect(await querySummary(db.clickhouse)).toMatchObject({ posts: 3, model_versions: ['m-1', 'm-2', 'm-3'], last: '2025-02-03T00:00:00.000Z' });
    } finally {
      await migrator.close();
    }
  });

  it('is checked and rebuilt with the other rollups', async () => {
    db = await createTestDatabase();
    await writePosts(db.clickhouse, [row('a', '2025-01-17T10:00:00Z', 'm-1'), row('b', '2025-01-18T11:00:00Z', 'm-1')]);
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(SOURCE_HOURLY_TABLE)} DROP PARTITION ${202501}`);
    const broken = await checkRollups(db.clickhouse);
    expect(broken).toEqual([{ month: 202501, posts: 2, trends: 2, dailyTrends: 2, topicMentions: 0, topicTrends: 0, dailyTopicTrends: 0, dailyCompactTrends: 2, dailyCompactTopicTrends: 0, sourceHourly: 0, authors: 2, authorDays: 2, authorPeriodDays: 2, authorPeriodMonths: 2 }]);
    expect(broken.every(isConsistent)).toBe(false);
    await rebuildRollupMonth(db.clickhouse, 202501);
    expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
    expect(await querySummary(db.clickhouse)).toMatchObject({ posts: 2, sources: ['test'] });
  });
});
