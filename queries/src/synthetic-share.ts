import { type ClickHouse, joinSql, SOURCE_HOURLY_TABLE, sql, type Sql, trustedSql } from '@rift/core';
import { filterSql, needsTopicRollup, type Filters } from './dimensions.ts';
import { chooseRollup } from './rollup-choice.ts';

/**
 * How many of the posts behind a chart are synthetic, for the chart's own window and filters,
 * so that its label describes its data rather than the whole store.
 *
 * The trend rollups carry no synthetic flag, but they do carry the source, and the summary
 * rollup (source_hourly_v1) counts synthetic posts per source and hour. A slice's synthetic
 * count is, per source, its posts times that source's synthetic share in the window: exact when
 * every source is wholly synthetic or wholly real in the window (the demo generator is the only
 * writer of synthetic posts, under its own source), and flagged `exact: false` otherwise.
 */
export interface SliceComposition {
  /** Posts in the slice (with a topic filter: post-topic pairs, as the topic rollup counts them). */
  posts: number;
  synthetic_posts: number;
  /** Sources with posts in the slice, sorted. */
  sources: string[];
  exact: boolean;
}

export interface SliceRequest {
  from: Date;
  to: Date;
  filters: Filters;
}

type Count = number | string;

/** Per source of the window: all its posts and its synthetic ones, from the summary rollup. */
async function sourceMix(clickhouse: ClickHouse, from: Date, to: Date): Promise<Map<string, { posts: number; synthetic: number }>> {
  const rows = await clickhouse.query<{ source: string; posts: Count; synthetic: Count }>(sql`
    SELECT source, sum(n) AS posts, sumIf(n, synthetic = 1) AS synthetic
    FROM (
      SELECT source, synthetic, sumMerge(posts) AS n FROM ${clickhouse.table(SOURCE_HOURLY_TABLE)}
      WHERE hour >= ${from} AND hour < ${to}
      GROUP BY source, synthetic
    )
    GROUP BY source
    HAVING posts > 0`);
  return new Map(rows.map((r) => [r.source, { posts: Number(r.posts), synthetic: Number(r.synthetic) }]));
}

/** The sources whose posts in the window are all synthetic: what "hide synthetic posts" leaves out. */
export async function syntheticSources(clickhouse: ClickHouse, from: Date, to: Date): Promise<{ sources: string[]; mixed: string[] }> {
  const mix = await sourceMix(clickhouse, from, to);
  const all = [...mix].filter(([, m]) => m.synthetic > 0);
  return {
    sources: all.filter(([, m]) => m.synthetic === m.posts).map(([s]) => s).sort(),
    mixed: all.filter(([, m]) => m.synthetic < m.posts).map(([s]) => s).sort(),
  };
}

/** `source NOT IN (...)`, or `1` when nothing is left out. */
export function excludeSourcesSql(sources: readonly string[] | undefined): Sql {
  return sources?.length ? sql`source NOT IN (${joinSql(sources.map((s) => sql`${s}`), ', ')})` : trustedSql('1');
}

export async function querySliceComposition(clickhouse: ClickHouse, request: SliceRequest, excluded?: readonly string[]): Promise<SliceComposition> {
  const rollup = chooseRollup({ granularity: 'day', from: request.from, to: request.to, reads: [...Object.keys(request.filters), 'source'] });
  const table = needsTopicRollup('none', request.filters) ? rollup.topicTable : rollup.table;
  const [perSource, mix] = await Promise.all([
    clickhouse.query<{ source: string; posts: Count }>(sql`
      SELECT source, sum(n) AS posts
      FROM (
        SELECT source, sumMerge(posts) AS n FROM ${clickhouse.table(table)}
        WHERE ${rollup.time} >= ${request.from} AND ${rollup.time} < ${request.to}
          AND ${filterSql(request.filters)} AND ${excludeSourcesSql(excluded)}
        GROUP BY source
      )
      GROUP BY source
      HAVING posts > 0`),
    sourceMix(clickhouse, request.from, request.to),
  ]);
  let posts = 0;
  let synthetic = 0;
  let exact = true;
  for (const row of perSource) {
    const n = Number(row.posts);
    const m = mix.get(row.source);
    posts += n;
    if (!m || m.synthetic === 0) continue;
    if (m.synthetic < m.posts) exact = false;
    synthetic += (n * m.synthetic) / m.posts;
  }
  return { posts, synthetic_posts: Math.round(synthetic), sources: perSource.map((r) => r.source).sort(), exact };
}
