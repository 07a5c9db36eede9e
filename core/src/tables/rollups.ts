import { localTableName, type ClickHouse } from '../clickhouse.ts';
import { identifier, joinSql, sql, trustedSql, type Sql } from '../sql.ts';
import { ROLLUP_STANCE_SQL } from '../on-topic.ts';
import { AUTHOR_DAYS_LABELS, AUTHOR_DAYS_STATE, AUTHOR_KEY } from './author-days.ts';
import { rebuildAuthorPeriodsSql } from './author-periods.ts';
import { AUTHOR_DAYS_TABLE, AUTHOR_PERIODS_TABLE, POSTS_TABLE, SOURCE_HOURLY_TABLE, TOPIC_TRENDS_DAILY_COMPACT_TABLE, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_COMPACT_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE } from './names.ts';

/** One rollup table as its materialized view fills it (migrations 002, 003, 009, 010, 011 and 060). */
interface RollupTable {
  table: string;
  /** The time column and how a post's created_at becomes it. */
  time: 'hour' | 'day';
  start: Sql;
  /** Its label columns, as its view groups them. */
  labels: Sql;
  /** The same labels as its view computes them from a post. */
  labelValues: Sql;
  /** Its aggregate state columns, and the same aggregation as its view computes them. */
  stateColumns: Sql;
  states: Sql;
  /** One row per topic of a post rather than per post. */
  perTopic: boolean;
  /** Its column in checkRollups' query. */
  checked: CountColumn;
}

