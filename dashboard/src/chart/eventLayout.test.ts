import { describe, expect, it } from 'vitest';
import { badgeWidth, dodge, layoutBadges, MAX_SHIFT, type PlacedBadge } from './eventLayout';

function expectApart(badges: PlacedBadge[], left: number, right: number) {
  for (let i = 0; i < badges.length; i++) {
    const b = badges[i]!;
    expect(b.x - b.width / 2).toBeGreaterThanOrEqual(left);
    expect(b.x + b.width / 2).toBeLessThanOrEqual(right);
    const next = badges[i + 1];
    if (next) expect(next.x - next.width / 2).toBeGreaterThanOrEqual(b.x + b.width / 2);
  }
}

describe('dodge', () => {
  it('leaves boxes that do not touch where they are', () => {
    expect(dodge([{ ideal: 50, width: 18 }, { ideal: 100, width: 18 }], 0, 200)).toEqual([50, 100]);
  });

  it('pushes touching boxes apart around their mean, and keeps them inside the bounds', () => {
    expect(dodge([{ ideal: 100, width: 20 }, { ideal: 100, width: 20 }], 0, 200, 0)).toEqual([90, 110]);
    expect(dodge([{ ideal: 2, width: 20 }, { ideal: 4, width: 20 }], 0, 200, 0)).toEqual([10, 30]);
    expect(dodge([{ ideal: 199, width: 20 }], 0, 200)).toEqual([190]);
  });

  it('says when the boxes cannot fit side by side', () => {
    expect(dodge([{ ideal: 10, width: 60 }, { ideal: 20, width: 60 }], 0, 100)).toBeNull();
  });
});

describe('layoutBadges', () => {
  it('gives each event a badge of its own when there is room, none overlapping', () => {
    const events = [10, 13, 17, 18, 20].map((day, i) => ({ number: i + 6, x: 600 + day * 2 }));
    const badges = layoutBadges(events, 60, 1250);
    expect(badges.map((b) => b.label)).toEqual(['6', '7', '8', '9', '10']);
    expectApart(badges, 60, 1250);
    for (const b of badges) expect(Math.abs(b.x - b.lineXs[0]!)).toBeLessThanOrEqual(MAX_SHIFT);
  });

  it('lets the closest neighbours share a badge when they cannot all sit near their lines', () => {
    const events = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ number: i + 1, x: 200 + i }));
    const badges = layoutBadges(events, 0, 390);
    expectApart(badges, 0, 390);
    expect(badges.flatMap((b) => b.numbers)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(badges.length).toBeLessThan(8);
    expect(badges.some((b) => b.label.includes('–'))).toBe(true);
    for (const b of badges) expect(Math.abs(b.x - (b.lineXs[0]! + b.lineXs.at(-1)!) / 2)).toBeLessThanOrEqual(MAX_SHIFT);
  });

  it('labels a shared badge with the first and last number and sizes it to the label', () => {
    const [only, ...rest] = layoutBadges([6, 7, 8, 9, 10].map((n) => ({ number: n, x: 110 })), 90, 130);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ label: '6–10', numbers: [6, 7, 8, 9, 10], width: badgeWidth('6–10') });
  });
});
