import { seededRandom } from '@rift/core';
import { describe, expect, it } from 'vitest';
import { changePoints } from './change-points.ts';

const noise = (random: () => number) => (random() + random() + random() - 1.5) * 0.04;

describe('change points by binary segmentation', () => {
  it('finds two level shifts where they are, with the levels on either side', () => {
    const random = seededRandom(3);
    const series = Array.from({ length: 90 }, (_, i) => (i < 30 ? 0.3 : i < 60 ? 0.6 : 0.45) + noise(random));
    const found = changePoints(series);
    expect(found.map((c) => c.index)).toEqual([30, 60]);
    expect(found[0]!.before).toBeCloseTo(0.3, 1);
    expect(found[0]!.after).toBeCloseTo(0.6, 1);
    expect(found[1]!.after).toBeCloseTo(0.45, 1);
  });

  it('finds none in noise around one level, nor in a series too short to split', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      expect(changePoints(Array.from({ length: 120 }, () => 0.5 + noise(random)))).toEqual([]);
    }
    expect(changePoints([0, 0, 1, 1])).toEqual([]);
  });
});
