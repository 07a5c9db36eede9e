import { type ClickHouse, identifier, joinSql, sql, type Sql, TRENDS_HOURLY_TABLE, trustedSql } from '@rift/core';
import { filterSql, needsTopicRollup, seriesKeySql } from './dimensions.ts';
import { countedSql, METRICS, OFF_TOPIC_COUNT, type MetricDefinition, type MetricName } from './metrics.ts';
import { chooseRollup, type Rollup } from './rollup-choice.ts';
import { queryAuthorPoints, type AuthorPoint } from './author-trends.ts';
import type { DataExtent } from './time-range.ts';
import { trendFromPostsSql } from './trends-from-posts.ts';
import { requestWhere, type TrendRequest, type TrendSeries, type TrendPoint } from './trend-request.ts';
import { excludeSourcesSql } from './synthetic-share.ts';
import { authorDaysAnswer, queryAuthorDayCounts } from './author-days.ts';

/**
 * The trend query: one metric per (time bucket, series) from the rollups, daily ones when they
 * answer the request exactly and hourly ones otherwise (rollup-choice.ts).
 *
 * Two steps. The inner query merges the aggregate states to one row per hour (or day) and value
 * of the labels the outer query reads (the series' label and the metric's), and drops rows whose
 * signed count is 0 (posts that were re-scored away leave such rows behind). Merging by those
 * labels only, not by every label, keeps the inner query to a few rows per bucket. The outer
 * query groups those rows into buckets and series and applies the metric's expression to plain
 * numbers, which keeps the SQL the same on ClickHouse 18.16 and current releases. The sentiment
 * sums are exact whatever the grouping (see rollup-choice.ts), so re-scored posts leave no residue.
 *
 * A request with a minimum confidence cannot be answered from the rollups and reads the raw
 * posts instead (trends-from-posts.ts).
 */

/** The rollup rows of the window merged to one row per `key` (time and some labels), zero rows dropped. */
function mergedRows(table: Sql, key: Sql, rollup: Rollup, request: TrendRequest, where: Sql): Sql {
  return sql`(
      SELECT ${key},
             sumMerge(posts) AS post_count, sumMerge(sentiment_sum) AS sentiment_total
      FROM ${table}
      WHERE ${rollup.time} >= ${request.from} AND ${rollup.time} < ${request.to} AND ${where}
      GROUP BY ${key}
      HAVING post_count != 0
    )`;
}

/** The table and inner key (time, the series' label, the metric's labels) that answer the request. */
function seriesSource(clickhouse: ClickHouse, request: TrendRequest, rollup: Rollup, metric: MetricDefinition): { table: Sql; key: Sql } {
  const topicRollup = needsTopicRollup(request.groupBy, request.filters);
  const labels = new Set<string>(metric.labels);
  if (request.groupBy !== 'none') labels.add(request.groupBy);
  return {
    table: clickhouse.table(topicRollup ? rollup.topicTable : rollup.table),
    key: joinSql([rollup.time, ...[...labels].map((label) => identifier(label))], ', '),
  };
}

/** Every label a request reads: its filters, its series' label, its metric's labels, the sources it leaves out. */
export function labelsRead(request: TrendRequest): string[] {
  const metric: MetricDefinition = METRICS[request.metric];
  const series = request.groupBy === 'none' ? [] : [request.groupBy];
  return [...Object.keys(request.filters), ...series, ...(metric.labels ?? []), ...(request.excludeSources ? ['source'] : [])];
}

/** The query for a request; `rollup` is chosen from the request unless given (tests compare them). */
export function trendSql(clickhouse: ClickHouse, request: TrendRequest, rollup: Rollup = chooseRollup({ ...request, reads: labelsRead(request) })): Sql {
  const metric: MetricDefinition = METRICS[request.metric];
  if (metric.denominator === 'source_posts') return sourceShareSql(clickhouse, request, metric, rollup);
  const { table, key } = seriesSource(clickhouse, request, rollup, metric);
  return sql`
    SELECT toUInt32(${rollup.bucket[request.granularity]}) AS t, ${seriesKeySql(request.groupBy)} AS key,
           ${countedSql(metric)} AS n, ${OFF_TOPIC_COUNT} AS n_off_topic, ${metric.expression} AS value
    FROM ${mergedRows(table, key, rollup, request, requestWhere(request))}
    GROUP BY t, key
    HAVING n > 0
    ORDER BY key, t`;
}

/**
 * A share of the source's posts. The series' counts (numerator rows) and the counts of every
 * post of the source(s) (denominator rows: the main rollup under the source filter alone) are
 * stacked with UNION ALL and grouped per bucket and denominator key, which is the source when
 * grouping by source and one key otherwise. The series' counts ride along as arrays and ARRAY
 * JOIN turns them back into rows, each beside its bucket's denominator: no join, whose semantics
 * differ between ClickHouse 18.16 and current releases. A series' posts are among its sources'
 * posts, so a denominator of 0 (left out) could only come from a broken rollup.
 */
