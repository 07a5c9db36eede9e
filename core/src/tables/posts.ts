import { createHash } from 'node:crypto';
import { StoreError, toDateTimeText, type ClickHouse } from '../clickhouse.ts';
import type { ActorClass, SentimentLabel, StanceLabel } from '../labels.ts';
import { groupBySource, MAX_TEXT_CHARS, type Analysis, type Post, type PostInput } from '../post.ts';
import { timeInsert } from '../metrics.ts';
import { isOnTopic } from '../on-topic.ts';
import { ownCluster, type CopyClusters } from '../copy-clusters.ts';
import { copyTextHash } from '../copy-signature.ts';
import { joinSql, sql, type Sql } from '../sql.ts';
import { forgottenAmong } from './forgotten.ts';
import type { StoredIndex } from './stored-index.ts';
import { POSTS_TABLE } from './names.ts';


/** The raw payload is kept for audit, up to this size. */
const MAX_RAW_CHARS = 100_000;
/** Keeps each lookup query well under ClickHouse's default max_query_size (256 KiB). */
const MAX_LOOKUP_CHARS = 150_000;

/** One row of posts_v1, as sent in JSONEachRow. */
export interface PostRow {
  source: string;
  id: string;
  url: string;
  author_handle: string;
  author_name: string;
  author_description: string;
  author_verified_domain: string;
  created_at: string;
  text: string;
  text_truncated: 0 | 1;
  lang: string;
  likes: number;
  reposts: number;
  replies: number;
  matched_terms: string[];
  /** 1 when the post is about the topic pack's subject (core/src/on-topic.ts); stance counts only then. */
  on_topic: 0 | 1;
  synthetic: 0 | 1;
  missing_fields: string[];
  context_text: string;
  raw: string;
  sentiment: SentimentLabel;
  sentiment_score: number;
  sentiment_confidence: number;
  stance: StanceLabel;
  stance_confidence: number;
  topics: string[];
  actor: ActorClass;
  actor_confidence: number;
  model_version: string;
  fingerprint: string;
  /** The copy cluster (core/src/copy-clusters.ts): the first post seen with the same or nearly the same text, as "source:id". */
  copy_cluster: string;
  /** The normalised text's hash (core/src/copy-signature.ts), '' for a text too short to be a copy. */
  copy_hash: string;
  ingested_at: string;
  version: number;
  sign: 1 | -1;
}

/** What the rollups need of a stored row, to subtract it when it is replaced. */
type StoredContribution = Pick<
  PostRow,
  | 'source'
  | 'id'
  | 'created_at'
  | 'author_handle'
  | 'actor'
  | 'stance'
  | 'on_topic'
  | 'sentiment'
  | 'lang'
  | 'sentiment_score'
  | 'topics'
  | 'model_version'
  | 'fingerprint'
  | 'copy_cluster'
  | 'copy_hash'
  | 'version'
>;

export function toPostRow(post: Post, analysis: Analysis, ingestedAt: Date): PostRow {
  const truncated = post.text.length > MAX_TEXT_CHARS;
  const raw = post.raw === undefined ? '' : JSON.stringify(post.raw);
  const row: Omit<PostRow, 'fingerprint' | 'copy_cluster' | 'copy_hash' | 'version' | 'sign'> = {
    source: post.source,
    id: post.id,
    url: post.url,
    author_handle: post.author.handle,
    author_name: post.author.name,
    author_description: post.author.description,
    author_verified_domain: post.author.verified_domain,
    created_at: toDateTimeText(new Date(post.created_at)),
    text: truncated ? cut(post.text, MAX_TEXT_CHARS) : post.text,
    text_truncated: truncated ? 1 : 0,
    lang: analysis.lang,
    likes: post.engagement.likes,
    reposts: post.engagement.reposts,
    replies: post.engagement.replies,
    matched_terms: post.matched_terms,
    on_topic: isOnTopic(post),
    synthetic: post.synthetic ? 1 : 0,
    missing_fields: post.missing_fields,
    context_text: post.context_text,
    raw: raw.length > MAX_RAW_CHARS ? cut(raw, MAX_RAW_CHARS) : raw,
    sentiment: analysis.sentiment.label,
    sentiment_score: analysis.sentiment.score,
    sentiment_confidence: analysis.sentiment.confidence,
    stance: analysis.stance.label,
    stance_confidence: analysis.stance.confidence,
    topics: analysis.topics,
    actor: analysis.actor.label,
    actor_confidence: analysis.actor.confidence,
    model_version: analysis.model_version,
    ingested_at: toDateTimeText(ingestedAt),
  };
  // The writer replaces the own cluster by the copied post's (writePostRows).
  return { ...row, fingerprint: fingerprintOf(row), copy_cluster: ownCluster(post), copy_hash: copyTextHash(row.text), version: 0, sign: 1 };
}

