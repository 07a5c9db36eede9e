import { describe, expect, it } from 'vitest';
import type { TrendSeries } from '../api/types';
import { changePointMarks, formatChangeSize } from './changePoints';
import { seriesToRows } from './rows';

const week = (i: number) => new Date(Date.UTC(2025, 0, 6) + i * 7 * 86_400_000).toISOString();
const series = (key: string, values: number[], change: Array<{ at: number; before: number; after: number }>): TrendSeries => ({
  key,
  points: values.map((value, i) => ({ t: week(i), value, n: 40 })),
  change_points: change.map((c) => ({ t: week(c.at), before: c.before, after: c.after, size: c.after - c.before })),
});

describe('changePointMarks', () => {
  const data = [
    series('public', [0.4, 0.4, 0.4, 0.7, 0.7, 0.7], [{ at: 3, before: 0.4, after: 0.7 }]),
    series('media', [0.2, 0.2, 0.2, 0.2, 0.1, 0.1], [{ at: 4, before: 0.2, after: 0.1 }]),
  ];
  const rows = seriesToRows(data, false, 'week');

  it("puts each change point on its series' point of the new level, in time order", () => {
    expect(changePointMarks(data, ['public', 'media'], rows)).toEqual([
      { seriesKey: 'public', ts: Date.parse(week(3)), t: week(3), before: 0.4, after: 0.7, size: expect.closeTo(0.3, 10), y: 0.7 },
      { seriesKey: 'media', ts: Date.parse(week(4)), t: week(4), before: 0.2, after: 0.1, size: expect.closeTo(-0.1, 10), y: 0.1 },
    ]);
  });

  it('marks only the series drawn', () => {
    expect(changePointMarks(data, ['media'], rows).map((m) => m.seriesKey)).toEqual(['media']);
  });
});

describe('formatChangeSize', () => {
  it('reads shares in points, mean scores to two decimals and counts in posts or authors', () => {
    expect(formatChangeSize('stance_oppose_share', 0.143)).toBe('+14 pts');
    expect(formatChangeSize('volume_share_of_source', -0.05)).toBe('-5 pts');
    expect(formatChangeSize('sentiment_mean', -0.123)).toBe('-0.12');
    expect(formatChangeSize('volume', 120)).toBe('+120 posts');
    expect(formatChangeSize('volume', -3, 'author')).toBe('-3 authors');
  });
});
