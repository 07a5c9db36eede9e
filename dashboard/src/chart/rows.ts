import type { TrendSeries } from '../api/types';
import { compareActorKeys } from './actors';

/** One time bucket with every series' value and n, as Recharts wants it. */
export interface ChartRow {
  /** Bucket start, ms since epoch (UTC). */
  ts: number;
  values: Record<string, number | null>;
  counts: Record<string, number>;
  /** Distinct authors behind each value: what the small-sample flag reads. */
  authors: Record<string, number>;
  /** Shares of the source's posts: what each series' value is a share of. */
  denominators: Record<string, number>;
}

/**
 * Merges the API's per-series points into rows keyed by bucket start.
 * A series without a point in a bucket gets null (a gap in a line), or 0 when
 * `missingAsZero` (volumes, where no posts means zero posts).
 */
export function seriesToRows(series: TrendSeries[], missingAsZero: boolean): ChartRow[] {
  const keys = series.map((s) => s.key);
  const byTs = new Map<number, ChartRow>();
  for (const s of series) {
    for (const point of s.points) {
      const ts = Date.parse(point.t);
      if (Number.isNaN(ts)) continue;
      let row = byTs.get(ts);
      if (!row) {
        row = { ts, values: {}, counts: {}, authors: {}, denominators: {} };
        for (const key of keys) {
          row.values[key] = missingAsZero ? 0 : null;
          row.counts[key] = 0;
          row.authors[key] = 0;
        }
        byTs.set(ts, row);
      }
      row.values[s.key] = Number.isFinite(point.value) ? point.value : null;
      row.counts[s.key] = point.n;
      row.authors[s.key] = point.n_authors ?? point.n;
      if (point.denominator !== undefined) row.denominators[s.key] = point.denominator;
    }
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

export function sortedSeriesKeys(series: TrendSeries[]): string[] {
  return series.map((s) => s.key).sort(compareActorKeys);
}

export function totalN(series: TrendSeries): number {
  return series.points.reduce((sum, p) => sum + p.n, 0);
}

export function hasAnyPoint(series: TrendSeries[]): boolean {
  return series.some((s) => s.points.length > 0);
}
