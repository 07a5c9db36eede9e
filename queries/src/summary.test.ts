import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, sql } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import { querySummary, type Summary } from './summary.ts';

/**
 * querySummary answers from the source_hourly_v1 rollup and two hours of posts; here it is compared
 * with the same summary read from posts_v1 FINAL over the whole table, as it was read before.
 */
let t: TestApp;

async function summaryFromEveryPost(): Promise<Summary> {
  const [row] = await t.clickhouse.query<{ posts: string; synthetic_posts: string; first: number; last: number; model_versions: string[]; sources: string[] }>(sql`
    SELECT count() AS posts, countIf(synthetic = 1) AS synthetic_posts,
           toUInt32(min(created_at)) AS first, toUInt32(max(created_at)) AS last,
           groupUniqArray(model_version) AS model_versions, groupUniqArray(source) AS sources
    FROM (SELECT source, created_at, synthetic, model_version, sign FROM ${t.clickhouse.table(POSTS_TABLE)} FINAL)
    WHERE sign = 1`);
  return {
    posts: Number(row!.posts),
    synthetic_posts: Number(row!.synthetic_posts),
    first: new Date(row!.first * 1000).toISOString(),
    last: new Date(row!.last * 1000).toISOString(),
    model_versions: row!.model_versions.filter((v) => v !== '').sort(),
    sources: [...row!.sources].sort(),
  };
}

const post = (id: string, created_at: string, more: Partial<TestPost> = {}): TestPost => ({
  id, created_at, actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0, ...more,
});

/** The retraction of a stored version and its replacement, inserted together as the writer does. */
const rescore = (stored: TestPost, changes: Partial<TestPost>) => [postRow({ ...stored, sign: -1 }), postRow({ ...stored, ...changes, version: (stored.version ?? 1) + 1 })];

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('querySummary from the source rollup', () => {
  it('equals the summary of every stored post as posts are added and re-scored', async () => {
    const early = post('early', '2024-02-01T08:59:59Z', { source: 'rss', model_version: 'lexicon-0', synthetic: false });
    const sameHour = post('same-hour', '2024-02-01T08:00:00Z', { source: 'rss', model_version: 'lexicon-0' });
    const late = post('late', '2025-03-09T23:00:00Z', { source: 'bluesky', synthetic: false });
    const middle = post('middle', '2024-09-15T12:30:00Z', { source: 'bluesky', model_version: 'lexicon-1' });
    await t.clickhouse.insert(POSTS_TABLE, [early, sameHour, late, middle].map(postRow));
    const before = await querySummary(t.clickhouse);
    expect(before).toEqual(await summaryFromEveryPost());
    expect(before).toMatchObject({ posts: 4, synthetic_posts: 2, first: '2024-02-01T08:00:00.000Z', last: '2025-03-09T23:00:00.000Z' });

    // Every lexicon-0 post re-scored by lexicon-2: lexicon-0 is gone from the versions, the counts stay.
    await t.clickhouse.insert(POSTS_TABLE, [...rescore(early, { model_version: 'lexicon-2' }), ...rescore(sameHour, { model_version: 'lexicon-2' })]);
    const after = await querySummary(t.clickhouse);
    expect(after).toEqual(await summaryFromEveryPost());
    expect(after.model_versions).toEqual(['lexicon-1', 'lexicon-2']);
    expect(after.posts).toBe(4);

    // A post scored by no model (empty version) counts, but lists no version.
    await t.clickhouse.insert(POSTS_TABLE, [postRow(post('unscored', '2025-03-10T00:00:00Z', { source: 'reddit', model_version: '' }))]);
    const unscored = await querySummary(t.clickhouse);
    expect(unscored).toEqual(await summaryFromEveryPost());
    expect(unscored).toMatchObject({ posts: 5, last: '2025-03-10T00:00:00.000Z', sources: ['bluesky', 'reddit', 'rss'] });
  });
});
