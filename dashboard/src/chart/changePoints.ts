// Change points as the API finds them (each /api/trends series lists its `change_points`), made
// ready to draw: where on the chart each one sits and how its size reads.
import type { Metric, TrendSeries, Unit } from '../api/types';
import type { ChartRow } from './rows';

/** One change point of one series, placed on the chart. */
export interface ChangePointMark {
  seriesKey: string;
  /** The first bucket of the new level, ms since epoch (UTC), and the API's instant for it. */
  ts: number;
  t: string;
  /** Means of the series before and after, and after − before. */
  before: number;
  after: number;
  size: number;
  /** The series' value at `ts`: the marker sits on the line there. */
  y: number;
}

/**
 * The change points of the series drawn (`seriesKeys`), in time order, each placed on its series'
 * point; one whose bucket the chart has no value for is left out.
 */
export function changePointMarks(series: readonly TrendSeries[], seriesKeys: readonly string[], rows: readonly ChartRow[]): ChangePointMark[] {
  const byTs = new Map(rows.map((row) => [row.ts, row]));
  const drawn = new Set(seriesKeys);
  const marks: ChangePointMark[] = [];
  for (const s of series) {
    if (!drawn.has(s.key)) continue;
    for (const c of s.change_points ?? []) {
      const ts = Date.parse(c.t);
      const y = byTs.get(ts)?.values[s.key];
      if (y === null || y === undefined || !Number.isFinite(y)) continue;
      marks.push({ seriesKey: s.key, ts, t: c.t, before: c.before, after: c.after, size: c.size, y });
    }
  }
  return marks.sort((a, b) => a.ts - b.ts || a.seriesKey.localeCompare(b.seriesKey));
}

const points = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const score = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

/** A change of level in the metric's terms: "+14 pts" for shares, "−0.12" for mean scores, "+120 posts" for counts. */
export function formatChangeSize(metric: Metric, size: number, unit: Unit = 'post'): string {
  switch (metric) {
    case 'sentiment_mean':
      return score.format(size);
    case 'volume':
      return `${count.format(size)} ${unit === 'author' ? 'authors' : 'posts'}`;
    default:
      // Every other metric is a share (0..1): its change reads in percentage points.
      return `${points.format(size * 100)} pts`;
  }
}

/**
 * How change points are found, in words for the chart's key and its "about this chart": the API's
 * own statement of the method (`change_point_method`) is shown beside it.
 */
export const CHANGE_POINT_EXPLANATION =
  'Change points (◆): where a line’s level shifts, found by binary segmentation of the mean. A segment is split where the squared error around the segments’ means falls most, and the split is kept only if that fall exceeds the penalty 3·σ²·ln(n), with n the series’ points and σ its noise, estimated from the median absolute difference between neighbouring points (so a shift does not inflate it). Segments are at least 3 points long. Each marker sits on the first point of the new level and gives the change of the mean level, after minus before.';
