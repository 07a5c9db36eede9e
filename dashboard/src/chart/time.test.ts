import { describe, expect, it } from 'vitest';
import { seriesToRows } from './rows';
import { timeTicks } from './time';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('timeTicks', () => {
  it('puts long ranges on round months counted from January', () => {
    expect(timeTicks(utc('2024-03-01'), utc('2025-12-31')).map(iso)).toEqual(['2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']);
    expect(timeTicks(utc('2018-03-01'), utc('2025-12-31')).map(iso)).toEqual(['2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01']);
  });

  it('puts a quarter of a year on Mondays', () => {
    const ticks = timeTicks(utc('2024-06-03'), utc('2024-09-02'));
    expect(ticks.map((t) => new Date(t).getUTCDay())).toEqual(ticks.map(() => 1));
    expect(ticks.slice(1).map((t, i) => (t - ticks[i]!) / 86_400_000)).toEqual(ticks.slice(1).map(() => 14));
    expect(ticks.length).toBeGreaterThanOrEqual(6);
  });
});

describe('seriesToRows with empty buckets', () => {
  const series = [{ key: 'public', points: [{ t: '2018-03-05T00:00:00Z', value: 0.5, n: 3 }, { t: '2018-03-12T00:00:00Z', value: 0.4, n: 2 }, { t: '2025-01-13T00:00:00Z', value: 0.1, n: 4 }] }];

  it('breaks a line across weeks without posts instead of joining the two ends', () => {
    const rows = seriesToRows(series, false, 'week');
    expect(rows.map((r) => [iso(r.ts), r.values.public])).toEqual([
      ['2018-03-05', 0.5], ['2018-03-12', 0.4], ['2018-03-19', null], ['2025-01-06', null], ['2025-01-13', 0.1],
    ]);
  });

  it('brings a volume down to zero across the silence', () => {
    expect(seriesToRows(series, true, 'week').filter((r) => r.empty).map((r) => r.values.public)).toEqual([0, 0]);
    expect(seriesToRows(series, false)).toHaveLength(3);
  });
});
