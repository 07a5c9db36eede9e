// Shapes of the public JSON API the dashboard reads (served under /api/).

export type Metric = 'volume' | 'sentiment_mean' | 'stance_oppose_share' | 'stance_support_share';
export type GroupBy = 'actor' | 'stance' | 'lang' | 'source' | 'topic';
export type Granularity = 'hour' | 'day' | 'week';

export interface TrendPoint {
  /** Bucket start, ISO 8601, UTC. */
  t: string;
  value: number;
  /** Number of posts behind this value. */
  n: number;
}

export interface TrendSeries {
  key: string;
  points: TrendPoint[];
}

export interface TrendsResponse {
  metric: Metric;
  granularity: Granularity;
  /** Plain-language definition of the metric, written by the API. */
  definition: string;
  /** The window actually used, [from, to), widened to whole buckets. */
  from: string;
  to: string;
  series: TrendSeries[];
  /** Defaults and caveats the API applied, in words. */
  notes?: string[];
}

export interface TimelineEvent {
  /** YYYY-MM-DD */
  date: string;
  label: string;
}

export interface EventsResponse {
  pack: { id: string; version: string; title: string };
  events: TimelineEvent[];
}

export interface SummaryResponse {
  posts: number;
  synthetic_posts: number;
  first: string | null;
  last: string | null;
  model_versions: string[];
  sources: string[];
}

export interface TrendsQuery {
  metric: Metric;
  groupBy: GroupBy;
  granularity: Granularity;
  /** ISO instant or whatever the user put in the URL; the API validates it. */
  from: string;
  to: string;
}
