import type { SliceFilters } from '../api/types';
import type { ViewGranularity } from '../state/viewState';

const DAY_MS = 86_400_000;

/** A point of a chart: one series (an actor class) in one time bucket. */
export interface DrillTarget {
  seriesKey: string;
  /** Bucket start, ms since epoch (UTC). */
  ts: number;
  /** Posts behind the point, as the chart counted them. */
  n: number;
}

export function bucketLengthMs(granularity: ViewGranularity): number {
  return granularity === 'week' ? 7 * DAY_MS : granularity === 'hour' ? DAY_MS / 24 : DAY_MS;
}

/**
 * The slice of posts behind a point: the bucket's [start, end) and the series' actor. The trend
 * API widens its window to whole buckets, so the bucket itself is the range the point counted.
 */
export function drillFilters(target: DrillTarget, granularity: ViewGranularity, extra: SliceFilters = {}): SliceFilters {
  return {
    ...extra,
    from: new Date(target.ts).toISOString(),
    to: new Date(target.ts + bucketLengthMs(granularity)).toISOString(),
    actor: target.seriesKey,
  };
}

/** Only http(s) links are made clickable; anything else (javascript:, data:) is shown as text. */
export function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