const COUNT_COLUMNS = ['trends', 'topic_trends', 'daily_trends', 'daily_topic_trends', 'daily_compact_trends', 'daily_compact_topic_trends', 'source_hourly', 'authors', 'author_days', 'author_period_days', 'author_period_months'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

const HOUR = trustedSql('toStartOfHour(created_at)');
const DAY = trustedSql('toStartOfDay(created_at)');
const TREND_LABELS = trustedSql('source, actor, stance, sentiment, lang');
const TOPIC_LABELS = trustedSql('topic, source, actor, stance, sentiment, lang');
// An off-topic post is counted under the stance 'off_topic' (migration 011).
const TREND_LABEL_VALUES = sql`source, actor, ${ROLLUP_STANCE_SQL} AS stance, sentiment, lang`;
const TOPIC_LABEL_VALUES = sql`topic, ${TREND_LABEL_VALUES}`;
const COMPACT_LABELS = trustedSql('source, actor, stance');
const COMPACT_TOPIC_LABELS = trustedSql('topic, source, actor, stance');
const COMPACT_LABEL_VALUES = sql`source, actor, ${ROLLUP_STANCE_SQL} AS stance`;
const COMPACT_TOPIC_LABEL_VALUES = sql`topic, ${COMPACT_LABEL_VALUES}`;
const TREND_STATE_COLUMNS = trustedSql('posts, sentiment_sum, sentiment_sq_sum');
// The same aggregation as the trend views (002, 003, 009).
const TREND_STATES = trustedSql(`sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum`);
const trendRollup = (table: string, time: 'hour' | 'day', perTopic: boolean, checked: CountColumn): RollupTable => ({
  table,
  time,
  start: time === 'hour' ? HOUR : DAY,
  labels: perTopic ? TOPIC_LABELS : TREND_LABELS,
  labelValues: perTopic ? TOPIC_LABEL_VALUES : TREND_LABEL_VALUES,
  stateColumns: TREND_STATE_COLUMNS,
  states: TREND_STATES,
  perTopic,
  checked,
});
const compactRollup = (table: string, perTopic: boolean, checked: CountColumn): RollupTable => ({
  ...trendRollup(table, 'day', perTopic, checked),
  labels: perTopic ? COMPACT_TOPIC_LABELS : COMPACT_LABELS,
  labelValues: perTopic ? COMPACT_TOPIC_LABEL_VALUES : COMPACT_LABEL_VALUES,
});

const ROLLUP_TABLES: readonly RollupTable[] = [
  trendRollup(TRENDS_HOURLY_TABLE, 'hour', false, 'trends'),
  trendRollup(TOPIC_TRENDS_HOURLY_TABLE, 'hour', true, 'topic_trends'),
  trendRollup(TRENDS_DAILY_TABLE, 'day', false, 'daily_trends'),
  trendRollup(TOPIC_TRENDS_DAILY_TABLE, 'day', true, 'daily_topic_trends'),
  compactRollup(TRENDS_DAILY_COMPACT_TABLE, false, 'daily_compact_trends'),
  compactRollup(TOPIC_TRENDS_DAILY_COMPACT_TABLE, true, 'daily_compact_topic_trends'),
  {
    table: SOURCE_HOURLY_TABLE,
    time: 'hour',
    start: HOUR,
    labels: trustedSql('source, model_version, synthetic'),
    labelValues: trustedSql('source, model_version, synthetic'),
    stateColumns: trustedSql('posts'),
    states: trustedSql('sumState(toInt64(sign)) AS posts'),
    perTopic: false,
    checked: 'source_hourly',
  },
];

/** The tables the materialized views fill from posts_v1: derived, so backups leave them out. */
export const ROLLUP_TABLE_NAMES: readonly string[] = [...ROLLUP_TABLES.map((rollup) => rollup.table), AUTHOR_DAYS_TABLE, AUTHOR_PERIODS_TABLE];

/** One month's counts as the rollups hold them and as the stored posts say they should be. */
export interface MonthCheck {
  month: number;
  posts: number;
  trends: number;
  dailyTrends: number;
  topicMentions: number;
  topicTrends: number;
  dailyTopicTrends: number;
  dailyCompactTrends: number;
  dailyCompactTopicTrends: number;
  sourceHourly: number;
  /** Distinct authors of the month's stored posts, and as author_days_v1 counts them (uniq, both). */
  authors: number;
  authorDays: number;
  /** Posts (on and off topic) as author_periods_v1 counts them in its day rows and in its month row. */
  authorPeriodDays: number;
  authorPeriodMonths: number;
}

export function isConsistent(check: MonthCheck): boolean {
  return (
    check.posts === check.trends &&
    check.posts === check.dailyTrends &&
    check.posts === check.dailyCompactTrends &&
    check.posts === check.sourceHourly &&
    check.authors === check.authorDays &&
    check.posts === check.authorPeriodDays &&
    check.posts === check.authorPeriodMonths &&
    check.topicMentions === check.topicTrends &&
    check.topicMentions === check.dailyTopicTrends &&
    check.topicMentions === check.dailyCompactTopicTrends
  );
}

/**
 * The count columns of one part of checkRollups' union, zero except those `counted` gives. Named
 * n_*: an alias equal to a column name (posts) would shadow the column inside sumMerge(posts).
 */
function countsRow(counted: Partial<Record<CountColumn | 'posts' | 'topic_mentions', Sql>>): Sql {
  const columns = (['posts', 'topic_mentions', ...COUNT_COLUMNS] as const).map(
    (name) => sql`toInt64(${counted[name] ?? trustedSql('0')}) AS ${identifier(`n_${name}`)}`,
  );
  return joinSql(columns, ', ');
}

/**
 * Compares, month by month, every rollup with the stored posts. The materialized views keep them
 * equal, except when ClickHouse dies between writing a post and writing its view rows.
 */
export async function checkRollups(clickhouse: ClickHouse): Promise<MonthCheck[]> {
  const parts = [
    sql`SELECT toYYYYMM(created_at) AS month, ${countsRow({ posts: trustedSql('1'), topic_mentions: trustedSql('length(topics)') })}
        FROM (SELECT created_at, topics, sign FROM ${clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1`,
    ...ROLLUP_TABLES.map(
      (rollup) => sql`SELECT toYYYYMM(${identifier(rollup.time)}) AS month, ${countsRow({ [rollup.checked]: trustedSql('sumMerge(posts)') })}
        FROM ${clickhouse.table(rollup.table)} GROUP BY month`,
    ),
    // Distinct authors cannot be added up across parts: each side counts its month whole.
    sql`SELECT toYYYYMM(created_at) AS month, ${countsRow({ authors: sql`uniq(${AUTHOR_KEY})` })}
        FROM (SELECT created_at, source, id, author_handle, sign FROM ${clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1 GROUP BY month`,
    sql`SELECT toYYYYMM(day) AS month, ${countsRow({ author_days: trustedSql('uniqMerge(authors)') })}
        FROM ${clickhouse.table(AUTHOR_DAYS_TABLE)} GROUP BY month`,
    ...(['day', 'month'] as const).map(
      (grain) => sql`SELECT toYYYYMM(period) AS month,
        ${countsRow({ [grain === 'day' ? 'author_period_days' : 'author_period_months']: trustedSql('sumMerge(posts) + sumMerge(off_topic_posts)') })}
        FROM ${clickhouse.table(AUTHOR_PERIODS_TABLE)} WHERE grain = ${grain === 'day' ? 1 : 2} GROUP BY month`,
    ),
  ];
  // UNION ALL then GROUP BY rather than a join: ANY FULL JOIN works on 18.16 but not on current releases.
  const rows = await clickhouse.query<Record<'month' | 'posts' | 'topic_mentions' | CountColumn, string>>(sql`
    SELECT month, sum(n_posts) AS posts, sum(n_topic_mentions) AS topic_mentions, sum(n_trends) AS trends,
           sum(n_topic_trends) AS topic_trends, sum(n_daily_trends) AS daily_trends, sum(n_daily_topic_trends) AS daily_topic_trends,
           sum(n_daily_compact_trends) AS daily_compact_trends, sum(n_daily_compact_topic_trends) AS daily_compact_topic_trends,
           sum(n_source_hourly) AS source_hourly, sum(n_authors) AS authors, sum(n_author_days) AS author_days,
           sum(n_author_period_days) AS author_period_days, sum(n_author_period_months) AS author_period_months
    FROM (${joinSql(parts, ' UNION ALL ')})
    GROUP BY month
    HAVING posts != 0 OR trends != 0 OR topic_trends != 0 OR daily_trends != 0 OR daily_topic_trends != 0
        OR daily_compact_trends != 0 OR daily_compact_topic_trends != 0 OR source_hourly != 0 OR author_days != 0
        OR author_period_days != 0 OR author_period_months != 0
    ORDER BY month`);
  return rows.map((r) => ({
    month: Number(r.month),
    posts: Number(r.posts),
    trends: Number(r.trends),
    dailyTrends: Number(r.daily_trends),
    topicMentions: Number(r.topic_mentions),
    topicTrends: Number(r.topic_trends),
    dailyTopicTrends: Number(r.daily_topic_trends),
    dailyCompactTrends: Number(r.daily_compact_trends),
    dailyCompactTopicTrends: Number(r.daily_compact_topic_trends),
    sourceHourly: Number(r.source_hourly),
    authors: Number(r.authors),
    authorDays: Number(r.author_days),
    authorPeriodDays: Number(r.author_period_days),
    authorPeriodMonths: Number(r.author_period_months),
  }));
}

/**
 * Recomputes one month of every rollup from the stored posts. Stop the analyze workers first:
 * a post written while the month is rebuilt could be counted twice or not at all.
 */
export async function rebuildRollupMonth(clickhouse: ClickHouse, month: number): Promise<void> {
  const stored = sql`(SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE toYYYYMM(created_at) = ${month})`;
  for (const rollup of ROLLUP_TABLES) {
    const time = identifier(rollup.time);
    const topics = trustedSql(rollup.perTopic ? 'ARRAY JOIN topics AS topic' : '');
    await clickhouse.command(dropMonth(clickhouse, rollup.table, month));
    await clickhouse.command(sql`
      INSERT INTO ${clickhouse.table(rollup.table)} (${time}, ${rollup.labels}, ${rollup.stateColumns})
      SELECT ${rollup.start} AS ${time}, ${rollup.labelValues}, ${rollup.states}
      FROM ${stored} ${topics} WHERE sign = 1
      GROUP BY ${time}, ${rollup.labels}`);
  }
  await rebuildAuthorDaysMonth(clickhouse, month);
  await clickhouse.command(dropMonth(clickhouse, AUTHOR_PERIODS_TABLE, month));
  await clickhouse.command(rebuildAuthorPeriodsSql(clickhouse, month));
}

/**
 * Recomputes one month of author_days_v1 from the stored posts: the only way its distinct counts
 * lose an author (a post forgotten, or moved to another label by a re-score). A post written
 * between the DROP and the INSERT's read is counted by both or by the INSERT alone, which a
 * distinct count takes in its stride; one written just before the DROP may be lost until the
 * next rebuild (`rift rollups verify` finds the month).
 */
export async function rebuildAuthorDaysMonth(clickhouse: ClickHouse, month: number): Promise<void> {
  await clickhouse.command(dropMonth(clickhouse, AUTHOR_DAYS_TABLE, month));
  await clickhouse.command(sql`
    INSERT INTO ${clickhouse.table(AUTHOR_DAYS_TABLE)} (day, ${AUTHOR_DAYS_LABELS}, authors)
    SELECT toStartOfDay(created_at) AS day, ${AUTHOR_DAYS_LABELS}, ${AUTHOR_DAYS_STATE}
    FROM (SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE toYYYYMM(created_at) = ${month}) WHERE sign = 1
    GROUP BY day, ${AUTHOR_DAYS_LABELS}`);
}

/** A Distributed table has no partitions: on a cluster the month goes from the replicated table behind it, on every shard. */
function dropMonth(clickhouse: ClickHouse, table: string, month: number): Sql {
  const cluster = clickhouse.cluster;
  if (!cluster) return sql`ALTER TABLE ${clickhouse.table(table)} DROP PARTITION ${month}`;
  return sql`ALTER TABLE ${clickhouse.table(localTableName(table))} ON CLUSTER ${identifier(cluster)} DROP PARTITION ${month}`;
}
