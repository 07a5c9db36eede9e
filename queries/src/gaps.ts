import { type ClickHouse, queryRunExtents, queryRuns, type StoredRun } from '@rift/core';
import { queryGapPosts } from './gap-posts.ts';

/**
 * Gaps in collection: the hours in which a source may have missed posts, so that a quiet stretch
 * of a chart is never read as calm when it was a failure or an outage. Served by GET /api/gaps,
 * drawn on the charts and listed in every export's methodology sidecar.
 */

const HOUR_MS = 3_600_000;
/** How far either side of a silent stretch its source's usual pace is measured. */
const NEIGHBOURHOOD_HOURS = 24;
/**
 * A silent stretch is a gap when at least this many posts would have been expected in it. High
 * because sources keep daily rhythms: a night can run at a third of the day's average pace, and
 * even then about 7 expected posts arriving as none is a 1-in-1,000 chance.
 */
export const NO_POSTS_MIN_EXPECTED = 20;

export const GAPS_DEFINITION =
  'A gap is a stretch of whole UTC hours in which a source may have missed posts. ' +
  '"failing": at least one run of the source that started in the hour failed (failed_runs counts them, last_error is the newest error); ' +
  'the hour may still hold posts that a later run caught up from its cursor. ' +
  '"no_posts": the source stored no post created in the hour while it was being collected (between its first and last hour with a ' +
  'stored post, a scheduled poll or a failed run, at any time; backfills, imports and the demo load run at one time but fetch posts of ' +
  'others, so only their posts count), and the silent stretch is too long to be ordinary quiet: at the rate the source kept ' +
  `in the ${NEIGHBOURHOOD_HOURS} hours either side of the whole stretch, at least ${NO_POSTS_MIN_EXPECTED} posts would have been expected ` +
  'in it (expected_posts, for the whole stretch, which may run past the window). Shorter silences of slow sources are not marked, nor is ' +
  "silence before a source's first or after its last sign of collection, where nothing says it was being collected. Consecutive gap hours of " +
  'one source and reason form one span [from, to), cut to the window.';

export type GapReason = 'no_posts' | 'failing';

export interface Gap {
  source: string;
  /** Start of the first hour, inclusive. */
  from: string;
  /** End of the last hour, exclusive. */
  to: string;
  reason: GapReason;
  failed_runs: number;
  last_error: string | null;
  /** For no_posts: posts the neighbouring rate predicts for the stretch, rounded to one decimal. */
  expected_posts: number | null;
}

export interface GapQuery {
  /** Whole hours: [from, to). */
  from: Date;
  to: Date;
  /** Only these sources; every source with posts or runs when undefined. */
  sources?: readonly string[];
}

