import { describe, expect, it } from 'vitest';
import { niceStep, symmetricAxis, valueAxis, zeroBasedAxis } from './axes';
import type { ChartRow } from './rows';

const row = (ts: number, values: Record<string, number | null>): ChartRow => ({ ts, values, counts: {}, authors: {}, denominators: {} });

describe('value axes', () => {
  it('rounds steps to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.03, 0.18, 0.7, 3, 7, 1112 / 4].map(niceStep)).toEqual([0.05, 0.2, 1, 5, 10, 500]);
  });

  it('starts counts at zero with round ticks: 1,108 to 1,112 posts is not a cliff', () => {
    const axis = valueAxis('volume', [row(1, { public: 1108, us_government: 2 }), row(2, { public: 1112, us_government: 3 })], ['public', 'us_government']);
    expect(axis).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
    expect(zeroBasedAxis(3, 4, true)).toEqual({ domain: [0, 3], ticks: [0, 1, 2, 3] });
  });

  it('stacks the series of a row when the areas are stacked', () => {
    expect(valueAxis('volume', [row(1, { a: 60, b: 50 })], ['a', 'b'], true).domain).toEqual([0, 150]);
  });

  it('keeps sentiment symmetric around 0, never a sliver such as -0.18 to 0', () => {
    expect(valueAxis('sentiment_mean', [row(1, { public: -0.18, us_government: -0.02 })], ['public', 'us_government'])).toEqual({
      domain: [-0.2, 0.2],
      ticks: [-0.2, -0.1, 0, 0.1, 0.2],
    });
    expect(symmetricAxis(0.7).domain).toEqual([-1, 1]);
  });

  it('draws stance shares over 0-100%', () => {
    expect(valueAxis('stance_oppose_share', [row(1, { public: 0.41 })], ['public']).domain).toEqual([0, 1]);
  });
});
