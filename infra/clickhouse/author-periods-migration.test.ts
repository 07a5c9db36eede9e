import { afterEach, describe, expect, it } from 'vitest';
import { queryDivideMoments } from '@rift/queries';
import { type Analysis, checkRollups, isConsistent, toPostRow, trustedSql, validatePost, writePosts } from '@rift/core';
import { loadMigrations } from './migration-files.ts';
import { Migrator } from './migrator.ts';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';

const analysis = (stance: Analysis['stance']['label'], model_version: string): Analysis => ({
  sentiment: { label: 'neutral', score: 0.25, confidence: 0.8 },
  stance: { label: stance, confidence: 0.9 },
  topics: [],
  lang: 'en',
  actor: { label: 'public', confidence: 0.7 },
  model_version,
});

function row(id: string, handle: string, createdAt: string, stance: Analysis['stance']['label'], modelVersion: string) {
  const post = validatePost({ source: 'test', id, created_at: createdAt, text: `post ${id} about tiktok`, author: { handle }, matched_terms: ['tiktok'] });
  if (!post.ok) throw new Error(post.reason);
  return toPostRow(post.post, analysis(stance, modelVersion), new Date());
}

describe('author_periods_v1 (migration 061) on a real ClickHouse', () => {
  let db: TestDatabase | undefined;
  afterEach(() => db?.drop());

  it('is filled from the posts stored before it, once, re-scored posts at their newest analysis', async () => {
    db = await createTestDatabase();
    const migrator = new Migrator(db.clickhouse);
    try {
      await writePosts(db.clickhouse, [
        row('a', 'ann', '2025-01-17T10:00:00Z', 'oppose_ban', 'm-1'),
        row('b', 'ann', '2025-02-01T00:30:00Z', 'neutral', 'm-1'),
        row('c', 'bob', '2025-02-03T08:00:00Z', 'support_ban', 'm-1'),
      ]);
      await writePosts(db.clickhouse, [row('a', 'ann', '2025-01-17T10:00:00Z', 'support_ban', 'm-2')], Date.now() + 1000); // re-scored
      const query = { filters: {}, confidenceOn: 'stance' as const, copies: 'all' as const };
      const fromPosts = await queryDivideMoments(db.clickhouse, query, 'posts');
      expect(await migrator.down()).toBe('061_author_periods');
      expect(await migrator.up()).toEqual(['061_author_periods']);
      expect((await checkRollups(db.clickhouse)).every(isConsistent)).toBe(true);
      expect(await queryDivideMoments(db.clickhouse, query, 'rollup')).toEqual(fromPosts);
      // Running the filling INSERT again adds nothing: it skips a rollup that holds rows.
      const fill = loadMigrations().find((m) => m.version === 61)!.up.find((statement) => statement.startsWith('INSERT'))!;
      await db.clickhouse.command(trustedSql(fill));
      // Posts written after the migration reach it through its view.
      await writePosts(db.clickhouse, [row('d', 'cy', '2025-02-04T08:00:00Z', 'oppose_ban', 'm-2')]);
      const after = await queryDivideMoments(db.clickhouse, query, 'rollup');
      expect(after.get('public')).toMatchObject({ k: 3, posts: 4 });
      expect(after).toEqual(await queryDivideMoments(db.clickhouse, query, 'posts'));
    } finally {
      await migrator.close();
    }
  });
});
