import type { ClickHouse } from '../clickhouse.ts';
import { sql, trustedSql } from '../sql.ts';
import { POSTS_TABLE } from './posts.ts';

export const TRENDS_TABLE = 'trends_hourly_v1';
export const TOPIC_TRENDS_TABLE = 'topic_trends_hourly_v1';
/** Posts per hour, source, model version and synthetic flag (migration 009): what the summary and gaps read. */
export const SOURCE_HOURLY_TABLE = 'source_hourly_v1';

/** One month's counts as the rollups hold them and as the stored posts say they should be. */
export interface MonthCheck {
  month: number;
  posts: number;
  trends: number;
  topicMentions: number;
  topicTrends: number;
  sourceHourly: number;
}

export function isConsistent(check: MonthCheck): boolean {
  return check.posts === check.trends && check.topicMentions === check.topicTrends && check.posts === check.sourceHourly;
}

/**
 * Compares, month by month, the rollups with the stored posts. The materialized views keep them
 * equal, except when ClickHouse dies between writing a post and writing its view rows.
 */
export async function checkRollups(clickhouse: ClickHouse): Promise<MonthCheck[]> {
  // UNION ALL then GROUP BY rather than a join: ANY FULL JOIN works on 18.16 but not on current releases.
  const rows = await clickhouse.query<{ month: number; posts: string; topic_mentions: string; trends: string; topic_trends: string; source_hourly: string }>(sql`
    SELECT month, sum(p) AS posts, sum(tm) AS topic_mentions, sum(t) AS trends, sum(tt) AS topic_trends, sum(sh) AS source_hourly
    FROM (
      SELECT toYYYYMM(created_at) AS month, toInt64(1) AS p, toInt64(length(topics)) AS tm, toInt64(0) AS t, toInt64(0) AS tt, toInt64(0) AS sh
      FROM (SELECT created_at, topics, sign FROM ${clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1
      UNION ALL
      SELECT toYYYYMM(hour) AS month, toInt64(0) AS p, toInt64(0) AS tm, toInt64(sumMerge(posts)) AS t, toInt64(0) AS tt, toInt64(0) AS sh
      FROM ${clickhouse.table(TRENDS_TABLE)} GROUP BY month
      UNION ALL
      SELECT toYYYYMM(hour) AS month, toInt64(0) AS p, toInt64(0) AS tm, toInt64(0) AS t, toInt64(sumMerge(posts)) AS tt, toInt64(0) AS sh
      FROM ${clickhouse.table(TOPIC_TRENDS_TABLE)} GROUP BY month
      UNION ALL
      SELECT toYYYYMM(hour) AS month, toInt64(0) AS p, toInt64(0) AS tm, toInt64(0) AS t, toInt64(0) AS tt, toInt64(sumMerge(posts)) AS sh
      FROM ${clickhouse.table(SOURCE_HOURLY_TABLE)} GROUP BY month
    )
    GROUP BY month
    HAVING posts != 0 OR trends != 0 OR topic_trends != 0 OR source_hourly != 0
    ORDER BY month`);
  return rows.map((r) => ({
    month: Number(r.month),
    posts: Number(r.posts),
    trends: Number(r.trends),
    topicMentions: Number(r.topic_mentions),
    topicTrends: Number(r.topic_trends),
    sourceHourly: Number(r.source_hourly),
  }));
}

/** The same aggregation as the materialized views (002, 003, 009), over the stored rows of one month. */
const STATES = trustedSql(`sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum`);

/**
 * Recomputes one month of every rollup from the stored posts. Stop the analyze workers first:
 * a post written while the month is rebuilt could be counted twice or not at all.
 */
export async function rebuildRollupMonth(clickhouse: ClickHouse, month: number): Promise<void> {
  const stored = sql`(SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE toYYYYMM(created_at) = ${month})`;
  await clickhouse.command(sql`ALTER TABLE ${clickhouse.table(TRENDS_TABLE)} DROP PARTITION ${month}`);
  await clickhouse.command(sql`
    INSERT INTO ${clickhouse.table(TRENDS_TABLE)} (hour, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
    SELECT toStartOfHour(created_at) AS hour, source, actor, stance, sentiment, lang, ${STATES}
    FROM ${stored} WHERE sign = 1
    GROUP BY hour, source, actor, stance, sentiment, lang`);
  await clickhouse.command(sql`ALTER TABLE ${clickhouse.table(TOPIC_TRENDS_TABLE)} DROP PARTITION ${month}`);
  await clickhouse.command(sql`
    INSERT INTO ${clickhouse.table(TOPIC_TRENDS_TABLE)} (hour, topic, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
    SELECT toStartOfHour(created_at) AS hour, topic, source, actor, stance, sentiment, lang, ${STATES}
    FROM ${stored} ARRAY JOIN topics AS topic WHERE sign = 1
    GROUP BY hour, topic, source, actor, stance, sentiment, lang`);
  await clickhouse.command(sql`ALTER TABLE ${clickhouse.table(SOURCE_HOURLY_TABLE)} DROP PARTITION ${month}`);
  await clickhouse.command(sql`
    INSERT INTO ${clickhouse.table(SOURCE_HOURLY_TABLE)} (hour, source, model_version, synthetic, posts)
    SELECT toStartOfHour(created_at) AS hour, source, model_version, synthetic, sumState(toInt64(sign)) AS posts
    FROM ${stored} WHERE sign = 1
    GROUP BY hour, source, model_version, synthetic`);
}
