import { type ClickHouse, POSTS_TABLE, SOURCE_HOURLY_TABLE, sql } from '@rift/core';

/** What is stored, in one glance: counts, time span, model versions and sources. */
export interface Summary {
  posts: number;
  synthetic_posts: number;
  first: string | null;
  last: string | null;
  model_versions: string[];
  sources: string[];
}

const HOUR_SECONDS = 3600;

/** Posts per source, model version and synthetic flag, with the first and last hour holding any. Counts arrive as strings. */
interface GroupRow {
  source: string;
  model_version: string;
  synthetic: number;
  posts: number | string;
  first_hour: number;
  last_hour: number;
}

/**
 * Answers from source_hourly_v1 (migration 010): one row per hour, source, model version and
 * synthetic flag, with signed counts, so a re-scored post counts once, under its newest model
 * version, exactly as posts_v1 FINAL with sign = 1 would count it; reading that FINAL over the
 * whole table took seconds on a large store. Only the first and last created_at need the posts,
 * and only those of the first and last hour holding any.
 */
export async function querySummary(clickhouse: ClickHouse): Promise<Summary> {
  const groups = (
    await clickhouse.query<GroupRow>(sql`
      SELECT source, model_version, synthetic, sum(n) AS posts,
             toUInt32(minIf(hour, n > 0)) AS first_hour, toUInt32(maxIf(hour, n > 0)) AS last_hour
      FROM (
        SELECT hour, source, model_version, synthetic, sumMerge(posts) AS n
        FROM ${clickhouse.table(SOURCE_HOURLY_TABLE)}
        GROUP BY hour, source, model_version, synthetic
        HAVING n != 0
      )
      GROUP BY source, model_version, synthetic
      HAVING posts > 0`)
  ).map((row) => ({ ...row, posts: Number(row.posts), first_hour: Number(row.first_hour), last_hour: Number(row.last_hour) }));
  const posts = groups.reduce((total, g) => total + g.posts, 0);
  if (posts === 0) return { posts: 0, synthetic_posts: 0, first: null, last: null, model_versions: [], sources: [] };
  const { first, last } = await queryCreatedAtBounds(
    clickhouse,
    Math.min(...groups.map((g) => g.first_hour)),
    Math.max(...groups.map((g) => g.last_hour)),
  );
  return {
    posts,
    synthetic_posts: groups.filter((g) => Number(g.synthetic) === 1).reduce((total, g) => total + g.posts, 0),
    first: new Date(first * 1000).toISOString(),
    last: new Date(last * 1000).toISOString(),
    model_versions: [...new Set(groups.map((g) => g.model_version))].filter((v) => v !== '').sort(),
    sources: [...new Set(groups.map((g) => g.source))].sort(),
  };
}

/**
 * The oldest and newest created_at of the stored posts, read only in the first and last hour that
 * hold posts (the partition key prunes every other month). Every version of a post has the same
 * created_at, so the time filter may act before FINAL picks the newest: PREWHERE, so that only the
 * rows of those hours are read and merged (a WHERE cost five times as much at 10M posts);
 * `sign = 1` is tested after.
 */
async function queryCreatedAtBounds(clickhouse: ClickHouse, firstHour: number, lastHour: number): Promise<{ first: number; last: number }> {
  const hourOf = (seconds: number) => sql`(created_at >= ${new Date(seconds * 1000)} AND created_at < ${new Date((seconds + HOUR_SECONDS) * 1000)})`;
  const rows = await clickhouse.query<{ first: number; last: number }>(sql`
    SELECT toUInt32(min(created_at)) AS first, toUInt32(max(created_at)) AS last
    FROM (
      SELECT created_at, sign FROM ${clickhouse.table(POSTS_TABLE)} FINAL
      PREWHERE ${hourOf(firstHour)} OR ${hourOf(lastHour)}
    )
    WHERE sign = 1`);
  return { first: Number(rows[0]!.first), last: Number(rows[0]!.last) };
}