/** What the gaps of one source are found from. */
export interface SourceActivity {
  source: string;
  /**
   * Posts per hour start (ms); hours without posts left out. At any time, or at least in every
   * hour the window's judgement reads when postExtent gives the first and last hour with posts.
   */
  postsByHour: ReadonlyMap<number, number>;
  /** First and last hour start (ms) with posts, at any time; taken from postsByHour when absent. */
  postExtent?: { first: number; last: number };
  /** Failed runs of the source that started in the window, oldest first. */
  failedRuns: readonly StoredRun[];
  /** First and last scheduled poll of the source, at any time. */
  runExtent?: { first: Date; last: Date };
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** The hours from the source's first to its last sign of collection (a stored post, a poll or a failed run), or null. */
function collectedSpan(activity: SourceActivity): { first: number; last: number } | null {
  const hours = activity.postExtent ? [activity.postExtent.first, activity.postExtent.last] : [...activity.postsByHour.keys()];
  if (activity.runExtent) hours.push(hourOf(activity.runExtent.first.getTime()), hourOf(activity.runExtent.last.getTime()));
  for (const run of activity.failedRuns) hours.push(hourOf(run.started_at.getTime()));
  if (hours.length === 0) return null;
  return { first: hours.reduce((a, b) => Math.min(a, b)), last: hours.reduce((a, b) => Math.max(a, b)) };
}

/** The gaps of one source in the window [from, to) of whole hours, per GAPS_DEFINITION. */
export function findGaps(activity: SourceActivity, from: number, to: number): Gap[] {
  const { source, postsByHour } = activity;
  const span = collectedSpan(activity);
  if (!span) return [];
  const failures = new Map<number, { count: number; lastError: string }>();
  for (const run of activity.failedRuns) {
    const hour = hourOf(run.started_at.getTime());
    // Oldest first, so the last run seen in an hour holds its newest error.
    failures.set(hour, { count: (failures.get(hour)?.count ?? 0) + 1, lastError: run.error });
  }
  const silent = (hour: number) => hour >= span.first && hour <= span.last && !postsByHour.has(hour) && !failures.has(hour);

  const gaps: Gap[] = [];
  const end = Math.min(to, span.last + HOUR_MS);
  let hour = Math.max(from, span.first);
  while (hour < end) {
    if (failures.has(hour)) {
      const start = hour;
      let failed = 0;
      let lastError = '';
      for (; failures.has(hour); hour += HOUR_MS) {
        failed += failures.get(hour)!.count;
        lastError = failures.get(hour)!.lastError;
      }
      gaps.push(gap(source, start, Math.min(hour, to), 'failing', failed, lastError, null));
    } else if (silent(hour)) {
      // The whole silent stretch, past the window's edges if it runs on, is what is judged.
      let start = hour;
      while (silent(start - HOUR_MS)) start -= HOUR_MS;
      while (silent(hour)) hour += HOUR_MS;
      const expected = expectedPosts(postsByHour, start, hour);
      if (expected >= NO_POSTS_MIN_EXPECTED) {
        gaps.push(gap(source, Math.max(start, from), Math.min(hour, to), 'no_posts', 0, null, Math.round(expected * 10) / 10));
      }
    } else {
      hour += HOUR_MS;
    }
  }
  return gaps;
}

/** Posts the source's pace in the hours either side of [start, end) predicts for the stretch. */
function expectedPosts(postsByHour: ReadonlyMap<number, number>, start: number, end: number): number {
  const posts = (hour: number) => postsByHour.get(hour) ?? 0;
  let around = 0;
  for (let i = 1; i <= NEIGHBOURHOOD_HOURS; i++) around += posts(start - i * HOUR_MS) + posts(end + (i - 1) * HOUR_MS);
  return (around / (2 * NEIGHBOURHOOD_HOURS)) * ((end - start) / HOUR_MS);
}

function gap(source: string, from: number, to: number, reason: GapReason, failedRuns: number, lastError: string | null, expected: number | null): Gap {
  return { source, from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason, failed_runs: failedRuns, last_error: lastError, expected_posts: expected };
}

/** The gaps of each source in the window, by source then time. */
export async function queryGaps(clickhouse: ClickHouse, query: GapQuery): Promise<Gap[]> {
  const [postsBySource, failedRuns, runExtents] = await Promise.all([
    queryGapPosts(clickhouse, query, NEIGHBOURHOOD_HOURS),
    queryRuns(clickhouse, { ...query, failedOnly: true }),
    queryRunExtents(clickhouse, query.sources),
  ]);
  const sources = new Set(query.sources ?? [...postsBySource.keys(), ...runExtents.keys(), ...failedRuns.map((r) => r.source)]);
  return [...sources].sort().flatMap((source) =>
    findGaps(
      {
        source,
        postsByHour: postsBySource.get(source)?.postsByHour ?? new Map(),
        postExtent: postsBySource.get(source)?.extent,
        failedRuns: failedRuns.filter((r) => r.source === source),
        runExtent: runExtents.get(source),
      },
      query.from.getTime(),
      query.to.getTime(),
    ),
  );
}
