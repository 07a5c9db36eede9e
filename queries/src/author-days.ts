import { AUTHOR_DAYS_TABLE, type ClickHouse, sql, trustedSql } from '@rift/core';
import { seriesKeySql } from './dimensions.ts';
import { chooseRollup, DAILY } from './rollup-choice.ts';
import { requestWhere, type TrendRequest } from './trend-request.ts';

/**
 * The distinct authors behind each trend point from author_days_v1 (migration 051) instead of the
 * stored posts, when that table holds what the point needs: day or week buckets over whole days,
 * series and filters on source or actor only, every post counted (no minimum confidence, no
 * copies=once) and per-post values (per-author values need each author's sums).
 *
 * n_authors counts the authors with an on-topic post (shares and means) and all_authors every
 * author of the bucket (volume), as the query over the posts does (author-trends.ts); both are
 * uniqMerge of the days' states, so a week's author is counted once, not once a day.
 */
const ROLLUP_LABELS = new Set(['none', 'source', 'actor']);

export function authorDaysAnswer(request: TrendRequest): boolean {
  const filtersOk = Object.entries(request.filters).every(([name, values]) => !values || ROLLUP_LABELS.has(name));
  return (
    request.unit !== 'author' &&
    !request.confidence &&
    request.copies !== 'once' &&
    ROLLUP_LABELS.has(request.groupBy) &&
    filtersOk &&
    chooseRollup(request).name === 'daily'
  );
}

export interface AuthorDayCount {
  t: number;
  key: string;
  n_authors: number | string;
  all_authors: number | string;
}

export async function queryAuthorDayCounts(clickhouse: ClickHouse, request: TrendRequest): Promise<AuthorDayCount[]> {
  return clickhouse.query<AuthorDayCount>(sql`
    SELECT toUInt32(${DAILY.bucket[request.granularity]}) AS t, ${seriesKeySql(request.groupBy)} AS key,
           uniqMergeIf(authors, on_topic = 1) AS n_authors, uniqMerge(authors) AS all_authors
    FROM ${clickhouse.table(AUTHOR_DAYS_TABLE)}
    WHERE day >= ${request.from} AND day < ${request.to} AND ${requestWhere(request)}
    GROUP BY t, key
    ${trustedSql('ORDER BY key, t')}`);
}
