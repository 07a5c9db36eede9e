import { describe, expect, it } from 'vitest';
import { agreement } from './agreement.ts';

const STANCE = ['support_ban', 'oppose_ban', 'neutral'];

/** Pairs from a confusion matrix (rows: human, columns: model). */
function pairsFrom(labels: string[], matrix: number[][]) {
  return matrix.flatMap((row, i) => row.flatMap((count, j) => Array.from({ length: count }, () => ({ human: labels[i]!, model: labels[j]! }))));
}

describe('agreement', () => {
  it('matches a hand-worked three-label example', () => {
    // po = 15/20; pe = (5*5 + 8*7 + 7*8) / 400 = 137/400; kappa = (0.75 - 0.3425) / 0.6575 = 163/263.
    const a = agreement(STANCE, pairsFrom(STANCE, [[4, 1, 0], [1, 5, 2], [0, 1, 6]]));
    expect(a.n).toBe(20);
    expect(a.confusion).toEqual([[4, 1, 0], [1, 5, 2], [0, 1, 6]]);
    expect(a.accuracy).toBeCloseTo(0.75, 12);
    expect(a.kappa).toBeCloseTo(163 / 263, 12);
    const [support, oppose, neutral] = a.per_label;
    expect(support).toMatchObject({ label: 'support_ban', support: 5 });
    expect(support!.precision).toBeCloseTo(4 / 5, 12);
    expect(support!.recall).toBeCloseTo(4 / 5, 12);
    expect(support!.f1).toBeCloseTo(0.8, 12);
    expect(oppose!.precision).toBeCloseTo(5 / 7, 12);
    expect(oppose!.recall).toBeCloseTo(5 / 8, 12);
    expect(oppose!.f1).toBeCloseTo(2 / 3, 12);
    expect(neutral!.precision).toBeCloseTo(6 / 8, 12);
    expect(neutral!.recall).toBeCloseTo(6 / 7, 12);
    expect(neutral!.f1).toBeCloseTo(0.8, 12);
    expect(a.macro_f1).toBeCloseTo(34 / 45, 12);
  });

  it('gives kappa 0.4 on the textbook two-rater yes/no example', () => {
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5.
    const a = agreement(['yes', 'no'], pairsFrom(['yes', 'no'], [[20, 5], [10, 15]]));
    expect(a.kappa).toBeCloseTo(0.4, 12);
  });

  it('gives kappa 1 for perfect agreement and a negative kappa for systematic disagreement', () => {
    expect(agreement(STANCE, pairsFrom(STANCE, [[3, 0, 0], [0, 2, 0], [0, 0, 1]])).kappa).toBe(1);
    // po = 0, pe = 0.5: kappa = -1.
    expect(agreement(['a', 'b'], pairsFrom(['a', 'b'], [[0, 5], [5, 0]])).kappa).toBeCloseTo(-1, 12);
  });

  it('leaves undefined ratios null instead of inventing zeros', () => {
    // Both sides used only "neutral": chance agreement is 1 and kappa is undefined.
    const same = agreement(STANCE, pairsFrom(STANCE, [[0, 0, 0], [0, 0, 0], [0, 0, 4]]));
    expect(same.kappa).toBeNull();
    expect(same.per_label[0]).toEqual({ label: 'support_ban', precision: null, recall: null, f1: null, support: 0 });
    expect(same.macro_f1).toBe(1);
    const empty = agreement(STANCE, []);
    expect(empty).toMatchObject({ n: 0, accuracy: null, kappa: null, macro_f1: null });
  });

  it('refuses labels outside the set', () => {
    expect(() => agreement(STANCE, [{ human: 'maybe', model: 'neutral' }])).toThrow(/maybe/);
  });
});
