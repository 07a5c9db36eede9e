// What a trend request asks and what it answers, shared by the rollup path (trends.ts), the raw-post
// path (trends-from-posts.ts) and the author paths (author-trends.ts, author-days.ts).
import { sql, type Sql } from '@rift/core';
import type { Unit } from './stats/clustered.ts';
import type { Copies } from './copies.ts';
import { filterSql, type Filters, type GroupBy } from './dimensions.ts';
import type { MetricName } from './metrics.ts';
import type { ConfidenceField } from './post-query.ts';
import { excludeSourcesSql } from './synthetic-share.ts';
import type { Granularity } from './time-range.ts';

export interface ConfidenceFilter {
  min: number;
  on: ConfidenceField;
}

export interface TrendRequest {
  metric: MetricName;
  groupBy: GroupBy;
  granularity: Granularity;
  from: Date;
  to: Date;
  filters: Filters;
  /** Keep only posts at or above this confidence: read from the raw posts, not the rollups. */
  confidence?: ConfidenceFilter;
  /** post: each post counts once (the rollups). author: each author's posts averaged first (author-trends.ts). */
  unit?: Unit;
  /** Sources left out (the wholly synthetic ones, when synthetic posts are hidden). */
  excludeSources?: string[];
  /** once: one post per copy cluster, read from the raw posts (trends-from-posts.ts); all (the default): the rollups. */
  copies?: Copies;
}

/** The request's filters and left-out sources, as one condition. */
export function requestWhere(request: TrendRequest): Sql {
  return sql`${filterSql(request.filters)} AND ${excludeSourcesSql(request.excludeSources)}`;
}

export interface TrendPoint {
  t: string;
  value: number;
  n: number;
  /** The posts the value is computed over (n); off-topic posts are left out of shares and means. */
  n_posts: number;
  /** Distinct authors of those posts (every author of the bucket for volume). */
  n_authors: number;
  /** Off-topic posts of the bucket and series, left out of shares and means (volume counts them). */
  n_off_topic?: number;
  /** For shares of the source's posts: the posts the share is of (n is the share's numerator). */
  denominator?: number;
}

export interface TrendSeries {
  key: string;
  points: TrendPoint[];
}
