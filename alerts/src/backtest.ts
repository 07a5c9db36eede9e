import { badRequest } from '@rift/core';
import type { ClickHouse } from '@rift/core';
import { loadHourly, lookbackMs, observe, observeDivideWindow, windowEnd } from './evaluate.ts';
import { HOUR_MS, machineRule, readsDivideWindows, ruleTiming, type AlertRule, type RuleSpec } from './rule.ts';
import { initialState, step, type AlertState, type AlertStatus } from './state-machine.ts';

/**
 * What a rule would have done over stored history: evaluation times every `interval` from
 * `from` to `to`, each run through the same observation and state machine as the worker. The
 * hourly data is read once for the whole range, so a long backtest is one query.
 */

/** More steps than this is refused (with the limit named), not cut short. */
export const MAX_BACKTEST_STEPS = 20_000;
/** A divide rule per author or corrected takes one query per step (evaluate.ts): fewer steps. */
export const MAX_DIVIDE_WINDOW_STEPS = 500;

export interface BacktestPoint {
  at: string;
  value: number | null;
  n: number;
  status: AlertStatus;
  insufficient: boolean;
}

export interface Episode {
  pending_at: string | null;
  fired_at: string;
  resolved_at: string | null;
  peak_value: number | null;
}

export interface BacktestResult {
  from: string;
  to: string;
  steps: number;
  episodes: Episode[];
  transitions: Array<{ at: string; from: AlertStatus; to: AlertStatus; value: number | null; n: number }>;
  points: BacktestPoint[];
}

export async function backtest(clickhouse: ClickHouse, rule: RuleSpec | AlertRule, from: Date, to: Date): Promise<BacktestResult> {
  const { intervalMs } = ruleTiming(rule);
  if (from.getTime() >= to.getTime()) throw badRequest('from must be before to');
  const steps = Math.floor((to.getTime() - from.getTime()) / intervalMs) + 1;
  if (steps > MAX_BACKTEST_STEPS) {
    throw badRequest(`the backtest would take ${steps} steps at interval ${rule.interval}; at most ${MAX_BACKTEST_STEPS}: use a longer interval or a shorter range`);
  }
  const windowed = readsDivideWindows(rule);
  if (windowed && steps > MAX_DIVIDE_WINDOW_STEPS) {
    throw badRequest(`a divide rule with unit=author or correction=confusion is read window by window; the backtest would take ${steps} steps, at most ${MAX_DIVIDE_WINDOW_STEPS}: use a longer interval or a shorter range`);
  }
  const dataTo = windowEnd(to.getTime()) + HOUR_MS;
  const data = windowed ? null : await loadHourly(clickhouse, rule, windowEnd(from.getTime()) - lookbackMs(rule), dataTo);
  const machine = machineRule(rule);

  let state: AlertState = initialState(from.getTime());
  const points: BacktestPoint[] = [];
  const transitions: BacktestResult['transitions'] = [];
  const episodes: Episode[] = [];
  let pendingAt: number | null = null;
  for (let i = 0; i < steps; i++) {
    const at = from.getTime() + i * intervalMs;
    const obs = data ? observe(data, rule, at) : await observeDivideWindow(clickhouse, rule, at);
    const result = step(state, obs, machine);
    state = result.state;
    for (const t of result.transitions) {
      transitions.push({ at: iso(t.at), from: t.from, to: t.to, value: obs.value, n: obs.n });
      if (t.to === 'pending') pendingAt = t.at;
      if (t.to === 'ok') pendingAt = null;
      if (t.to === 'firing') episodes.push({ pending_at: pendingAt === null ? null : iso(pendingAt), fired_at: iso(t.at), resolved_at: null, peak_value: obs.value });
      if (t.to === 'resolved') episodes.at(-1)!.resolved_at = iso(t.at);
    }
    const open = episodes.at(-1);
    if (state.status === 'firing' && open && open.resolved_at === null && obs.value !== null) {
      open.peak_value = open.peak_value === null ? obs.value : moreExtreme(rule, open.peak_value, obs.value);
    }
    points.push({ at: iso(at), value: obs.value, n: obs.n, status: state.status, insufficient: state.insufficient });
  }
  return { from: from.toISOString(), to: to.toISOString(), steps, episodes, transitions, points };
}

/** The value further on the firing side: the peak of an episode. */
const moreExtreme = (rule: RuleSpec, a: number, b: number): number => (rule.comparator.startsWith('>') ? Math.max(a, b) : Math.min(a, b));

const iso = (ms: number): string => new Date(ms).toISOString();
