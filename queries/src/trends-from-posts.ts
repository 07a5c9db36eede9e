import { type ClickHouse, joinSql, ROLLUP_STANCE_SQL, sql, type Sql, trustedSql } from '@rift/core';
import { needsTopicRollup, seriesKeySql } from './dimensions.ts';
import { countedSql, METRICS, OFF_TOPIC_COUNT } from './metrics.ts';
import { sliceSql } from './slice.ts';
import { BUCKET } from './rollup-choice.ts';
import type { TrendRequest } from './trend-request.ts';
import { excludeSourcesSql } from './synthetic-share.ts';

/**
 * The trend query for requests the rollups cannot answer: a minimum confidence, or copies counted
 * once. The rollups keep counts per label combination, not each post's confidence or copy
 * cluster, so these trends read the raw posts through the slice (posts_v1 FINAL, analysis columns
 * and sign tested outside FINAL; with copies=once, one post per copy cluster of the window, in the
 * bucket of its first post).
 *
 * Each post becomes one row shaped like a merged rollup row (hour, labels, post_count = 1,
 * sentiment_total = its score), so the metrics' own expressions and series keys apply unchanged
 * and a trend means the same thing on either path. With a topic filter or group_by=topic, a post
 * counts once per topic (of the selected ones), as in the topic rollup.
 */

export function trendFromPostsSql(clickhouse: ClickHouse, request: TrendRequest): Sql {
  const { metric, groupBy, granularity, from, to, filters, confidence, copies } = request;
  const perTopic = needsTopicRollup(groupBy, filters);
  const rows = sliceSql(
    clickhouse,
    { from, to, filters, minConfidence: confidence?.min, confidenceOn: confidence?.on ?? 'stance', copies },
    {
      select: joinSql(
        [
          trustedSql('toStartOfHour(created_at) AS hour'),
          ...(perTopic ? [trustedSql('arrayJoin(topics) AS topic')] : []),
          // Off-topic posts under the stance 'off_topic', as the rollups count them.
          sql`actor, ${ROLLUP_STANCE_SQL} AS stance, sentiment, lang, source`,
          trustedSql('toInt64(1) AS post_count, toFloat64(sentiment_score) AS sentiment_total'),
        ],
        ', ',
      ),
      columns: ['sentiment_score', 'on_topic'],
    },
  );
  // The slice keeps posts having any selected topic; each of its rows is one topic of the post.
  const topicOnly = perTopic && filters.topic ? sql`topic IN (${joinSql(filters.topic.map((t) => sql`${t}`), ', ')})` : trustedSql('1');
  return sql`
    SELECT toUInt32(${BUCKET[granularity]}) AS t, ${seriesKeySql(groupBy)} AS key,
           ${countedSql(METRICS[metric])} AS n, ${OFF_TOPIC_COUNT} AS n_off_topic, ${METRICS[metric].expression} AS value
    FROM (${rows})
    WHERE ${topicOnly} AND ${excludeSourcesSql(request.excludeSources)}
    GROUP BY t, key
    HAVING n > 0
    ORDER BY key, t`;
}
