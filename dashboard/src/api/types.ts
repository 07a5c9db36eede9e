// Names for the shapes of the public JSON API the dashboard reads (served under /api/). They are
// taken from openapi.d.ts, which is generated from the API's OpenAPI document
// (npm run -w @rift/dashboard generate:api-types), so they change with the route schemas.
import type { operations } from './openapi';

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
type Json<Op extends keyof operations, Status extends keyof operations[Op]['responses']> = operations[Op]['responses'][Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

type TrendsParameters = Query<'getApiTrends'>;
export type Metric = NonNullable<TrendsParameters['metric']>;
export type GroupBy = NonNullable<TrendsParameters['group_by']>;
export type Granularity = NonNullable<TrendsParameters['granularity']>;
/** Whether synthetic posts are counted (`include`) or their sources left out (`exclude`). */
export type SyntheticMode = NonNullable<TrendsParameters['synthetic']>;
/** post (the API's default for trends) or author. */
export type Unit = NonNullable<TrendsParameters['unit']>;
/** all (the API's default for trends): every post; once: each copy cluster once, by its first post. */
export type Copies = NonNullable<TrendsParameters['copies']>;

export type TrendsResponse = Json<'getApiTrends', 200>;
export type TrendSeries = TrendsResponse['series'][number];
export type TrendPoint = TrendSeries['points'][number];
/** Where a series' level shifts: `t` is the first point of the new level, `size` = after − before. */
export type ChangePoint = NonNullable<TrendSeries['change_points']>[number];
/** The posts behind an answer: how many, how many synthetic, from which sources. */
export type SliceComposition = TrendsResponse['composition'];

export type EventsResponse = Json<'getApiEvents', 200>;
export type TimelineEvent = EventsResponse['events'][number];

export type SummaryResponse = Json<'getApiSummary', 200>;

/** `/api/gaps`: hours in which a source collected nothing or was failing, as spans. */
export type GapsResponse = Json<'getApiGaps', 200>;
export type GapSpan = GapsResponse['gaps'][number];

/** What the dashboard asks `/api/trends` for (its own names; client.ts writes the query string). */
export interface TrendsQuery {
  metric: Metric;
  groupBy: GroupBy;
  granularity: Granularity;
  /** ISO instant or whatever the user put in the URL; the API validates it. */
  from: string;
  to: string;
  unit?: Unit;
  copies?: Copies;
  /** Leave out the wholly synthetic sources; counted in when absent. */
  synthetic?: SyntheticMode;
}

/**
 * The filters of a slice of posts, as `/api/posts` and `/api/export` take them, kept as the text
 * the URL gives (min_confidence is 0..1 as text; with confidence_on: stance, sentiment or actor).
 */
export type SliceFilters = {
  [Name in Exclude<keyof Query<'getApiPosts'>, 'limit' | 'cursor' | 'copy_cluster'>]?: string;
};

/** A slice, or the members of one copy cluster (`copy_cluster`, the cluster's "source:id"): what `/api/posts` lists. */
export type PostFilters = SliceFilters & { copy_cluster?: string };

// /api/posts, /api/divide, /api/divide/events and /api/movers declare no response schema (one would make Fastify
// serialize their answers through it), so the document leaves their bodies open and these
// shapes are written by hand from queries/src.

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
  /** The post's copy cluster: "source:id" of the cluster's first post (its own when it copies none). */
  copy_cluster: string;
  /** Posts stored in that cluster, whatever the filters: as many as `copy_cluster=` lists. */
  copy_cluster_size: number;
}

export interface PostsResponse {
  filters: Record<string, unknown>;
  order: string;
  limit: number;
  posts: ApiPost[];
  next_cursor: string | null;
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
  unit: Unit;
  /** once: each copy cluster (reposts, copypasta, a press release in many feeds) counted once. */
  copies: Copies;
  sides: { public: DivideSide; us_government: DivideSide };
  oppose_share_diff: DivideDifference | null;
  raw?: { oppose_share_diff: DivideDifference | null };
  correction: DivideCorrection | null;
  correction_note?: string;
  sentiment_mean_diff: DivideDifference | null;
}

/** One window of `/api/divide/events`: the divide over [from, to), with each side's n. */
export interface DivideEventWindow {
  from: string;
  to: string;
  oppose_share_diff: DivideDifference | null;
  sentiment_mean_diff: DivideDifference | null;
  correction: DivideCorrection | null;
  n_posts: Record<'public' | 'us_government', number>;
  n_authors: Record<'public' | 'us_government', number>;
}

/** `/api/divide/events`: for each event of the timeline, the divide in the window before and after it. */
export interface DivideEventsResponse {
  unit: Unit;
  copies: Copies;
  correction: 'none' | 'confusion';
  window_days: number;
  events: Array<{ date: string; label: string; before: DivideEventWindow; after: DivideEventWindow; oppose_share_diff_change: number | null }>;
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
