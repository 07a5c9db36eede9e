import { type ClickHouse, identifier, joinSql, POSTS_TABLE, sql, type Sql, trustedSql } from '@rift/core';
import { COPY_CLUSTER_SIZE, COPY_CLUSTER_SQL } from './copies.ts';
import type { PostQuery } from './post-query.ts';

/**
 * Raw posts for a filtered slice: the drill-down list, exports and samples all read through
 * here, so a slice means the same thing everywhere.
 *
 * posts_v1 is a ReplacingMergeTree read with FINAL. Only columns that never change for a post
 * (source, id, created_at) are tested inside the FINAL subquery; analysis columns (labels,
 * confidences, topics, language) and `sign = 1` are tested outside it, after the newest
 * version has been picked, so an old analysis can never let a post in or keep it out.
 */

const inList = (values: readonly string[]): Sql => joinSql(values.map((v) => sql`${v}`), ', ');

/** Conditions on immutable columns: safe inside FINAL, and they prune parts early. */
function innerConditions(query: PostQuery): Sql[] {
  const parts: Sql[] = [];
  if (query.from) parts.push(sql`created_at >= ${query.from}`);
  if (query.to) parts.push(sql`created_at < ${query.to}`);
  if (query.filters.source) parts.push(sql`source IN (${inList(query.filters.source)})`);
  return parts;
}

/** Conditions on analysis columns: only after FINAL has chosen the newest version. */
function outerConditions(query: PostQuery): Sql[] {
  const parts: Sql[] = [trustedSql('sign = 1')];
  for (const name of ['actor', 'stance', 'sentiment', 'lang'] as const) {
    const values = query.filters[name];
    if (values) parts.push(sql`${identifier(name)} IN (${inList(values)})`);
  }
  // Stance is measured only among on-topic posts: an off-topic post has none to filter on.
  if (query.filters.stance) parts.push(trustedSql('on_topic = 1'));
  // A post matches a topic filter if it has any of the topics; it is listed once either way.
  if (query.filters.topic) parts.push(sql`hasAny(topics, [${inList(query.filters.topic)}])`);
  if (query.q !== undefined) parts.push(sql`positionCaseInsensitiveUTF8(text, ${query.q}) > 0`);
  if (query.copyCluster !== undefined) parts.push(sql`copy_cluster = ${query.copyCluster}`);
  if (query.minConfidence !== undefined) {
    // The columns are Float32: compare in Float32 so 0.9 stored matches min_confidence=0.9.
    const column = identifier(`${query.confidenceOn}_confidence`);
    parts.push(sql`${column} >= toFloat32(${query.minConfidence})`);
  }
  return parts;
}

/** Columns the outer conditions read, besides those the caller selects. */
const FILTER_COLUMNS = ['source', 'id', 'created_at', 'sign', 'actor', 'stance', 'on_topic', 'sentiment', 'lang', 'topics', 'text'];

export interface SliceOptions {
  /** Output expressions over posts_v1 columns, e.g. `toUnixTimestamp(created_at) AS t`. */
  select: Sql;
  /** posts_v1 columns those expressions read. */
  columns: readonly string[];
  /** Extra conditions on immutable columns (a paging cursor). */
  innerWhere?: Sql;
  /** Extra conditions on analysis columns (a stratum). */
  outerWhere?: Sql;
  /** ORDER BY, LIMIT and the like, after the WHERE. */
  tail?: Sql;
}

/**
 * One SELECT over the slice, with the FINAL rule applied. `copy_cluster` reads as the post's own
 * id where none is stored. With copies=once only the first post of each copy cluster (by
 * created_at, source, id) among the posts that pass every condition is kept; asking for the
 * column `copy_cluster_size` joins each row with the number of posts of its cluster that pass.
 */
export function sliceSql(clickhouse: ClickHouse, query: PostQuery, options: SliceOptions): Sql {
  const once = query.copies === 'once';
  const sizes = options.columns.includes(COPY_CLUSTER_SIZE);
  const confidence = query.minConfidence === undefined ? [] : [`${query.confidenceOn}_confidence`];
  const stored = options.columns.filter((c) => c !== COPY_CLUSTER_SIZE);
  const clustered = once || sizes || query.copyCluster !== undefined;
  const names = [...new Set([...FILTER_COLUMNS, ...confidence, ...stored, ...(clustered ? ['copy_cluster'] : [])])];
  const needed = names.map((name) => (name === 'copy_cluster' ? sql`${COPY_CLUSTER_SQL} AS copy_cluster` : identifier(name)));
  const inner = [...innerConditions(query), ...(options.innerWhere ? [options.innerWhere] : [])];
  const passing = sql`
      SELECT *
      FROM (
        SELECT ${joinSql(needed, ', ')}
        FROM ${clickhouse.table(POSTS_TABLE)} FINAL
        WHERE ${inner.length ? joinSql(inner, ' AND ') : trustedSql('1')}
      )
      WHERE ${joinSql([...outerConditions(query), ...(options.outerWhere ? [options.outerWhere] : [])], ' AND ')}`;
  const counted = once ? sql`${passing} ORDER BY created_at, source, id LIMIT 1 BY copy_cluster` : passing;
  const joined = sizes
    ? sql`(${counted}) ANY LEFT JOIN (SELECT copy_cluster, count() AS ${identifier(COPY_CLUSTER_SIZE)} FROM (${passing}) GROUP BY copy_cluster) USING copy_cluster`
    : sql`(${counted})`;
  return sql`
    SELECT ${options.select}
    FROM ${joined}
    ${options.tail ?? trustedSql('')}`;
}

/** The stable order of every listing and export: time, then source, then id. */
export const SLICE_ORDER = trustedSql('ORDER BY created_at, source, id');
