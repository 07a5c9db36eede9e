import type { ClickHouse } from '../clickhouse.ts';
import { identifier, joinSql, sql, trustedSql, type Sql } from '../sql.ts';
import { POSTS_TABLE } from './posts.ts';

export const TRENDS_TABLE = 'trends_hourly_v1';
export const TOPIC_TRENDS_TABLE = 'topic_trends_hourly_v1';
export const DAILY_TRENDS_TABLE = 'trends_daily_v1';
export const DAILY_TOPIC_TRENDS_TABLE = 'topic_trends_daily_v1';

/** One rollup table as its materialized view fills it (migrations 002, 003 and 009). */
interface RollupTable {
  table: string;
  /** The time column and how a post's created_at becomes it. */
  time: 'hour' | 'day';
  start: Sql;
  /** One row per topic of a post rather than per post. */
  perTopic: boolean;
  /** Its column in checkRollups' query. */
  checked: CountColumn;
}

const COUNT_COLUMNS = ['trends', 'topic_trends', 'daily_trends', 'daily_topic_trends'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

const ROLLUP_TABLES: readonly RollupTable[] = [
  { table: TRENDS_TABLE, time: 'hour', start: trustedSql('toStartOfHour(created_at)'), perTopic: false, checked: 'trends' },
  { table: TOPIC_TRENDS_TABLE, time: 'hour', start: trustedSql('toStartOfHour(created_at)'), perTopic: true, checked: 'topic_trends' },
  { table: DAILY_TRENDS_TABLE, time: 'day', start: trustedSql('toStartOfDay(created_at)'), perTopic: false, checked: 'daily_trends' },
  { table: DAILY_TOPIC_TRENDS_TABLE, time: 'day', start: trustedSql('toStartOfDay(created_at)'), perTopic: true, checked: 'daily_topic_trends' },
];

/** One month's counts as the rollups hold them and as the stored posts say they should be. */
export interface MonthCheck {
  month: number;
  posts: number;
  trends: number;
  dailyTrends: number;
  topicMentions: number;
  topicTrends: number;
  dailyTopicTrends: number;
}

export function isConsistent(check: MonthCheck): boolean {
  return (
    check.posts === check.trends &&
    check.posts === check.dailyTrends &&
    check.topicMentions === check.topicTrends &&
    check.topicMentions === check.dailyTopicTrends
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
  ];
  // UNION ALL then GROUP BY rather than a join: ANY FULL JOIN works on 18.16 but not on current releases.
  const rows = await clickhouse.query<Record<'month' | 'posts' | 'topic_mentions' | CountColumn, string>>(sql`
    SELECT month, sum(n_posts) AS posts, sum(n_topic_mentions) AS topic_mentions, sum(n_trends) AS trends,
           sum(n_topic_trends) AS topic_trends, sum(n_daily_trends) AS daily_trends, sum(n_daily_topic_trends) AS daily_topic_trends
    FROM (${joinSql(parts, ' UNION ALL ')})
    GROUP BY month
    HAVING posts != 0 OR trends != 0 OR topic_trends != 0 OR daily_trends != 0 OR daily_topic_trends != 0
    ORDER BY month`);
  return rows.map((r) => ({
    month: Number(r.month),
    posts: Number(r.posts),
    trends: Number(r.trends),
    dailyTrends: Number(r.daily_trends),
    topicMentions: Number(r.topic_mentions),
    topicTrends: Number(r.topic_trends),
    dailyTopicTrends: Number(r.daily_topic_trends),
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
  for (const rollup of ROLLUP_TABLES) {
    const time = identifier(rollup.time);
    const labels = trustedSql(rollup.perTopic ? 'topic, source, actor, stance, sentiment, lang' : 'source, actor, stance, sentiment, lang');
    const topics = trustedSql(rollup.perTopic ? 'ARRAY JOIN topics AS topic' : '');
    await clickhouse.command(sql`ALTER TABLE ${clickhouse.table(rollup.table)} DROP PARTITION ${month}`);
    await clickhouse.command(sql`
      INSERT INTO ${clickhouse.table(rollup.table)} (${time}, ${labels}, posts, sentiment_sum, sentiment_sq_sum)
      SELECT ${rollup.start} AS ${time}, ${labels}, ${STATES}
      FROM ${stored} ${topics} WHERE sign = 1
      GROUP BY ${time}, ${labels}`);
  }
}
