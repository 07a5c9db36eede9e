import type { Metric } from '../api/types';
import type { ChartRow } from './rows';

/**
 * Value axes that do not mislead: counts and shares of the source start at zero, stance and
 * sentiment shares span 0-100%, sentiment is symmetric around 0 (neutral in the middle), and every
 * tick is a round number, so a change of 4 posts cannot fill the chart's height.
 */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/** The smallest of 1, 2, 2.5, 5 (times a power of ten) at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw * (1 - 1e-9))!;
  return step * power;
}

/** 0 to a round top with about `count` steps. */
export function zeroBasedAxis(max: number, count = 4, integer = false): ValueAxis {
  let step = niceStep(max > 0 ? max / count : 1);
  if (integer) step = Math.max(1, Math.round(step));
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let k = 0; k * step <= top + step / 1e6; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { domain: [0, top], ticks };
}

const SENTIMENT_HALF_SPANS = [0.1, 0.2, 0.25, 0.5, 1];

/** -m..m around 0, m the smallest of 0.1, 0.2, 0.25, 0.5, 1 that holds every value. */
export function symmetricAxis(maxAbs: number): ValueAxis {
  const m = SENTIMENT_HALF_SPANS.find((s) => s >= maxAbs - 1e-9) ?? 1;
  return { domain: [-m, m], ticks: [-m, -m / 2, 0, m / 2, m] };
}

/** The axis of a metric for these rows; `stacked` sums the series of a row (stacked areas). */
export function valueAxis(metric: Metric, rows: readonly ChartRow[], seriesKeys: readonly string[], stacked = false): ValueAxis {
  const values = (row: ChartRow) => seriesKeys.map((k) => row.values[k]).filter((v): v is number => v !== null && Number.isFinite(v));
  if (metric === 'stance_oppose_share' || metric === 'stance_support_share' || metric === 'sentiment_positive_share' || metric === 'sentiment_negative_share')
    return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  if (metric === 'sentiment_mean') return symmetricAxis(Math.max(0, ...rows.flatMap((r) => values(r).map(Math.abs))));
  const max = Math.max(0, ...rows.map((r) => (stacked ? values(r).reduce((a, v) => a + v, 0) : Math.max(0, ...values(r)))));
  if (metric === 'volume_share_of_source') return zeroBasedAxis(Math.min(max, 1));
  return zeroBasedAxis(max, 4, true);
}
