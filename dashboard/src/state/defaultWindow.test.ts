import { describe, expect, it } from 'vitest';
import { defaultWindow, recentMonths, windowKind } from './defaultWindow';

const data = { from: '2018-03-05', to: '2025-12-31' };

describe('defaultWindow', () => {
  it("opens on the pack's period when stored posts fall in it", () => {
    expect(defaultWindow({ from: '2024-03-01', to: '2025-06-30' }, data)).toEqual({ kind: 'pack', from: '2024-03-01', to: '2025-06-30' });
  });

  it('opens on the last six calendar months of data without a period, or when no post falls in it', () => {
    expect(defaultWindow(null, data)).toEqual({ kind: 'recent', from: '2025-07-01', to: '2025-12-31' });
    expect(defaultWindow({ from: '2010-01-01', to: '2011-12-31' }, data)).toEqual({ kind: 'recent', from: '2025-07-01', to: '2025-12-31' });
  });

  it('has nothing to open on when nothing is stored', () => {
    expect(defaultWindow({ from: '2024-03-01', to: '2025-06-30' }, null)).toBeNull();
  });
});

describe('recentMonths', () => {
  it('counts whole months back across a year, and never starts before the data', () => {
    expect(recentMonths({ from: '2020-01-01', to: '2025-03-10' })).toEqual({ from: '2024-10-01', to: '2025-03-10' });
    expect(recentMonths({ from: '2025-02-14', to: '2025-03-10' })).toEqual({ from: '2025-02-14', to: '2025-03-10' });
  });
});

describe('windowKind', () => {
  const pack = { kind: 'pack' as const, from: '2024-03-01', to: '2025-06-30' };
  it('tells the default, the whole range and a chosen range apart', () => {
    expect(windowKind({ from: '2024-03-01', to: '2025-06-30' }, pack, data)).toBe('pack');
    expect(windowKind(data, pack, data)).toBe('all');
    expect(windowKind({ from: '2024-06-03', to: '2024-09-01' }, pack, data)).toBe('custom');
  });
});
