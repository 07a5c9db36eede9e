// Shapes of the public JSON API the dashboard reads (served under /api/).

export type Metric = 'volume' | 'sentiment_mean' | 'stance_oppose_share' | 'stance_support_share' | 'volume_share_of_source';
export type GroupBy = 'actor' | 'stance' | 'sentiment' | 'lang' | 'source' | 'topic' | 'none';
export type Granularity = 'hour' | 'day' | 'week';

export interface TrendPoint {
  /** Bucket start, ISO 8601, UTC. */
  t: string;
  value: number;
  /** Number of posts behind this value. */
  n: number;
  /** The same posts (n), the distinct authors who wrote them, and the off-topic posts left out. */
  n_posts?: number;
  n_authors?: number;
  n_off_topic?: number;
  /** volume_share_of_source only: all posts of the series' source(s) in the bucket (n is the numerator). */
  denominator?: number;
}

export interface TrendSeries {
  key: string;
  points: TrendPoint[];
}

export interface TrendsResponse {
  unit?: 'post' | 'author';
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
  /** Present when only posts at or above this confidence were counted. */
  min_confidence?: number;
  confidence_on?: string;
  synthetic: SyntheticMode;
  /** The posts behind this answer: how many, how many synthetic, from which sources. */
  composition: SliceComposition;
}

/** Whether synthetic posts are counted (`include`) or their sources left out (`exclude`). */
export type SyntheticMode = 'include' | 'exclude';

export interface SliceComposition {
  posts: number;
  synthetic_posts: number;
  sources: string[];
  /** false when a source mixes synthetic and real posts, so synthetic_posts is apportioned. */
  exact: boolean;
}

export interface TimelineEvent {
  /** YYYY-MM-DD */
  date: string;
  label: string;
}

export interface EventsResponse {
  /** `period`: the controversy's first and last day as the pack declares them, or null. */
  pack: { id: string; version: string; title: string; period: { from: string; to: string } | null };
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
  /** post (the API's default for trends) or author. */
  unit?: 'post' | 'author';
  /** Leave out the wholly synthetic sources; counted in when absent. */
  synthetic?: SyntheticMode;
}

/** One post as `/api/posts` returns it (the drill-down list). */
export interface ApiPost {
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
}

export interface PostsResponse {
  filters: Record<string, unknown>;
  order: string;
  limit: number;
  posts: ApiPost[];
  next_cursor: string | null;
}

/** The filters of a slice of posts, as `/api/posts` and `/api/export` take them. */
export interface SliceFilters {
  from?: string;
  to?: string;
  actor?: string;
  stance?: string;
  topic?: string;
  lang?: string;
  source?: string;
  q?: string;
  /** 0..1 as text; with confidence_on (stance, sentiment or actor). */
  min_confidence?: string;
  confidence_on?: string;
}

/** `/api/divide`: public minus US government over a slice, with 95% intervals. */
export interface DivideSide {
  n: number;
  n_posts: number;
  n_authors: number;
  n_off_topic: number;
  oppose: number;
  oppose_share: number | null;
  oppose_share_ci95: [number, number] | null;
  raw?: { oppose_share: number | null; oppose_share_ci95: [number, number] | null };
  sentiment_mean: number | null;
  sentiment_mean_ci95: [number, number] | null;
}

export interface DivideCorrection {
  method: string;
  labelled_n: number;
  source: string;
  model_version: string;
  interval: string;
}

export interface DivideDifference {
  value: number;
  ci95: [number, number];
  method: string;
  df?: number | null;
}

export interface DivideResponse {
  definition: string;
  method: string;
  min_n: number;
  too_few: boolean;
  unit: 'post' | 'author';
  /** once: each copy cluster (reposts, copypasta, a press release in many feeds) counted once. */
  copies: 'all' | 'once';
  sides: { public: DivideSide; us_government: DivideSide };
  oppose_share_diff: DivideDifference | null;
  raw?: { oppose_share_diff: DivideDifference | null };
  correction: DivideCorrection | null;
  correction_note?: string;
  sentiment_mean_diff: DivideDifference | null;
}

/** `/api/movers`: what rose most in a window against the window before. */
export interface Mover {
  item: string;
  now: number;
  before: number;
  share_now: number;
  share_before: number;
  rise: number;
}

export interface MoversResponse {
  definition: string;
  window: { from: string; to: string; posts: number };
  previous: { from: string; to: string; posts: number };
  topics: Mover[];
  terms: Mover[];
}

/** `/api/gaps`: hours in which a source collected nothing or was failing, as spans. */
export interface GapSpan {
  source: string;
  from: string;
  to: string;
  reason: 'no_posts' | 'failing';
  failed_runs: number;
  last_error: string | null;
  expected_posts: number | null;
}

export interface GapsResponse {
  definition: string;
  from: string;
  to: string;
  sources: string[] | null;
  notes: string[];
  gaps: GapSpan[];
}