/** The first `max` UTF-16 units of `s`, one fewer if the cut would split a surrogate pair (ClickHouse refuses half of one). */
function cut(s: string, max: number): string {
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Identifies the content and analysis of a row; ingestion time is left out so retries match.
 * An empty missing_fields or context_text is left out too, so rows stored before the columns existed keep their
 * fingerprints and a re-score does not rewrite every one of them.
 */
function fingerprintOf(row: Omit<PostRow, 'fingerprint' | 'copy_cluster' | 'copy_hash' | 'version' | 'sign'>): string {
  const { ingested_at: _ignored, missing_fields, context_text, ...rest } = row;
  const content = { ...rest, ...(missing_fields.length ? { missing_fields } : {}), ...(context_text ? { context_text } : {}) };
  return createHash('sha1').update(JSON.stringify(content)).digest('hex').slice(0, 20);
}

/**
 * An INSERT that failed after it may have reached posts_v1: on ClickHouse 18.16 the table and its
 * materialized views are not written atomically, so the rollups of these months may lack the rows.
 */
export class UncertainInsertError extends StoreError {
  override name = 'UncertainInsertError';
  constructor(
    cause: StoreError,
    /** The months (YYYYMM) the failed INSERT touched. */
    readonly months: number[],
  ) {
    super(cause.message, cause.retryable, cause.code);
  }
}

function monthsOf(rows: ReadonlyArray<Partial<PostRow>>): number[] {
  const months = new Set(rows.map((row) => Number(row.created_at!.slice(0, 7).replace('-', ''))));
  return [...months].sort();
}

export interface WriteOutcome {
  inserted: number;
  replaced: number;
  unchanged: number;
  /** Dropped: a tombstone (rift forget) names them. */
  forgotten: number;
}

/** What became of each post of a write, by source NUL id. */
export type WriteStatus = 'inserted' | 'replaced' | 'unchanged' | 'forgotten';

/**
 * Writes analysed posts idempotently. A post already stored with the same fingerprint is skipped
 * (a retried batch adds nothing); a post stored with a different analysis is replaced, and a copy
 * of the old row with sign -1 goes in the same INSERT so the rollups subtract what they counted.
 * With an `index`, only the posts it cannot vouch for are looked up in ClickHouse (see StoredIndex).
 * With `copies`, each new post (or post whose text changed) gets its copy cluster; a rewritten post
 * with the same text keeps the cluster it was stored with, so a rewrite never moves it.
 */
export async function writePosts(clickhouse: ClickHouse, rows: readonly PostRow[], now = Date.now(), index?: StoredIndex, copies?: CopyClusters): Promise<WriteOutcome> {
  const statuses = await writePostRows(clickhouse, rows, now, index, copies);
  const outcome: WriteOutcome = { inserted: 0, replaced: 0, unchanged: 0, forgotten: 0 };
  for (const status of statuses.values()) outcome[status]++;
  return outcome;
}

/** writePosts, with the status of every post (source NUL id) for callers that pooled several batches. */
export async function writePostRows(
  clickhouse: ClickHouse,
  rows: readonly PostRow[],
  now = Date.now(),
  index?: StoredIndex,
  copies?: CopyClusters,
): Promise<Map<string, WriteStatus>> {
  const unique = dedupeBatch(rows);
  // Forgotten posts never come back, whichever import or poll brings them.
  const forgotten = await forgottenAmong(clickhouse, unique);
  const latest = forgotten.size ? unique.filter((row) => !forgotten.has(row)) : unique;
  const known = index ? await index.lookup(latest) : undefined;
  // Posts the index cannot vouch for (all of them without one) are looked up in ClickHouse.
  const vouched = (row: PostRow) => {
    const mark = known?.ready ? known.marks.get(keyOf(row)) : undefined;
    return mark === null || mark === row.fingerprint;
  };
  const doubtful = latest.filter((row) => !vouched(row));
  const stored = await lookupStored(clickhouse, doubtful);
  const out: Array<Partial<PostRow>> = [];
  const written: PostRow[] = [];
  const unclustered: PostRow[] = [];
  const confirmed: PostRow[] = [];
  const statuses = new Map<string, WriteStatus>();
  for (const row of forgotten) statuses.set(keyOf(row), 'forgotten');
  for (const row of latest) {
    const key = keyOf(row);
    const previous = stored.get(key);
    if (previous?.fingerprint === row.fingerprint || (known?.ready && known.marks.get(key) === row.fingerprint)) {
      statuses.set(key, 'unchanged');
      if (previous && known?.marks.get(key) !== row.fingerprint) confirmed.push(row);
      continue;
    }
    if (previous) out.push({ ...previous, sign: -1 });
    statuses.set(key, previous ? 'replaced' : 'inserted');
    const keepsCluster = previous !== undefined && previous.copy_hash === row.copy_hash;
    const copy_cluster = keepsCluster ? previous.copy_cluster || ownCluster(row) : row.copy_cluster;
    // Versions only grow, even if this host's clock is behind the one that wrote before.
    const next = { ...row, copy_cluster, version: Math.max(now, (previous?.version ?? 0) + 1), sign: 1 as const };
    out.push(next);
    if (!keepsCluster && row.copy_hash !== '') unclustered.push(next);
    written.push(row);
  }
  if (copies && unclustered.length) {
    const clusters = await copies.assign(unclustered, now);
    unclustered.forEach((row, i) => (row.copy_cluster = clusters[i]!));
  }
  await index?.markPending(written);
  try {
    await timeInsert(POSTS_TABLE, () => clickhouse.insert(POSTS_TABLE, out));
  } catch (err) {
    if (err instanceof StoreError && out.length > 0) throw new UncertainInsertError(err, monthsOf(out));
    throw err;
  }
  await index?.markStored([...written, ...confirmed]);
  return statuses;
}

function keyOf(row: { source: string; id: string }): string {
  return `${row.source}\u0000${row.id}`;
}

/** Within one batch the last copy of a post wins, as it would across batches. */
function dedupeBatch(rows: readonly PostRow[]): PostRow[] {
  return [...new Map(rows.map((row) => [keyOf(row), row])).values()];
}

async function lookupStored(clickhouse: ClickHouse, rows: readonly PostRow[]): Promise<Map<string, StoredContribution>> {
  const found = new Map<string, StoredContribution>();
  for (const where of lookupConditions(rows)) {
    const stored = await clickhouse.query<StoredContribution>(sql`
      SELECT source, id, toString(created_at) AS created_at, author_handle, actor, stance, on_topic, sentiment, lang,
             sentiment_score, topics, model_version, fingerprint, copy_cluster, copy_hash, toUInt64(version) AS version
      FROM ${clickhouse.table(POSTS_TABLE)} FINAL
      WHERE ${where}`);
    for (const row of stored) found.set(keyOf(row), { ...row, version: Number(row.version) });
  }
  return found;
}

/** `source = s AND id IN (...)` conditions, each small enough for one query. */
function lookupConditions(rows: readonly PostRow[]): Sql[] {
  const conditions: Sql[] = [];
  for (const [source, group] of groupBySource(rows)) {
    const ids = group.map((row) => row.id);
    let chunk: string[] = [];
    let size = 0;
    const flush = () => {
      if (chunk.length) conditions.push(sql`source = ${source} AND id IN (${joinSql(chunk.map((id) => sql`${id}`), ', ')})`);
      chunk = [];
      size = 0;
    };
    for (const id of ids) {
      if (size + id.length > MAX_LOOKUP_CHARS) flush();
      chunk.push(id);
      size += id.length + 8;
    }
    flush();
  }
  return conditions;
}

/** Posts currently stored (one per source and id). */
export async function countPosts(clickhouse: ClickHouse): Promise<number> {
  const rows = await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${clickhouse.table(POSTS_TABLE)} FINAL`);
  return Number(rows[0]?.n ?? 0);
}

type StoredPostRow = Pick<
  PostRow,
  'source' | 'id' | 'url' | 'author_handle' | 'author_name' | 'author_description' | 'author_verified_domain' | 'text' | 'likes' | 'reposts' | 'replies' | 'matched_terms' | 'synthetic' | 'missing_fields' | 'context_text' | 'raw'
> & { created_at: string };

/**
 * Stored posts as canonical posts again, for re-scoring. With `exceptModelVersion`, only posts
 * scored by another model version. The analysis columns are filtered outside FINAL, so an
 * older row of a post can never stand in for its newest one.
 */
export async function* storedPosts(clickhouse: ClickHouse, exceptModelVersion?: string): AsyncGenerator<PostInput> {
  const versionFilter = exceptModelVersion === undefined ? sql`1` : sql`model_version != ${exceptModelVersion}`;
  const rows = clickhouse.stream<StoredPostRow>(sql`
    SELECT source, id, url, author_handle, author_name, author_description, author_verified_domain,
           formatDateTime(created_at, '%Y-%m-%dT%H:%M:%SZ', 'UTC') AS created_at, text, likes, reposts, replies,
           matched_terms, synthetic, missing_fields, context_text, raw
    FROM (SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL)
    WHERE sign = 1 AND ${versionFilter}`);
  for await (const row of rows) {
    yield {
      source: row.source,
      id: row.id,
      url: row.url,
      author: { handle: row.author_handle, name: row.author_name, description: row.author_description, verified_domain: row.author_verified_domain },
      created_at: row.created_at,
      text: row.text,
      engagement: { likes: Number(row.likes), reposts: Number(row.reposts), replies: Number(row.replies) },
      matched_terms: row.matched_terms,
      synthetic: Number(row.synthetic) === 1,
      missing_fields: row.missing_fields,
      context_text: row.context_text,
      raw: parseRaw(row.raw),
    };
  }
}

function parseRaw(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // A raw payload cut at MAX_RAW_CHARS is no longer JSON; keep the text as it is.
    return raw;
  }
}
