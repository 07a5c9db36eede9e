import { AUTHOR_PERIOD_GRAIN, AUTHOR_PERIODS_TABLE, authorPeriodCountColumn, type ClickHouse, identifier, joinSql, sql, type Sql, trustedSql } from '@rift/core';
import { LANGUAGE_GROUPS, VECTOR_STANCES } from './stats/clustered.ts';
import type { PostQuery } from './post-query.ts';

/**
 * The divide's per-author sums from author_periods_v1 (migration 061) instead of the stored posts:
 * the window is read as whole calendar months from the month rows and the days at its edges from
 * the day rows, and the rows are summed by author, which gives each author's sums over the
 * window exactly as grouping the posts would (the sums are sign-weighted, so re-scored and
 * forgotten posts are taken back). It answers only slices the rollup can tell apart: whole UTC
 * days, filters on source and actor alone, every copy counted. Anything else (a keyword, a
 * minimum confidence, a stance, language or topic filter, copies=once, which keeps the first post
 * of each copy cluster in the window) reads the posts.
 */

const DAY_MS = 86_400_000;
const SIDES = trustedSql("actor IN ('public', 'us_government')");

export type DivideReadPath = 'posts' | 'rollup';

export function divideReadPath(query: PostQuery): DivideReadPath {
  const { source, actor, ...others } = query.filters;
  const wholeDay = (d: Date | undefined) => d === undefined || d.getTime() % DAY_MS === 0;
  const answerable =
    query.copies !== 'once' &&
    query.q === undefined &&
    query.minConfidence === undefined &&
    query.copyCluster === undefined &&
    Object.values(others).every((v) => v === undefined) &&
    wholeDay(query.from) &&
    wholeDay(query.to);
  return answerable ? 'rollup' : 'posts';
}

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonthStart = (d: Date) => (d.getTime() === monthStart(d).getTime() ? d : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));

function range(from: Date | undefined, to: Date | undefined): Sql[] {
  return [...(from ? [sql`period >= ${from}`] : []), ...(to ? [sql`period < ${to}`] : [])];
}

/** Which rows of author_periods_v1 make up [from, to): the whole months inside it, and the days outside them. */
export function periodCondition(from: Date | undefined, to: Date | undefined): Sql {
  const firstMonth = from && nextMonthStart(from);
  const endMonth = to && monthStart(to);
  const grain = (g: keyof typeof AUTHOR_PERIOD_GRAIN, parts: Sql[]) => sql`(grain = ${AUTHOR_PERIOD_GRAIN[g]} AND ${parts.length ? joinSql(parts, ' AND ') : trustedSql('1')})`;
  if (firstMonth && endMonth && firstMonth.getTime() >= endMonth.getTime()) return grain('day', range(from, to));
  const parts = [grain('month', range(firstMonth, endMonth))];
  if (from && firstMonth!.getTime() > from.getTime()) parts.push(grain('day', range(from, firstMonth)));
  if (to && endMonth!.getTime() < to.getTime()) parts.push(grain('day', range(endMonth, to)));
  return sql`(${joinSql(parts, ' OR ')})`;
}

const inList = (values: readonly string[]) => joinSql(values.map((v) => sql`${v}`), ', ');

function rollupWhere(query: PostQuery): Sql {
  const parts = [SIDES, periodCondition(query.from, query.to)];
  if (query.filters.source) parts.push(sql`source IN (${inList(query.filters.source)})`);
  if (query.filters.actor) parts.push(sql`actor IN (${inList(query.filters.actor)})`);
  return joinSql(parts, ' AND ');
}

/** Per side and author: m (on-topic posts), off (off-topic posts) and v0..v9 (the vector of stats/clustered.ts). */
export function rollupAuthorsSql(clickhouse: ClickHouse, query: PostQuery): Sql {
  const counts = LANGUAGE_GROUPS.flatMap((g) => VECTOR_STANCES.map((s) => identifier(authorPeriodCountColumn(g, s))));
  const vector = [...counts.map((c) => sql`toFloat64(sumMerge(${c}))`), trustedSql('sumMerge(sentiment_sum)')];
  return sql`
    SELECT toString(actor) AS side, author, toFloat64(sumMerge(posts)) AS m, sumMerge(off_topic_posts) AS off,
           ${joinSql(vector.map((v, i) => sql`${v} AS ${identifier(`v${i}`)}`), ', ')}
    FROM ${clickhouse.table(AUTHOR_PERIODS_TABLE)}
    WHERE ${rollupWhere(query)}
    GROUP BY side, author`;
}

/** The model versions of the sides' on-topic posts, most posts first, as the rollup counts them. */
export function rollupModelVersionsSql(clickhouse: ClickHouse, query: PostQuery): Sql {
  return sql`
    SELECT model_version, sumMerge(posts) AS n
    FROM ${clickhouse.table(AUTHOR_PERIODS_TABLE)}
    WHERE ${rollupWhere(query)}
    GROUP BY model_version
    HAVING n > 0
    ORDER BY n DESC, model_version`;
}
