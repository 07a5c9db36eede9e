import { type ClickHouse, joinSql, SOURCE_HOURLY_TABLE, sql, type Sql } from '@rift/core';
import { filterSql } from './dimensions.ts';

/**
 * The stored posts per source and hour that the gaps of a window are judged from, read no further
 * than the judgement looks (GAPS_DEFINITION): the window; the silent stretches that run over its
 * edges, which end at the source's nearest hour with posts on either side; and the neighbourhood
 * hours either side of those. Reading every hour of all time instead cost a scan of the whole
 * rollup on each page load. The first and last hour with posts, at any time, come from a
 * separate aggregate.
 */

const HOUR_MS = 3_600_000;

export interface SourcePosts {
  /** First and last hour start (ms) with stored posts, at any time. */
  extent: { first: number; last: number };
  /** Posts per hour start (ms), in every hour the window's judgement reads; hours without posts left out. */
  postsByHour: Map<number, number>;
}

/** Hours with stored posts (signed counts net out re-scored posts), per source, among the rows `where` keeps. */
const postHours = (clickhouse: ClickHouse, where: Sql) => sql`
  SELECT source, hour, sumMerge(posts) AS n
  FROM ${clickhouse.table(SOURCE_HOURLY_TABLE)}
  WHERE ${where}
  GROUP BY source, hour
  HAVING n > 0`;

interface ExtentRow {
  source: string;
  first: number;
  last: number;
  /** Hours with posts before the window, and the latest of them. */
  before: number | string;
  previous: number;
  /** Hours with posts from the window's end on, and the earliest of them. */
  after: number | string;
  next: number;
}

/** Per source: the hours [from, to) whose posts the gaps of the window [windowFrom, windowTo) depend on. */
function hoursToRead(row: ExtentRow, windowFrom: number, windowTo: number, neighbourhoodHours: number): { from: number; to: number } {
  const reach = neighbourhoodHours * HOUR_MS;
  // A stretch that is silent at the window's start began after the last hour with posts before it.
  const from = Number(row.before) > 0 ? Number(row.previous) * 1000 + HOUR_MS - reach : windowFrom;
  // One silent at the window's end stops at the first hour with posts after it.
  const to = Number(row.after) > 0 ? Number(row.next) * 1000 + reach : windowTo;
  return { from: Math.max(0, Math.min(from, windowFrom - reach)), to: Math.max(to, windowTo) };
}

/** Stored posts per source, as far as the gaps of [from, to) need them. */
export async function queryGapPosts(
  clickhouse: ClickHouse,
  window: { from: Date; to: Date; sources?: readonly string[] },
  neighbourhoodHours: number,
): Promise<Map<string, SourcePosts>> {
  const extents = await clickhouse.query<ExtentRow>(sql`
    SELECT source, toUInt32(min(hour)) AS first, toUInt32(max(hour)) AS last,
           countIf(hour < ${window.from}) AS before, toUInt32(maxIf(hour, hour < ${window.from})) AS previous,
           countIf(hour >= ${window.to}) AS after, toUInt32(minIf(hour, hour >= ${window.to})) AS next
    FROM (${postHours(clickhouse, filterSql({ source: window.sources && [...window.sources] }))})
    GROUP BY source`);
  const bySource = new Map<string, SourcePosts>();
  if (extents.length === 0) return bySource;
  const ranges: Sql[] = [];
  for (const row of extents) {
    bySource.set(row.source, { extent: { first: Number(row.first) * 1000, last: Number(row.last) * 1000 }, postsByHour: new Map() });
    const hours = hoursToRead(row, window.from.getTime(), window.to.getTime(), neighbourhoodHours);
    ranges.push(sql`(source = ${row.source} AND hour >= ${new Date(hours.from)} AND hour < ${new Date(hours.to)})`);
  }
  // The ranges inside the aggregation, where the rollup's key (source, hour) can skip the rest;
  // one row of arrays per source, which a two-year window receives in half the time of a row per hour.
  const rows = await clickhouse.query<{ source: string; hours: number[]; posts: number[] }>(sql`
    SELECT source, groupArray(toUInt32(hour)) AS hours, groupArray(toUInt32(n)) AS posts
    FROM (${postHours(clickhouse, joinSql(ranges, ' OR '))})
    GROUP BY source`);
  for (const row of rows) {
    const postsByHour = bySource.get(row.source)?.postsByHour;
    row.hours.forEach((hour, i) => postsByHour?.set(Number(hour) * 1000, Number(row.posts[i])));
  }
  return bySource;
}
