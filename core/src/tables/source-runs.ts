import { randomUUID } from 'node:crypto';
import { toDateTimeText, type ClickHouse } from '../clickhouse.ts';
import { joinSql, sql, trustedSql } from '../sql.ts';
import { SOURCE_RUNS_TABLE } from './names.ts';

/** One row per run of a source (migration 008): what the gaps of GET /api/gaps are found from. */

/** Error texts are kept for people to read, not as logs: long ones are cut. */
const MAX_ERROR_CHARS = 2000;

/**
 * What a run was. Only a scheduled poll collects posts as they appear, so only its time says
 * when the source was being collected; the others fetch posts of other times.
 */
export type RunKind = 'poll' | 'backfill' | 'import' | 'demo';

/** A finished run of a source, as its runner knows it. */
export interface SourceRun {
  /** Unique per run; writing the same id again replaces the row (ReplacingMergeTree, read with FINAL). */
  id: string;
  source: string;
  kind: RunKind;
  started_at: Date;
  finished_at: Date;
  /** Posts the run handed on to the queue (before deduplication downstream). */
  posts_collected: number;
  /** Why the run failed; undefined when it succeeded. */
  error?: string;
}

/** One row of source_runs_v1, as sent in JSONEachRow. */
interface SourceRunRow {
  id: string;
  source: string;
  kind: RunKind;
  started_at: string;
  finished_at: string;
  ok: 0 | 1;
  posts_collected: number;
  error: string;
}

export function newRunId(): string {
  return randomUUID();
}

function toSourceRunRow(run: SourceRun): SourceRunRow {
  const error = run.error ?? '';
  return {
    id: run.id,
    source: run.source,
    kind: run.kind,
    started_at: toDateTimeText(run.started_at),
    finished_at: toDateTimeText(run.finished_at),
    ok: run.error === undefined ? 1 : 0,
    posts_collected: run.posts_collected,
    // A cut must not split a surrogate pair (ClickHouse refuses half of one).
    error: error.length > MAX_ERROR_CHARS ? Array.from(error).slice(0, MAX_ERROR_CHARS).join('') : error,
  };
}

/** Stores one run; the same run written twice still counts once (same id, read with FINAL). */
export async function insertSourceRun(clickhouse: ClickHouse, run: SourceRun): Promise<void> {
  await clickhouse.insert(SOURCE_RUNS_TABLE, [toSourceRunRow(run)]);
}

/** A stored run, as the gap query reads it. */
export interface StoredRun {
  id: string;
  source: string;
  kind: string;
  started_at: Date;
  finished_at: Date;
  ok: boolean;
  posts_collected: number;
  error: string;
}

export interface RunQuery {
  /** Runs that started in [from, to). */
  from: Date;
  to: Date;
  /** Only these sources; every source when undefined. */
  sources?: readonly string[];
  /** Only the runs that failed. */
  failedOnly?: boolean;
}

const sourceFilter = (sources: readonly string[] | undefined) =>
  sources ? sql`source IN (${joinSql(sources.map((s) => sql`${s}`), ', ')})` : trustedSql('1');

/** Runs that started in the window, oldest first, each once however often it was written. */
export async function queryRuns(clickhouse: ClickHouse, query: RunQuery): Promise<StoredRun[]> {
  const rows = await clickhouse.query<{
    id: string;
    source: string;
    kind: string;
    started: number;
    finished: number;
    ok: number;
    posts_collected: string | number;
    error: string;
  }>(sql`
    SELECT id, source, kind, toUInt32(started_at) AS started, toUInt32(finished_at) AS finished, ok, posts_collected, error
    FROM ${clickhouse.table(SOURCE_RUNS_TABLE)} FINAL
    WHERE started_at >= ${query.from} AND started_at < ${query.to} AND ${sourceFilter(query.sources)}
      AND ${query.failedOnly ? trustedSql('ok = 0') : trustedSql('1')}
    ORDER BY started_at, id`);
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    kind: row.kind,
    started_at: new Date(Number(row.started) * 1000),
    finished_at: new Date(Number(row.finished) * 1000),
    ok: Number(row.ok) === 1,
    posts_collected: Number(row.posts_collected),
    error: row.error,
  }));
}

/** When each source's first and last scheduled polls started, at any time: when it was being collected. */
export async function queryRunExtents(clickhouse: ClickHouse, sources?: readonly string[]): Promise<Map<string, { first: Date; last: Date }>> {
  const rows = await clickhouse.query<{ source: string; first: number; last: number }>(sql`
    SELECT source, toUInt32(min(started_at)) AS first, toUInt32(max(started_at)) AS last
    FROM ${clickhouse.table(SOURCE_RUNS_TABLE)} FINAL
    WHERE kind = 'poll' AND ${sourceFilter(sources)}
    GROUP BY source`);
  return new Map(rows.map((row) => [row.source, { first: new Date(Number(row.first) * 1000), last: new Date(Number(row.last) * 1000) }]));
}
