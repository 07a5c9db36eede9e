import type { ClickHouse } from '@rift/core/clickhouse';
import { sql } from '@rift/core/sql';

/** What is stored, in one glance: counts, time span, model versions and sources. */
export interface Summary {
  posts: number;
  synthetic_posts: number;
  first: string | null;
  last: string | null;
  model_versions: string[];
  sources: string[];
}

/** Counts are UInt64, which ClickHouse writes as JSON strings. */
interface SummaryRow {
  posts: number | string;
  synthetic_posts: number | string;
  first: number;
  last: number;
  model_versions: string[];
  sources: string[];
}

/**
 * Reads the raw posts, not the rollups, because model versions are only stored there.
 * FINAL keeps each post's newest version; `sign = 1` is tested outside the FINAL subquery so
 * that a retraction row can never hide or stand in for the version that replaced it.
 */
export async function querySummary(clickhouse: ClickHouse): Promise<Summary> {
  const rows = await clickhouse.query<SummaryRow>(
    sql`
      SELECT count() AS posts, countIf(synthetic = 1) AS synthetic_posts,
             toUInt32(min(created_at)) AS first, toUInt32(max(created_at)) AS last,
             groupUniqArray(model_version) AS model_versions, groupUniqArray(source) AS sources
      FROM (
        SELECT source, created_at, synthetic, model_version, sign
        FROM ${clickhouse.table('posts_v1')} FINAL
      )
      WHERE sign = 1`,
  );
  const row = rows[0];
  const posts = Number(row?.posts ?? 0);
  if (!row || posts === 0) {
    return { posts: 0, synthetic_posts: 0, first: null, last: null, model_versions: [], sources: [] };
  }
  return {
    posts,
    synthetic_posts: Number(row.synthetic_posts),
    first: new Date(row.first * 1000).toISOString(),
    last: new Date(row.last * 1000).toISOString(),
    model_versions: row.model_versions.filter((v) => v !== '').sort(),
    sources: [...row.sources].sort(),
  };
}
