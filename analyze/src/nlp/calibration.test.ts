import { describe, expect, it } from 'vitest';
import { CalibrationCounter } from './calibration.ts';

describe('calibration', () => {
  it('computes the reliability table and ECE of a small known example', () => {
    const c = new CalibrationCounter(10);
    // Bin 0.9-1.0: confidences 0.9 and 1.0 (mean 0.95), one right -> accuracy 0.5, gap 0.45.
    c.add(0.9, true);
    c.add(1, false);
    // Bin 0.6-0.7: 0.6, 0.6, 0.6, 0.6 (mean 0.6), three right -> accuracy 0.75, gap 0.15.
    c.add(0.6, true);
    c.add(0.6, true);
    c.add(0.6, true);
    c.add(0.6, false);
    const r = c.result();
    expect(r.n).toBe(6);
    expect(r.bins).toEqual([
      { from: 0.6, to: 0.7, n: 4, mean_confidence: 0.6, accuracy: 0.75 },
      { from: 0.9, to: 1, n: 2, mean_confidence: 0.95, accuracy: 0.5 },
    ]);
    // ECE = 4/6 * 0.15 + 2/6 * 0.45 = 0.1 + 0.15
    expect(r.ece).toBeCloseTo(0.25, 10);
  });

  it('is zero when confidence matches accuracy, and refuses a confidence outside [0, 1]', () => {
    const c = new CalibrationCounter(4);
    c.add(0.5, true);
    c.add(0.5, false);
    expect(c.result().ece).toBe(0);
    expect(() => c.add(1.2, true)).toThrow(/outside/);
  });
});
