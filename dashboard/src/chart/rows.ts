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
  /** A bucket without any post, added so that lines break there. */
  empty?: boolean;
}

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
export type BucketSize = keyof typeof BUCKET_MS;

/**
 * Merges the API's per-series points into rows keyed by bucket start.
 * A series without a point in a bucket gets null (a gap in a line), or 0 when
 * `missingAsZero` (volumes, where no posts means zero posts). With `bucket`, the buckets in
 * which no series has posts get a row too (see withEmptyBuckets), so lines break there.
 */
export function seriesToRows(series: TrendSeries[], missingAsZero: boolean, bucket?: BucketSize): ChartRow[] {
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
  const rows = [...byTs.values()].sort((a, b) => a.ts - b.ts);
  return bucket ? withEmptyBuckets(rows, keys, BUCKET_MS[bucket], missingAsZero) : rows;
}

/**
 * The API leaves out buckets without posts, and a line drawn from row to row would run straight
 * across them (five silent years drawn as a flat line). An empty row at the first and the last
 * bucket of each silence breaks a line there (null) and brings an area down to zero (0).
 */
function withEmptyBuckets(rows: ChartRow[], keys: string[], step: number, missingAsZero: boolean): ChartRow[] {
  const empty = (ts: number): ChartRow => ({
    ts,
    values: Object.fromEntries(keys.map((k) => [k, missingAsZero ? 0 : null])),
    counts: Object.fromEntries(keys.map((k) => [k, 0])),
    authors: Object.fromEntries(keys.map((k) => [k, 0])),
    denominators: {},
    empty: true,
  });
  const out: ChartRow[] = [];
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    out.push(row);
    if (!next || next.ts - row.ts <= step) return;
    out.push(empty(row.ts + step));
    if (next.ts - step > row.ts + step) out.push(empty(next.ts - step));
  });
  return out;
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
