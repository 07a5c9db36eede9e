import { describe, expect, it } from 'vitest';
import { agreement } from './agreement.ts';
import { agreementIntervals, krippendorffAlpha } from './intervals.ts';

const LABELS = ['oppose_ban', 'support_ban', 'neutral'];
const pairs = (spec: Array<[string, string, number]>) => spec.flatMap(([human, model, k]) => Array.from({ length: k }, () => ({ human, model })));

describe("Krippendorff's alpha", () => {
  it('matches a hand computation', () => {
    // 10 posts: 4 oppose/oppose, 3 support/support, 1 oppose/support, 2 neutral/oppose.
    // Totals over 20 values: oppose 4*2+1+2 = 11, support 3*2+1 = 7, neutral 2; D_o = 2*3 = 6.
    // alpha = 1 - 19 * 6 / (400 - (121 + 49 + 4)) = 1 - 114 / 226.
    const p = pairs([['oppose_ban', 'oppose_ban', 4], ['support_ban', 'support_ban', 3], ['oppose_ban', 'support_ban', 1], ['neutral', 'oppose_ban', 2]]);
    expect(krippendorffAlpha(LABELS, p)).toBeCloseTo(1 - 114 / 226, 12);
  });

  it('is 1 for perfect agreement and null when one label is all there is', () => {
    expect(krippendorffAlpha(LABELS, pairs([['oppose_ban', 'oppose_ban', 3], ['neutral', 'neutral', 2]]))).toBe(1);
    expect(krippendorffAlpha(LABELS, pairs([['neutral', 'neutral', 5]]))).toBeNull();
  });
});

describe('bootstrap intervals', () => {
  const p = pairs([['oppose_ban', 'oppose_ban', 40], ['support_ban', 'support_ban', 30], ['oppose_ban', 'support_ban', 10], ['neutral', 'neutral', 15], ['neutral', 'oppose_ban', 5]]);

  it('bracket the point estimates and are the same for the same seed', () => {
    const a = agreement(LABELS, p);
    const i = agreementIntervals(LABELS, p, 'sheet-1');
    expect(i.ci95.kappa![0]).toBeLessThan(a.kappa!);
    expect(i.ci95.kappa![1]).toBeGreaterThan(a.kappa!);
    expect(i.ci95.accuracy![0]).toBeLessThan(a.accuracy!);
    expect(i.ci95.accuracy![1]).toBeGreaterThan(a.accuracy!);
    expect(i.ci95.alpha![0]).toBeLessThan(i.alpha!);
    expect(i.ci95.alpha![1]).toBeGreaterThan(i.alpha!);
    const oppose = i.ci95.per_label.find((l) => l.label === 'oppose_ban')!;
    expect(oppose.recall![0]).toBeLessThan(0.8);
    expect(oppose.recall![1]).toBeGreaterThan(0.8);
    expect(agreementIntervals(LABELS, p, 'sheet-1')).toEqual(i);
    expect(i.interval_method).toMatch(/95% percentile bootstrap/);
  });

  it('narrow as the sample grows', () => {
    const width = (x: [number, number] | null) => x![1] - x![0];
    const small = agreementIntervals(LABELS, p.slice(0, 100).filter((_, k) => k % 4 === 0), 's');
    const large = agreementIntervals(LABELS, [...p, ...p, ...p, ...p], 's');
    expect(width(large.ci95.kappa)).toBeLessThan(width(small.ci95.kappa));
  });

  it('gives no interval without coded posts', () => {
    expect(agreementIntervals(LABELS, [], 's').ci95.kappa).toBeNull();
  });
});
