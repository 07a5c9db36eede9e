import { TOPIC_TRENDS_DAILY_COMPACT_TABLE, TRENDS_DAILY_COMPACT_TABLE, TOPIC_TRENDS_DAILY_TABLE, TRENDS_DAILY_TABLE, type Sql, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_HOURLY_TABLE, trustedSql } from '@rift/core';
import type { Granularity } from './time-range.ts';

/**
 * Which pair of rollups (all posts, one row per topic) answers a trend request: the coarsest
 * whose rows fit whole inside every bucket and the window, so that it gives the same answer as
 * the hourly rollups while reading up to 24 times fewer rows; of the daily ones, the compact
 * pair (migration 060: no sentiment label, no language) when the request reads neither.
 *
 * A daily row lies wholly inside a day or week bucket (weeks start on a Monday at 00:00 UTC) and
 * wholly inside a window whose ends fall on 00:00 UTC. Summing its counts is summing the same
 * posts' hourly counts in another order; its float sums are exact too, because sentiment scores
 * are rounded to thousandths before they are stored (a Float32 of at least 0.001 in size is a
 * whole multiple of 2^-33, so sums below 2^20 lose nothing in a Float64, in any order).
 */
export interface Rollup {
  name: 'hourly' | 'daily' | 'daily_compact';
  table: string;
  topicTable: string;
  /** The table's time column; the inner query keeps its name so the outer one is the same. */
  time: Sql;
  bucket: Record<Granularity, Sql>;
}

export const HOURLY: Rollup = {
  name: 'hourly',
  table: TRENDS_HOURLY_TABLE,
  topicTable: TOPIC_TRENDS_HOURLY_TABLE,
  time: trustedSql('hour'),
  bucket: {
    hour: trustedSql('hour'),
    day: trustedSql('toStartOfDay(hour)'),
    // toMonday gives a Date, so it is turned back into a DateTime in UTC explicitly.
    week: trustedSql("toDateTime(toMonday(hour), 'UTC')"),
  },
};

export const DAILY: Rollup = {
  name: 'daily',
  table: TRENDS_DAILY_TABLE,
  topicTable: TOPIC_TRENDS_DAILY_TABLE,
  time: trustedSql('day'),
  bucket: {
    // Never chosen for hourly buckets (see chooseRollup); kept total so the type stays simple.
    hour: trustedSql('day'),
    day: trustedSql('day'),
    week: trustedSql("toDateTime(toMonday(day), 'UTC')"),
  },
};

export const DAILY_COMPACT: Rollup = {
  ...DAILY,
  name: 'daily_compact',
  table: TRENDS_DAILY_COMPACT_TABLE,
  topicTable: TOPIC_TRENDS_DAILY_COMPACT_TABLE,
};

/** The labels the compact rollups keep; a request reading any other label needs the full daily ones. */
const COMPACT_LABELS: ReadonlySet<string> = new Set(['source', 'actor', 'stance', 'topic']);

const DAY_MS = 86_400_000;

/**
 * `reads` names every label the request filters on, groups by or computes its metric from;
 * left out, the request may read any label.
 */
export function chooseRollup(request: { granularity: Granularity; from: Date; to: Date; reads?: readonly string[] }): Rollup {
  const wholeDays = request.from.getTime() % DAY_MS === 0 && request.to.getTime() % DAY_MS === 0;
  if (request.granularity === 'hour' || !wholeDays) return HOURLY;
  return request.reads?.every((label) => COMPACT_LABELS.has(label)) ? DAILY_COMPACT : DAILY;
}

/** Bucket start as a DateTime in UTC, from an `hour` column (the hourly rollup, trends-from-posts.ts). */
export const BUCKET: Record<Granularity, Sql> = HOURLY.bucket;
