import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.ts';

const strata = (counts: Record<string, number>) => Object.entries(counts).map(([stratum, population]) => ({ stratum, population }));

describe('allocate', () => {
  it('proportional: largest remainders, sums to n', () => {
    const a = allocate(10, strata({ a: 50, b: 30, c: 20, d: 0 }), 'proportional');
    expect(a.map((s) => s.target)).toEqual([5, 3, 2, 0]);
    const b = allocate(10, strata({ a: 1, b: 1, c: 1 }), 'proportional');
    // 3.33 each: the one left over goes to the first in label order.
    expect(b.map((s) => s.target)).toEqual([4, 3, 3]);
    expect(b.map((s) => s.drawn)).toEqual([1, 1, 1]);
  });

  it('equal: the same for every stratum with posts, remainder in label order, shortfall not refilled', () => {
    const a = allocate(10, strata({ a: 100, b: 2, c: 0, d: 100 }), 'equal');
    expect(a.map((s) => [s.target, s.drawn])).toEqual([[4, 4], [3, 2], [0, 0], [3, 3]]);
  });
});
