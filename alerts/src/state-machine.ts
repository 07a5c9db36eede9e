export const COMPARATORS = ['>', '>=', '<', '<='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * The life of one alert rule, as a pure function of its previous state and one observation, so
 * that the worker, the backtest and the tests run exactly the same logic.
 *
 *   ok --condition true--> pending --still true for `for`--> firing
 *   firing --value past the recovery threshold--> resolved --cool-down over--> ok
 *
 * An episode fires once: a firing rule stays firing until it recovers, however the value moves
 * between the two thresholds (hysteresis). A resolved rule cannot start a new episode until its
 * cool-down has passed. An observation without enough posts (n < min_sample) never moves a rule
 * toward firing: it sends pending back to ok, and leaves firing and resolved as they are, except
 * for rules on post counts, whose n is the count itself: a count falling back to a few posts is
 * the recovery being watched, so it may end an episode.
 */

export type AlertStatus = 'ok' | 'pending' | 'firing' | 'resolved';

export interface AlertState {
  status: AlertStatus;
  /** When the current status began (ms). */
  since: number;
  /** When the condition first held in the current run of true observations (pending and firing). */
  pending_since: number | null;
  resolved_at: number | null;
  /** Episodes fired so far. */
  episodes: number;
  /** The last observation had too few posts (or no value) to judge. */
  insufficient: boolean;
}

export interface Observation {
  at: number;
  /** null when the metric has no value (no posts, or a z-score of a flat baseline). */
  value: number | null;
  n: number;
}

export interface MachineRule {
  comparator: Comparator;
  threshold: number;
  recoveryThreshold: number;
  forMs: number;
  cooldownMs: number;
  minSample: number;
  /** The metric is a count of posts (volume, volume z-score): a small n may still end an episode. */
  countsPosts: boolean;
}

export interface Transition {
  at: number;
  from: AlertStatus;
  to: AlertStatus;
}

export interface Step {
  state: AlertState;
  transitions: Transition[];
}

export function initialState(at = 0): AlertState {
  return { status: 'ok', since: at, pending_since: null, resolved_at: null, episodes: 0, insufficient: false };
}

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

export function step(previous: AlertState, obs: Observation, rule: MachineRule): Step {
  const insufficient = obs.value === null || obs.n < rule.minSample;
  const breaching = !insufficient && compare(obs.value!, rule.comparator, rule.threshold);
  // Still on the firing side of the recovery threshold: not recovered yet.
  const judgeable = obs.value !== null && (!insufficient || rule.countsPosts);
  const recovered = judgeable && !compare(obs.value!, rule.comparator, rule.recoveryThreshold);
  const transitions: Transition[] = [];
  let state: AlertState = { ...previous, insufficient };
  const move = (to: AlertStatus, patch: Partial<AlertState> = {}) => {
    transitions.push({ at: obs.at, from: state.status, to });
    state = { ...state, ...patch, status: to, since: obs.at };
  };

  if (state.status === 'resolved' && obs.at - (state.resolved_at ?? obs.at) >= rule.cooldownMs) {
    move('ok', { pending_since: null });
  }
  switch (state.status) {
    case 'ok':
      if (breaching) {
        move('pending', { pending_since: obs.at });
        if (rule.forMs === 0) move('firing', { episodes: state.episodes + 1 });
      }
      break;
    case 'pending':
      if (!breaching) move('ok', { pending_since: null });
      else if (obs.at - state.pending_since! >= rule.forMs) move('firing', { episodes: state.episodes + 1 });
      break;
    case 'firing':
      if (recovered) move('resolved', { resolved_at: obs.at, pending_since: null });
      break;
    case 'resolved':
      // In cool-down: nothing starts a new episode yet.
      break;
  }
  return { state, transitions };
}
