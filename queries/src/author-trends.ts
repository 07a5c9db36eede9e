import { AUTHOR_KEY, type ClickHouse, joinSql, ROLLUP_STANCE_SQL, sql, type Sql, trustedSql } from '@rift/core';
import { needsTopicRollup, seriesKeySql } from './dimensions.ts';
import { METRICS, type MetricDefinition } from './metrics.ts';
import { sliceSql } from './slice.ts';
import { excludeSourcesSql } from './synthetic-share.ts';
import { BUCKET } from './rollup-choice.ts';
import type { TrendRequest } from './trend-request.ts';

/**
 * Trends per author, and the distinct authors behind every trend point, from the raw posts
 * (posts_v1 FINAL through the slice): the rollups count posts, not who wrote them.
 *
 * The inner query groups the posts of each (bucket, series, author); the outer one counts, per
 * (bucket, series), the on-topic posts (n_posts), the authors with at least one (n_authors), the
 * off-topic posts, and the per-author value: the mean over authors of each author's mean
 * per-post value (the metric's `perPost`). Volume per author is the number of distinct authors.
 */

export interface AuthorPoint {
  t: number;
  key: string;
  n_posts: number | string;
  n_authors: number | string;
  all_authors: number | string;
  n_off_topic: number | string;
  author_value: number | null;
}

export function authorTrendSql(clickhouse: ClickHouse, request: TrendRequest): Sql {
  const { metric, groupBy, granularity, from, to, filters, confidence, copies } = request;
  const perTopic = needsTopicRollup(groupBy, filters);
  const perPost = (METRICS[metric] as MetricDefinition).perPost ?? trustedSql('0');
  const rows = sliceSql(
    clickhouse,
    { from, to, filters, minConfidence: confidence?.min, confidenceOn: confidence?.on ?? 'stance', copies },
    {
      select: joinSql(
        [
          trustedSql('toStartOfHour(created_at) AS hour'),
          ...(perTopic ? [trustedSql('arrayJoin(topics) AS topic')] : []),
          // Off-topic posts under the stance 'off_topic', as the rollups count them.
          sql`actor, ${ROLLUP_STANCE_SQL} AS stance, sentiment, lang, source, sentiment_score, ${AUTHOR_KEY} AS author`,
        ],
        ', ',
      ),
      columns: ['sentiment_score', 'author_handle'],
    },
  );
  const topicOnly = perTopic && filters.topic ? sql`topic IN (${joinSql(filters.topic.map((t) => sql`${t}`), ', ')})` : trustedSql('1');
  return sql`
    SELECT t, key, sum(on_posts) AS n_posts, countIf(on_posts > 0) AS n_authors, count() AS all_authors,
           sum(posts - on_posts) AS n_off_topic, avgIf(value_sum / on_posts, on_posts > 0) AS author_value
    FROM (
      SELECT toUInt32(${BUCKET[granularity]}) AS t, ${seriesKeySql(groupBy)} AS key, author,
             count() AS posts, countIf(stance != 'off_topic') AS on_posts, sumIf(${perPost}, stance != 'off_topic') AS value_sum
      FROM (${rows})
      WHERE ${topicOnly} AND ${excludeSourcesSql(request.excludeSources)}
      GROUP BY t, key, author
    )
    GROUP BY t, key
    ORDER BY key, t`;
}

export async function queryAuthorPoints(clickhouse: ClickHouse, request: TrendRequest): Promise<AuthorPoint[]> {
  return clickhouse.query<AuthorPoint>(authorTrendSql(clickhouse, request));
}
