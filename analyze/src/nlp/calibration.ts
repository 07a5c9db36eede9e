/**
 * Does a stated confidence mean what it says? Predictions are grouped by confidence into
 * equal-width bins; in a calibrated model each bin's accuracy matches its mean confidence.
 * Expected calibration error (Guo et al. 2017) is the gap, averaged with each bin weighted by
 * its share of the predictions.
 */

export interface ReliabilityBin {
  /** Lower and upper edge of the confidence bin. */
  from: number;
  to: number;
  n: number;
  mean_confidence: number;
  accuracy: number;
}

export interface Calibration {
  n: number;
  bins: ReliabilityBin[];
  /** Expected calibration error, in [0, 1]. */
  ece: number;
}

export function calibration(predictions: readonly { confidence: number; correct: boolean }[], binCount = 10): Calibration {
  const sums = Array.from({ length: binCount }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const p of predictions) {
    const bin = sums[Math.min(binCount - 1, Math.floor(p.confidence * binCount))]!;
    bin.n++;
    bin.confidence += p.confidence;
    if (p.correct) bin.correct++;
  }
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  let gap = 0;
  const bins: ReliabilityBin[] = [];
  sums.forEach((s, i) => {
    if (!s.n) return;
    gap += (s.n / predictions.length) * Math.abs(s.correct / s.n - s.confidence / s.n);
    bins.push({ from: i / binCount, to: (i + 1) / binCount, n: s.n, mean_confidence: r(s.confidence / s.n), accuracy: r(s.correct / s.n) });
  });
  return { n: predictions.length, bins, ece: r(predictions.length ? gap : 0) };
}

/** SemEval-2016 task 6's F_avg: the mean F1 of the two sides, ignoring neutral's own F1. */
export function sidesF1(confusion: Record<string, Record<string, number>>, sides: readonly [string, string]): number {
  const f1 = (label: string): number => {
    const tp = confusion[label]?.[label] ?? 0;
    const gold = Object.values(confusion[label] ?? {}).reduce((a, b) => a + b, 0);
    const predicted = Object.values(confusion).reduce((a, row) => a + (row[label] ?? 0), 0);
    const p = predicted ? tp / predicted : 0;
    const r = gold ? tp / gold : 0;
    return p + r ? (2 * p * r) / (p + r) : 0;
  };
  return Math.round(((f1(sides[0]) + f1(sides[1])) / 2) * 10000) / 10000;
}
