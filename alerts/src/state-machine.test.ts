import { describe, expect, it } from 'vitest';
import { initialState, step, type AlertState, type MachineRule, type Transition } from './state-machine.ts';

const MIN = 60_000;
const rule: MachineRule = { comparator: '>', threshold: 0.6, recoveryThreshold: 0.5, forMs: 10 * MIN, cooldownMs: 30 * MIN, minSample: 30, countsPosts: false };

/** Runs values observed every 5 minutes (n = 100 unless given) and returns the transitions and final state. */
function run(values: Array<number | null | [number, number]>, r: MachineRule = rule): { transitions: Transition[]; state: AlertState } {
  let state = initialState(0);
  const transitions: Transition[] = [];
  values.forEach((v, i) => {
    const [value, n] = Array.isArray(v) ? v : [v, 100];
    const result = step(state, { at: i * 5 * MIN, value, n }, r);
    state = result.state;
    transitions.push(...result.transitions);
  });
  return { transitions, state };
}

const path = (ts: Transition[]) => ts.map((t) => `${t.at / MIN}:${t.from}>${t.to}`);

describe('the alert state machine', () => {
  it('goes ok -> pending -> firing once the condition held for `for`, then resolves past the recovery threshold and returns to ok after the cool-down', () => {
    const { transitions, state } = run([0.4, 0.7, 0.7, 0.7, 0.7, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45]);
    expect(path(transitions)).toEqual(['5:ok>pending', '15:pending>firing', '25:firing>resolved', '55:resolved>ok']);
    expect(state).toMatchObject({ status: 'ok', episodes: 1 });
  });

  it('does not fire when the condition stops before `for` has passed', () => {
    const { transitions } = run([0.7, 0.7, 0.55, 0.7, 0.7, 0.4]);
    expect(path(transitions)).toEqual(['0:ok>pending', '10:pending>ok', '15:ok>pending', '25:pending>ok']);
  });

  it('fires once while values flap around the threshold between the two thresholds (hysteresis)', () => {
    const { transitions, state } = run([0.61, 0.62, 0.63, 0.59, 0.61, 0.58, 0.62, 0.55, 0.61, 0.52, 0.65]);
    expect(path(transitions)).toEqual(['0:ok>pending', '10:pending>firing']);
    expect(state).toMatchObject({ status: 'firing', episodes: 1 });
  });

  it('without hysteresis (recovery = threshold) a flapping value resolves, but the cool-down stops it firing again at once', () => {
    const r = { ...rule, recoveryThreshold: 0.6, forMs: 0 };
    const { transitions } = run([0.61, 0.59, 0.61, 0.59, 0.61, 0.59, 0.61, 0.61, 0.61], r);
    expect(path(transitions)).toEqual(['0:ok>pending', '0:pending>firing', '5:firing>resolved', '35:resolved>ok', '35:ok>pending', '35:pending>firing']);
  });

  it('starts a new episode after the cool-down when the condition holds again', () => {
    const { transitions, state } = run([0.7, 0.7, 0.7, 0.4, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]);
    expect(path(transitions)).toEqual(['0:ok>pending', '10:pending>firing', '15:firing>resolved', '45:resolved>ok', '45:ok>pending', '55:pending>firing']);
    expect(state.episodes).toBe(2);
  });

  it('never fires on a small sample: below min_sample, pending goes back to ok and the state says insufficient', () => {
    const { transitions, state } = run([0.7, [0.9, 29], [0.9, 5], null, [0.9, 29]]);
    expect(path(transitions)).toEqual(['0:ok>pending', '5:pending>ok']);
    expect(state).toMatchObject({ status: 'ok', insufficient: true, episodes: 0 });
  });

  it('keeps firing through a small sample instead of resolving on it', () => {
    const { transitions, state } = run([0.7, 0.7, 0.7, [0.1, 3], null, 0.7]);
    expect(path(transitions)).toEqual(['0:ok>pending', '10:pending>firing']);
    expect(state.status).toBe('firing');
  });

  it('lets a post count that falls below min_sample end its episode (the small n is the recovery), but never fire on one', () => {
    const volume: MachineRule = { comparator: '>', threshold: 100, recoveryThreshold: 50, forMs: 0, cooldownMs: 0, minSample: 30, countsPosts: true };
    const { transitions, state } = run([[150, 150], [150, 150], [12, 12], [29, 29], null], volume);
    expect(path(transitions)).toEqual(['0:ok>pending', '0:pending>firing', '10:firing>resolved', '15:resolved>ok']);
    expect(state).toMatchObject({ status: 'ok', episodes: 1 });
    // The same counts on a share-like rule stay firing: a small sample there is too little evidence.
    expect(run([[150, 150], [12, 12]], { ...volume, countsPosts: false }).state.status).toBe('firing');
  });

  it('works the other way round for "<" and "<=" comparators', () => {
    const r: MachineRule = { comparator: '<=', threshold: 0.2, recoveryThreshold: 0.3, forMs: 0, cooldownMs: 0, minSample: 0, countsPosts: false };
    const { transitions } = run([0.5, 0.2, 0.25, 0.3, 0.31, 0.31], r);
    expect(path(transitions)).toEqual(['5:ok>pending', '5:pending>firing', '20:firing>resolved', '25:resolved>ok']);
  });
});
