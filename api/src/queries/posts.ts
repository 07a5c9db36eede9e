import { type ClickHouse, identifier, joinSql, POSTS_TABLE, sql, type Sql, trustedSql } from '@rift/core';
import { badRequest } from '../errors.ts';
import { FILTER_MAX_LENGTH, FILTERS, parseFilters, type FilterName, type Filters } from './dimensions.ts';
import { parseInstant } from './time-range.ts';
import { COPY_CLUSTER_SIZE, COPY_CLUSTER_SQL, parseCopies, type Copies } from './copies.ts';

/**
 * Raw posts for a filtered slice: the drill-down list, exports and samples all read through
 * here, so a slice means the same thing everywhere.
 *
 * posts_v1 is a ReplacingMergeTree read with FINAL. Only columns that never change for a post
 * (source, id, created_at) are tested inside the FINAL subquery; analysis columns (labels,
 * confidences, topics, language) and `sign = 1` are tested outside it, after the newest
 * version has been picked, so an old analysis can never let a post in or keep it out.
 */


/** Which confidence `min_confidence` applies to. */
export const CONFIDENCE_FIELDS = ['stance', 'sentiment', 'actor'] as const;
export type ConfidenceField = (typeof CONFIDENCE_FIELDS)[number];

export const KEYWORD_MAX_LENGTH = 200;

export interface PostQuery {
  /** Inclusive; undefined means from the first post. */
  from?: Date;
  /** Exclusive; undefined means up to the last post. */
  to?: Date;
  filters: Filters;
  /** Case-insensitive substring of the text. */
  q?: string;
  minConfidence?: number;
  confidenceOn: ConfidenceField;
  /** once: one post per copy cluster, its first in the slice (queries/copies.ts); all (the default): every post. */
  copies?: Copies;
  /** Only the posts of this copy cluster ("source:id"): a cluster's members in the drill-down. */
  copyCluster?: string;
}

/** Parameters as they arrive from a query string or the command line. */
export type PostQueryInput = Partial<Record<FilterName | 'from' | 'to' | 'q' | 'confidence_on' | 'copies' | 'copy_cluster', string>> & {
  min_confidence?: number | string;
};

/** The JSON schema of the shared filter parameters, spread into each route's querystring schema. */
export const postFilterProperties = {
  from: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, inclusive (UTC if no zone)' },
  to: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, exclusive (UTC if no zone)' },
  ...Object.fromEntries(
    FILTERS.map((name) => [name, { type: 'string', maxLength: FILTER_MAX_LENGTH, description: `Comma-separated ${name} values to keep` }]),
  ),
  q: { type: 'string', maxLength: KEYWORD_MAX_LENGTH, description: 'Keyword: posts whose text contains it, ignoring case' },
  min_confidence: { type: 'number', minimum: 0, maximum: 1, description: 'Keep posts whose confidence (see confidence_on) is at least this' },
  confidence_on: { type: 'string', enum: CONFIDENCE_FIELDS, default: 'stance', description: 'Which confidence min_confidence tests' },
} as const;

/** Validates and normalises the shared parameters; throws a 400 HttpError on bad input. */
export function parsePostQuery(input: PostQueryInput): PostQuery {
  const from = parseInstant('from', input.from);
  const to = parseInstant('to', input.to);
  if (from && to && from.getTime() >= to.getTime()) throw badRequest('from must be before to');
  const q = input.q === undefined || input.q.trim() === '' ? undefined : input.q;
  if (q !== undefined && (!q.isWellFormed() || q.includes('\0'))) throw badRequest('q must be text without NUL characters');
  let minConfidence: number | undefined;
  if (input.min_confidence !== undefined && input.min_confidence !== '') {
    minConfidence = Number(input.min_confidence);
    if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) {
      throw badRequest(`min_confidence must be a number from 0 to 1, got ${JSON.stringify(input.min_confidence)}`);
    }
  }
  const confidenceOn = (input.confidence_on ?? 'stance') as ConfidenceField;
  if (!CONFIDENCE_FIELDS.includes(confidenceOn)) throw badRequest(`confidence_on must be one of: ${CONFIDENCE_FIELDS.join(', ')}`);
  const copyCluster = input.copy_cluster === undefined || input.copy_cluster === '' ? undefined : input.copy_cluster;
  if (copyCluster !== undefined && (!copyCluster.isWellFormed() || copyCluster.includes('\0'))) throw badRequest('copy_cluster must be text without NUL characters');
  return { from, to, filters: parseFilters(input), q, minConfidence, confidenceOn, copies: parseCopies(input.copies, 'all'), ...(copyCluster !== undefined && { copyCluster }) };
}

/** The query as plain JSON, for responses and methodology files. */
export function describePostQuery(query: PostQuery): Record<string, unknown> {
  return {
    from: query.from?.toISOString() ?? null,
    to: query.to?.toISOString() ?? null,
    ...query.filters,
    q: query.q ?? null,
    min_confidence: query.minConfidence ?? null,
    confidence_on: query.minConfidence === undefined ? null : query.confidenceOn,
    ...(query.copyCluster !== undefined && { copy_cluster: query.copyCluster }),
  };
}

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
  return {
    posts: page.map(toListedPost),
    next_cursor: rows.length > limit && last ? encodeCursor({ t: last.t, source: last.source, id: last.id }) : null,
  };
}

function toListedPost(row: ListedRow): ListedPost {
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
  };
}
