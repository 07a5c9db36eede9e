import type { ClickHouse } from '@rift/core';
import { correctionOptionsFromConfig, correctionPlan, type Filters, type MetricName, queryDivide, queryTrends, type TrendSeries } from '@rift/queries';
import { HOUR_MS, readsDivideWindows, ruleFilters, ruleTiming, type RuleSpec } from './rule.ts';

/**
 * The value of a rule's metric over the window ending at a given time, and the n behind it.
 *
 * Values come from the trend query (hourly points, so the metric definitions stay in one place)
 * and are combined here: volume adds up; every other trend metric is a ratio over the posts of
 * a bucket, so the window's value is the mean of the hourly values weighted by their n, which is
 * exactly the ratio over the whole window. A window ends at the start of the hour of `at`, so it
 * only ever covers complete hours.
 */

export interface WindowObservation {
  at: number;
  window_from: string;
  window_to: string;
  value: number | null;
  n: number;
  /** Why value is null, or what n means for this metric. */
  note?: string;
  /** Per-side values for the divide. */
  sides?: Record<string, { value: number | null; n: number }>;
}

/** Hourly points per series key (`all`, or actor labels for the divide), by hour start (ms). */
export type HourlyData = Map<string, Map<number, { value: number; n: number }>>;

const DIVIDE = { divide_stance: 'stance_oppose_share', divide_sentiment: 'sentiment_mean' } as const;
const SIDES = ['public', 'us_government'] as const;

export const windowEnd = (at: number): number => Math.floor(at / HOUR_MS) * HOUR_MS;

/** How far before the first window end data is needed: one window, or K+1 for a z-score. */
export function lookbackMs(rule: RuleSpec): number {
  const { windowMs } = ruleTiming(rule);
  return rule.metric === 'volume_zscore' ? windowMs * (rule.baseline_windows + 1) : windowMs;
}

/** The trend request behind a rule: which trend metric, grouped how, over which filters. */
function trendQuery(rule: RuleSpec): { metric: MetricName; groupBy: 'none' | 'actor'; filters: Filters } {
  const filters = ruleFilters(rule);
  if (rule.metric === 'divide_stance' || rule.metric === 'divide_sentiment') {
    return { metric: DIVIDE[rule.metric], groupBy: 'actor', filters: { ...filters, actor: [...SIDES] } };
  }
  return { metric: rule.metric === 'volume_zscore' ? 'volume' : rule.metric, groupBy: 'none', filters };
}

/** Hourly points for [from, to), both on hour boundaries. One query serves a whole backtest. */
export async function loadHourly(clickhouse: ClickHouse, rule: RuleSpec, from: number, to: number): Promise<HourlyData> {
  const q = trendQuery(rule);
  const series = await queryTrends(clickhouse, { ...q, granularity: 'hour', from: new Date(from), to: new Date(to) });
  return toHourly(series);
}

function toHourly(series: TrendSeries[]): HourlyData {
  return new Map(series.map((s) => [s.key, new Map(s.points.map((p) => [Date.parse(p.t), { value: p.value, n: p.n }]))]));
}

/** Combines the hours of [from, to) of one series into the window's value and n. */
function combine(hours: Map<number, { value: number; n: number }> | undefined, from: number, to: number, additive: boolean) {
  let n = 0;
  let weighted = 0;
  for (let h = from; h < to; h += HOUR_MS) {
    const point = hours?.get(h);
    if (!point) continue;
    n += point.n;
    weighted += additive ? point.value : point.value * point.n;
  }
  if (additive) return { value: weighted, n };
  return { value: n > 0 ? weighted / n : null, n };
}

