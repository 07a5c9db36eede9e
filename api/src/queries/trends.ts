import type { ClickHouse } from '@rift/core/clickhouse';
import { sql, trustedSql, type Sql } from '@rift/core/sql';
import { filterSql, needsTopicRollup, seriesKeySql, type Filters, type GroupBy } from './dimensions.ts';
import { METRICS, type MetricName } from './metrics.ts';
import type { DataExtent, Granularity } from './time-range.ts';
import { trendFromPostsSql, type ConfidenceFilter } from './trends-from-posts.ts';

/**
 * The trend query: one metric per (time bucket, series) from the hourly rollups.
 *
 * Two steps. The inner query merges the aggregate states to one row per hour and label
 * combination and drops combinations whose signed count is 0 (posts that were re-scored away
 * leave such rows behind, with float residue in their sums). The outer query groups those rows
 * into buckets and series and applies the metric's expression to plain numbers, which keeps
 * the SQL the same on ClickHouse 18.16 and current releases.
 *
 * A request with a minimum confidence cannot be answered from the rollups and reads the raw
 * posts instead (trends-from-posts.ts).
 */

export interface TrendRequest {
  metric: MetricName;
  groupBy: GroupBy;
  granularity: Granularity;
  from: Date;
  to: Date;
  filters: Filters;
  /** Keep only posts at or above this confidence: read from the raw posts, not the rollups. */
  confidence?: ConfidenceFilter;
}

export interface TrendPoint {
  t: string;
  value: number;
  n: number;
}

export interface TrendSeries {
  key: string;
  points: TrendPoint[];
}

/** Bucket start as a DateTime in UTC. toMonday gives a Date, so it is turned back explicitly. */
export const BUCKET: Record<Granularity, Sql> = {
  hour: trustedSql('hour'),
  day: trustedSql('toStartOfDay(hour)'),
  week: trustedSql("toDateTime(toMonday(hour), 'UTC')"),
};

const LABEL_COLUMNS = trustedSql('hour, actor, stance, sentiment, lang, source');

export function trendSql(clickhouse: ClickHouse, request: TrendRequest): Sql {
  const { metric, groupBy, granularity, from, to, filters } = request;
  const topicRollup = needsTopicRollup(groupBy, filters);
  const table = clickhouse.table(topicRollup ? 'topic_trends_hourly_v1' : 'trends_hourly_v1');
  // Keeping topic in the inner key lets group_by=topic see it and drops zero groups per topic.
  const innerKey = topicRollup ? sql`topic, ${LABEL_COLUMNS}` : LABEL_COLUMNS;
  return sql`
    SELECT toUInt32(${BUCKET[granularity]}) AS t, ${seriesKeySql(groupBy)} AS key,
           sum(post_count) AS n, ${METRICS[metric].expression} AS value
    FROM (
      SELECT ${innerKey},
             sumMerge(posts) AS post_count, sumMerge(sentiment_sum) AS sentiment_total
      FROM ${table}
      WHERE hour >= ${from} AND hour < ${to} AND ${filterSql(filters)}
      GROUP BY ${innerKey}
      HAVING post_count != 0
    )
    GROUP BY t, key
    HAVING n > 0
    ORDER BY key, t`;
}

/** ClickHouse writes 64-bit integers (n) as JSON strings; Number() reads either form. */
interface TrendRow {
  t: number;
  key: string;
  n: number | string;
  value: number | null;
}

/** Runs the trend query and shapes its rows into one series per key, points in time order. */
export async function queryTrends(clickhouse: ClickHouse, request: TrendRequest): Promise<TrendSeries[]> {
  const query = request.confidence ? trendFromPostsSql(clickhouse, request, request.confidence) : trendSql(clickhouse, request);
  const rows = await clickhouse.query<TrendRow>(query);
  const series = new Map<string, TrendPoint[]>();
  for (const row of rows) {
    let points = series.get(row.key);
    if (!points) series.set(row.key, (points = []));
    points.push({ t: new Date(row.t * 1000).toISOString(), value: Number(row.value ?? 0), n: Number(row.n) });
  }
  return [...series].map(([key, points]) => ({ key, points }));
}

/** First and last hour with rows in the main rollup, for default windows. */
export async function queryDataExtent(clickhouse: ClickHouse): Promise<DataExtent | null> {
  const rows = await clickhouse.query<{ first: number; last: number; rows: number | string }>(
    sql`SELECT toUInt32(min(hour)) AS first, toUInt32(max(hour)) AS last, count() AS rows
        FROM ${clickhouse.table('trends_hourly_v1')}`,
  );
  const row = rows[0];
  if (!row || Number(row.rows) === 0) return null;
  return { first: row.first * 1000, last: row.last * 1000 };
}