function sourceShareSql(clickhouse: ClickHouse, request: TrendRequest, metric: MetricDefinition, rollup: Rollup): Sql {
  const { table, key } = seriesSource(clickhouse, request, rollup, metric);
  const bucket = rollup.bucket[request.granularity];
  const bySource = request.groupBy === 'source';
  const denominatorKey = bySource ? trustedSql('toString(source)') : trustedSql("''");
  const sources = sql`${request.filters.source ? filterSql({ source: request.filters.source }) : trustedSql('1')} AND ${excludeSourcesSql(request.excludeSources)}`;
  return sql`
    SELECT t, key, n, denominator, ${metric.expression} AS value
    FROM (
      SELECT t, groupArrayIf(key, part = 1) AS keys, groupArrayIf(bucket_posts, part = 1) AS counts,
             sumIf(bucket_posts, part = 2) AS denominator
      FROM (
        SELECT toUInt8(1) AS part, toUInt32(${bucket}) AS t, ${seriesKeySql(request.groupBy)} AS key,
               ${denominatorKey} AS denominator_key, sum(post_count) AS bucket_posts
        FROM ${mergedRows(table, key, rollup, request, requestWhere(request))}
        GROUP BY t, key, denominator_key
        UNION ALL
        SELECT toUInt8(2) AS part, toUInt32(${bucket}) AS t, '' AS key,
               ${denominatorKey} AS denominator_key, sum(post_count) AS bucket_posts
        FROM ${mergedRows(clickhouse.table(rollup.table), bySource ? sql`${rollup.time}, source` : rollup.time, rollup, request, sources)}
        GROUP BY t, denominator_key
      )
      GROUP BY t, denominator_key
    )
    ARRAY JOIN keys AS key, counts AS n
    WHERE n > 0 AND denominator > 0
    ORDER BY key, t`;
}

/** ClickHouse writes 64-bit integers (n) as JSON strings; Number() reads either form. */
interface TrendRow {
  t: number;
  key: string;
  n: number | string;
  value: number | null;
  n_off_topic?: number | string;
  denominator?: number | string;
}

/** Counts every author, not only those with on-topic posts: volume and the share of a source's posts. */
const countsAllAuthors = (metric: MetricName) => (METRICS[metric] as MetricDefinition).counted !== undefined || (METRICS[metric] as MetricDefinition).denominator !== undefined;

/** Runs the trend query and shapes its rows into one series per key, points in time order, each with its authors. */
export async function queryTrends(clickhouse: ClickHouse, request: TrendRequest, rollup?: Rollup): Promise<TrendSeries[]> {
  if (request.unit === 'author') return perAuthorSeries(await queryAuthorPoints(clickhouse, request), request.metric);
  // Distinct authors from the author-day rollup where it can answer, else from the stored posts.
  const authorCounts = authorDaysAnswer(request) ? queryAuthorDayCounts(clickhouse, request) : queryAuthorPoints(clickhouse, request);
  const [series, authorRows] = await Promise.all([queryTrendPoints(clickhouse, request, rollup), authorCounts]);
  const authors = new Map(authorRows.map((a) => [`${a.key}\u0000${a.t}`, a]));
  const allAuthors = countsAllAuthors(request.metric);
  for (const s of series) {
    for (const point of s.points) {
      const a = authors.get(`${s.key}\u0000${Date.parse(point.t) / 1000}`);
      point.n_authors = Number((allAuthors ? a?.all_authors : a?.n_authors) ?? 0);
    }
  }
  return series;
}

/** The points per post from the rollups (or the posts, under min_confidence), without their authors. */
export async function queryTrendPoints(clickhouse: ClickHouse, request: TrendRequest, rollup?: Rollup): Promise<TrendSeries[]> {
  const query = request.confidence || request.copies === 'once' ? trendFromPostsSql(clickhouse, request) : trendSql(clickhouse, request, rollup);
  const rows = await clickhouse.query<TrendRow>(query);
  const series = new Map<string, TrendPoint[]>();
  for (const row of rows) {
    let points = series.get(row.key);
    if (!points) series.set(row.key, (points = []));
    const n = Number(row.n);
    const point: TrendPoint = { t: new Date(row.t * 1000).toISOString(), value: Number(row.value ?? 0), n, n_posts: n, n_authors: 0 };
    if (row.n_off_topic !== undefined) point.n_off_topic = Number(row.n_off_topic);
    if (row.denominator !== undefined) point.denominator = Number(row.denominator);
    points.push(point);
  }
  return [...series].map(([key, points]) => ({ key, points }));
}

/** Points per author: the mean of the authors' means, or the number of authors for volume. */
function perAuthorSeries(rows: readonly AuthorPoint[], metric: MetricName): TrendSeries[] {
  const series = new Map<string, TrendPoint[]>();
  const volume = (METRICS[metric] as MetricDefinition).counted !== undefined;
  for (const row of rows) {
    const nPosts = Number(row.n_posts);
    const offTopic = Number(row.n_off_topic);
    const nAuthors = Number(volume ? row.all_authors : row.n_authors);
    if (nAuthors === 0) continue;
    let points = series.get(row.key);
    if (!points) series.set(row.key, (points = []));
    const n = volume ? nPosts + offTopic : nPosts;
    points.push({ t: new Date(row.t * 1000).toISOString(), value: volume ? nAuthors : Number(row.author_value ?? 0), n, n_posts: n, n_authors: nAuthors, n_off_topic: offTopic });
  }
  return [...series].map(([key, points]) => ({ key, points }));
}

/** First and last hour with rows in the main rollup, for default windows. */
export async function queryDataExtent(clickhouse: ClickHouse): Promise<DataExtent | null> {
  const rows = await clickhouse.query<{ first: number; last: number; rows: number | string }>(
    sql`SELECT toUInt32(min(hour)) AS first, toUInt32(max(hour)) AS last, count() AS rows
        FROM ${clickhouse.table(TRENDS_HOURLY_TABLE)}`,
  );
  const row = rows[0];
  if (!row || Number(row.rows) === 0) return null;
  return { first: row.first * 1000, last: row.last * 1000 };
}
