import { describe, expect, it } from 'vitest';
import { observe, type HourlyData } from './evaluate.ts';
import { RuleInputSchema, type RuleInput } from './rule.ts';

const T0 = Date.UTC(2024, 5, 3);
const H = 3_600_000;
const rule = (overrides: Partial<RuleInput>) =>
  RuleInputSchema.parse({ name: 'r', metric: 'volume', comparator: '>', threshold: 1, window: '2h', interval: '1h', ...overrides });
const hours = (points: Array<[number, number, number]>) => new Map(points.map(([h, value, n]) => [T0 + h * H, { value, n }]));

describe('window observations', () => {
  it('adds volume and weights ratios by n over the complete hours before `at`', () => {
    const data: HourlyData = new Map([['all', hours([[0, 0.5, 10], [1, 0.8, 30], [2, 1, 100]])]]);
    // At 02:40 the window is [00:00, 02:00): the hour in progress is left out.
    expect(observe(data, rule({ metric: 'stance_oppose_share' }), T0 + 2 * H + 40 * 60_000)).toMatchObject({
      window_from: '2024-06-03T00:00:00.000Z',
      window_to: '2024-06-03T02:00:00.000Z',
      value: (0.5 * 10 + 0.8 * 30) / 40,
      n: 40,
    });
    const volume = new Map([['all', hours([[0, 10, 10], [1, 30, 30]])]]);
    expect(observe(volume, rule({}), T0 + 2 * H)).toMatchObject({ value: 40, n: 40 });
    expect(observe(new Map(), rule({ metric: 'sentiment_mean' }), T0 + 2 * H)).toMatchObject({ value: null, n: 0 });
  });

  it('computes the divide as public minus US government, with n the smaller side', () => {
    const data: HourlyData = new Map([
      ['public', hours([[0, 0.8, 100], [1, 0.6, 100]])],
      ['us_government', hours([[1, 0.1, 40]])],
    ]);
    const obs = observe(data, rule({ metric: 'divide_stance' }), T0 + 2 * H);
    expect(obs.value).toBeCloseTo(0.6);
    expect(obs.n).toBe(40);
    expect(obs.sides).toEqual({ public: { value: expect.closeTo(0.7), n: 200 }, us_government: { value: 0.1, n: 40 } });
    expect(observe(new Map([['public', data.get('public')!]]), rule({ metric: 'divide_stance' }), T0 + 2 * H).value).toBeNull();
  });

  it('scores the latest window against the trailing baseline windows as a z-score', () => {
    // 1h windows; baseline hours 0-3 have 10, 12, 8, 10 posts (mean 10, sd 1.633); hour 4 has 20.
    const data: HourlyData = new Map([['all', hours([[0, 10, 10], [1, 12, 12], [2, 8, 8], [3, 10, 10], [4, 20, 20]])]]);
    const obs = observe(data, rule({ metric: 'volume_zscore', window: '1h', baseline_windows: 4 }), T0 + 5 * H);
    expect(obs.value).toBeCloseTo(10 / Math.sqrt(8 / 3));
    expect(obs.n).toBe(20);
    const flat: HourlyData = new Map([['all', hours([[0, 5, 5], [1, 5, 5], [2, 9, 9]])]]);
    expect(observe(flat, rule({ metric: 'volume_zscore', window: '1h', baseline_windows: 2 }), T0 + 3 * H).value).toBeNull();
  });

  it('refuses rules that cannot work', () => {
    const bad = (o: Partial<RuleInput>) => RuleInputSchema.safeParse({ name: 'r', metric: 'volume', comparator: '>', threshold: 1, window: '1h', interval: '1h', ...o }).success;
    expect(bad({ window: '90m' })).toBe(false);
    expect(bad({ interval: 'soon' })).toBe(false);
    expect(bad({ recovery_threshold: 2 })).toBe(false);
    expect(bad({ metric: 'divide_stance', filters: { actor: ['public'] } })).toBe(false);
    expect(bad({ filters: { stance: ['maybe'] } })).toBe(false);
    expect(bad({ filters: { lang: ["en'; DROP"] } })).toBe(false);
    expect(bad({ recovery_threshold: 0.5, for: '2h', cooldown: '1d', filters: { lang: ['en'] } })).toBe(true);
  });
});
