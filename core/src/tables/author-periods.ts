import { type ClickHouse } from '../clickhouse.ts';
import { joinSql, sql, trustedSql, type Sql } from '../sql.ts';
import { AUTHOR_KEY } from './author-days.ts';
import { AUTHOR_PERIODS_TABLE, POSTS_TABLE } from './names.ts';

/**
 * The divide's per-author sums per UTC day and per calendar month (migration 061): the same
 * aggregation as its materialized view, for `rift rollups rebuild`, and the names the divide
 * (queries/src/divide-rollup.ts) reads. Every sum is weighted by sign, so a re-scored or
 * forgotten post's -1 copy takes back exactly what it added.
 */

export const AUTHOR_PERIOD_GRAIN = { day: 1, month: 2 } as const;

/** The language groups and stances of the per-author counts, in the divide's vector order (group-major). */
export const AUTHOR_PERIOD_GROUPS = { en: "lang = 'en'", zh: "lang = 'zh'", other: "lang NOT IN ('en', 'zh')" } as const;
export const AUTHOR_PERIOD_STANCES = ['support_ban', 'oppose_ban', 'neutral'] as const;

/** The column of on-topic posts of one language group and stance, e.g. en_oppose_ban. */
export function authorPeriodCountColumn(group: keyof typeof AUTHOR_PERIOD_GROUPS, stance: (typeof AUTHOR_PERIOD_STANCES)[number]): string {
  return `${group}_${stance}`;
}

const GROUP_NAMES = Object.keys(AUTHOR_PERIOD_GROUPS) as Array<keyof typeof AUTHOR_PERIOD_GROUPS>;
const COUNT_COLUMNS = GROUP_NAMES.flatMap((g) => AUTHOR_PERIOD_STANCES.map((s) => authorPeriodCountColumn(g, s)));

/** The columns of author_periods_v1 in the order AUTHOR_PERIODS_SELECT gives them. */
export const AUTHOR_PERIODS_COLUMNS = trustedSql(
  ['grain', 'period', 'source', 'actor', 'model_version', 'author', 'posts', 'off_topic_posts', ...COUNT_COLUMNS, 'sentiment_sum'].join(', '),
);

/** A post's row at each grain, as the view computes it (over `ARRAY JOIN [1, 2] AS grain`). */
const AUTHOR_PERIODS_SELECT: Sql = joinSql(
  [
    trustedSql('grain'),
    trustedSql('if(grain = 1, toStartOfDay(created_at), toStartOfDay(created_at) - (toDayOfMonth(created_at) - 1) * 86400) AS period'),
    trustedSql('source, actor, model_version'),
    sql`${AUTHOR_KEY} AS author`,
    trustedSql('sumState(toInt64(sign) * on_topic) AS posts'),
    trustedSql('sumState(toInt64(sign) * (1 - on_topic)) AS off_topic_posts'),
    ...GROUP_NAMES.flatMap((g) =>
      AUTHOR_PERIOD_STANCES.map((s) => trustedSql(`sumState(toInt64(sign) * (on_topic = 1 AND ${AUTHOR_PERIOD_GROUPS[g]} AND stance = '${s}')) AS ${authorPeriodCountColumn(g, s)}`)),
    ),
    trustedSql('sumState(toFloat64(sentiment_score) * sign * on_topic) AS sentiment_sum'),
  ],
  ', ',
);

/**
 * Recomputes one month of author_periods_v1 (its days and the month row) from the stored posts.
 * The caller drops the month's partition first; stop the analyze workers, as for every rebuild.
 */
export function rebuildAuthorPeriodsSql(clickhouse: ClickHouse, month: number): Sql {
  return sql`
    INSERT INTO ${clickhouse.table(AUTHOR_PERIODS_TABLE)} (${AUTHOR_PERIODS_COLUMNS})
    SELECT ${AUTHOR_PERIODS_SELECT}
    FROM (SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE toYYYYMM(created_at) = ${month})
    ARRAY JOIN [1, 2] AS grain
    WHERE sign = 1
    GROUP BY grain, period, source, actor, model_version, author`;
}
