// The drill-down list: one page of a slice in the stable order, with an opaque cursor to the next.
import { badRequest, type ClickHouse, joinSql, POSTS_TABLE, sql, trustedSql } from '@rift/core';
import { COPY_CLUSTER_SQL } from './copies.ts';
import type { PostQuery } from './post-query.ts';
import { SLICE_ORDER, sliceSql } from './slice.ts';

/** One post as the drill-down list shows it. */
export interface ListedPost {
  source: string;
  id: string;
  url: string;
  text: string;
  text_truncated: boolean;
  author: { handle: string; name: string };
  created_at: string;
  lang: string;
  sentiment: { label: string; score: number; confidence: number };
  stance: { label: string; confidence: number };
  actor: { label: string; confidence: number };
  topics: string[];
  matched_terms: string[];
  model_version: string;
  synthetic: boolean;
  /** The post's copy cluster ("source:id" of its first post; its own when it copies none). */
  copy_cluster: string;
  /** Posts stored in that cluster, whatever the slice: as many as `copy_cluster=` lists. */
  copy_cluster_size: number;
}

interface ListedRow {
  source: string;
  id: string;
  url: string;
  text: string;
  text_truncated: number;
  author_handle: string;
  author_name: string;
  t: number;
  lang: string;
  sentiment: string;
  sentiment_score: number;
  sentiment_confidence: number;
  stance: string;
  stance_confidence: number;
  actor: string;
  actor_confidence: number;
  topics: string[];
  matched_terms: string[];
  model_version: string;
  synthetic: number;
  copy_cluster: string;
}

const LIST_COLUMNS = [
  'url', 'text', 'text_truncated', 'author_handle', 'author_name', 'sentiment_score', 'sentiment_confidence',
  'stance_confidence', 'actor_confidence', 'matched_terms', 'model_version', 'synthetic', 'copy_cluster',
];

/** Where the previous page ended: the sort key of its last post. Opaque to clients. */
interface Cursor {
  t: number;
  source: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.t, cursor.source, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [t, source, id] = value as unknown[];
      if (Number.isInteger(t) && (t as number) >= 0 && (t as number) <= 0xffffffff && typeof source === 'string' && typeof id === 'string') {
        return { t: t as number, source, id };
      }
    }
  } catch {
    // fall through to the 400
  }
  throw badRequest('cursor is not one this API gave out; start again without it');
}

export interface PostPage {
  posts: ListedPost[];
  next_cursor: string | null;
}

/** One page in the stable order; `limit + 1` rows are read to know whether another page exists. */
export async function queryPostPage(clickhouse: ClickHouse, query: PostQuery, limit: number, cursor?: Cursor): Promise<PostPage> {
  // Keyset paging on (created_at, source, id), all immutable, so it can go inside FINAL.
  const after = cursor
    ? sql`(created_at > toDateTime(${cursor.t}) OR (created_at = toDateTime(${cursor.t}) AND (source > ${cursor.source} OR (source = ${cursor.source} AND id > ${cursor.id}))))`
    : undefined;
  const rows = await clickhouse.query<ListedRow>(
    sliceSql(clickhouse, query, {
      select: trustedSql(`source, id, url, text, text_truncated, author_handle, author_name, toUInt32(created_at) AS t, lang,
        toString(sentiment) AS sentiment, sentiment_score, sentiment_confidence, toString(stance) AS stance, stance_confidence,
        toString(actor) AS actor, actor_confidence, topics, matched_terms, model_version, synthetic, copy_cluster`),
      columns: LIST_COLUMNS,
      innerWhere: after,
      tail: sql`${SLICE_ORDER} LIMIT ${limit + 1}`,
    }),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const sizes = await clusterSizes(clickhouse, [...new Set(page.map((row) => row.copy_cluster))]);
  return {
    posts: page.map((row) => toListedPost(row, sizes.get(row.copy_cluster) ?? 1)),
    next_cursor: rows.length > limit && last ? encodeCursor({ t: last.t, source: last.source, id: last.id }) : null,
  };
}

/**
 * How many stored posts each copy cluster holds, counted as `copy_cluster=` lists them (newest
 * version of each post, sign = 1). The cluster is not in the sort key, so the posts that ever held
 * one of these clusters are found first by a scan of that one column, and only their keys are read
 * with FINAL (a condition on source and id is safe inside it and prunes by the primary key).
 * GLOBAL IN: on a cluster the subquery runs once and its keys go to every shard (a plain IN over
 * a Distributed table inside a distributed query is refused); on one server it is a plain IN.
 */
async function clusterSizes(clickhouse: ClickHouse, clusters: readonly string[]): Promise<Map<string, number>> {
  if (clusters.length === 0) return new Map();
  const table = clickhouse.table(POSTS_TABLE);
  const wanted = joinSql(clusters.map((c) => sql`${c}`), ', ');
  const rows = await clickhouse.query<{ copy_cluster: string; size: number }>(sql`
    SELECT copy_cluster, toUInt32(count()) AS size
    FROM (
      SELECT ${COPY_CLUSTER_SQL} AS copy_cluster, sign
      FROM ${table} FINAL
      WHERE (source, id) GLOBAL IN (SELECT source, id FROM ${table} WHERE ${COPY_CLUSTER_SQL} IN (${wanted}))
    )
    WHERE sign = 1 AND copy_cluster IN (${wanted})
    GROUP BY copy_cluster`);
  return new Map(rows.map((row) => [row.copy_cluster, Number(row.size)]));
}

function toListedPost(row: ListedRow, clusterSize: number): ListedPost {
  return {
    source: row.source,
    id: row.id,
    url: row.url,
    text: row.text,
    text_truncated: row.text_truncated === 1,
    author: { handle: row.author_handle, name: row.author_name },
    created_at: new Date(row.t * 1000).toISOString(),
    lang: row.lang,
    sentiment: { label: row.sentiment, score: row.sentiment_score, confidence: row.sentiment_confidence },
    stance: { label: row.stance, confidence: row.stance_confidence },
    actor: { label: row.actor, confidence: row.actor_confidence },
    topics: row.topics,
    matched_terms: row.matched_terms,
    model_version: row.model_version,
    synthetic: row.synthetic === 1,
    copy_cluster: row.copy_cluster,
    copy_cluster_size: clusterSize,
  };
}