/** The rule's observation for the window ending at `at`, from data loaded by loadHourly. */
export function observe(data: HourlyData, rule: RuleSpec, at: number): WindowObservation {
  const { windowMs } = ruleTiming(rule);
  const to = windowEnd(at);
  const from = to - windowMs;
  const base = { at, window_from: new Date(from).toISOString(), window_to: new Date(to).toISOString() };

  if (rule.metric === 'divide_stance' || rule.metric === 'divide_sentiment') {
    const [pub, gov] = SIDES.map((side) => combine(data.get(side), from, to, false));
    const value = pub!.value !== null && gov!.value !== null ? pub!.value - gov!.value : null;
    return {
      ...base,
      value,
      n: Math.min(pub!.n, gov!.n),
      sides: { public: pub!, us_government: gov! },
      ...(value === null ? { note: 'one side has no posts in the window' } : {}),
    };
  }
  if (rule.metric === 'volume_zscore') return zscore(data.get('all'), rule.baseline_windows, from, to, windowMs, base);
  const { value, n } = combine(data.get('all'), from, to, rule.metric === 'volume');
  return { ...base, value, n, ...(value === null ? { note: 'no posts in the window' } : {}) };
}

function zscore(hours: Map<number, { value: number; n: number }> | undefined, k: number, from: number, to: number, windowMs: number, base: Omit<WindowObservation, 'value' | 'n'>): WindowObservation {
  const latest = combine(hours, from, to, true).value!;
  const baseline = Array.from({ length: k }, (_, i) => combine(hours, from - (i + 1) * windowMs, to - (i + 1) * windowMs, true).value!);
  const mean = baseline.reduce((a, b) => a + b, 0) / k;
  const sd = Math.sqrt(baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
  // A flat baseline has no spread to measure a spike against.
  if (sd === 0) return { ...base, value: null, n: latest, note: `the ${k} baseline windows all had ${mean} posts; a z-score needs some variation` };
  return { ...base, value: (latest - mean) / sd, n: latest, note: `n is the posts in the latest window; baseline mean ${mean.toFixed(2)}, sd ${sd.toFixed(2)} over ${k} windows` };
}

/**
 * A divide rule per author or corrected, for the window ending at `at`: /api/divide's query over
 * the window (per-author means and corrections do not add up from hourly points). n is the
 * smaller side's authors (unit=author) or posts.
 */
export async function observeDivideWindow(clickhouse: ClickHouse, rule: RuleSpec, at: number): Promise<WindowObservation> {
  const to = windowEnd(at);
  const from = to - ruleTiming(rule).windowMs;
  const query = { from: new Date(from), to: new Date(to), filters: ruleFilters(rule), confidenceOn: 'stance' as const, copies: rule.copies };
  const options = correctionOptionsFromConfig();
  const result = await queryDivide(clickhouse, query, rule.unit, (versions) => correctionPlan(clickhouse, rule.correction, versions, options));
  const side = (s: (typeof result.sides)['public']) => ({
    value: rule.metric === 'divide_stance' ? s.oppose_share : s.sentiment_mean,
    n: rule.unit === 'author' ? s.n_authors : s.n_posts,
  });
  const sides = { public: side(result.sides.public), us_government: side(result.sides.us_government) };
  const value = (rule.metric === 'divide_stance' ? result.oppose_share_diff : result.sentiment_mean_diff)?.value ?? null;
  const notes = [value === null ? 'one side has too few posts in the window' : null, result.correction_note ?? null].filter(Boolean);
  return {
    at,
    window_from: new Date(from).toISOString(),
    window_to: new Date(to).toISOString(),
    value,
    n: Math.min(sides.public.n, sides.us_government.n),
    sides,
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

/** Evaluates a rule for the window ending at `at` (now, or a past time for a backtest). */
export async function evaluateRule(clickhouse: ClickHouse, rule: RuleSpec, at: number): Promise<WindowObservation> {
  if (readsDivideWindows(rule)) return observeDivideWindow(clickhouse, rule, at);
  const to = windowEnd(at);
  const data = await loadHourly(clickhouse, rule, to - lookbackMs(rule), to);
  return observe(data, rule, at);
}
