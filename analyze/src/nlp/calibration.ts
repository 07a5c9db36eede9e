/**
 * Calibration of a classifier's confidence: a reliability table (predictions binned by the
 * confidence of the label given, each bin's mean confidence beside how often it was right) and
 * the expected calibration error, ECE = sum over bins of (bin n / N) * |accuracy - mean confidence|.
 * Bins are equal-width over [0, 1]; a confidence of exactly 1 falls in the last bin.
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
  ece: number;
  /** Bins that hold at least one prediction, in order. */
  bins: ReliabilityBin[];
}

export class CalibrationCounter {
  private readonly counts: Float64Array;
  private readonly confidenceSums: Float64Array;
  private readonly correct: Float64Array;

  constructor(private readonly binCount = 10) {
    this.counts = new Float64Array(binCount);
    this.confidenceSums = new Float64Array(binCount);
    this.correct = new Float64Array(binCount);
  }

  add(confidence: number, right: boolean): void {
    if (!(confidence >= 0 && confidence <= 1)) throw new Error(`confidence ${confidence} is outside [0, 1]`);
    const b = Math.min(this.binCount - 1, Math.floor(confidence * this.binCount));
    this.counts[b]!++;
    this.confidenceSums[b]! += confidence;
    if (right) this.correct[b]!++;
  }

  result(): Calibration {
    const r = (x: number): number => Math.round(x * 10000) / 10000;
    let n = 0;
    for (const c of this.counts) n += c;
    let ece = 0;
    const bins: ReliabilityBin[] = [];
    for (let b = 0; b < this.binCount; b++) {
      const count = this.counts[b]!;
      if (!count) continue;
      const meanConfidence = this.confidenceSums[b]! / count;
      const accuracy = this.correct[b]! / count;
      ece += (count / n) * Math.abs(accuracy - meanConfidence);
      bins.push({ from: r(b / this.binCount), to: r((b + 1) / this.binCount), n: count, mean_confidence: r(meanConfidence), accuracy: r(accuracy) });
    }
    return { n, ece: r(ece), bins };
  }
}

/** The reliability table as fixed-width text lines, for `rift eval` and the bench. */
export function formatReliability(c: Calibration): string[] {
  return [
    `  confidence    n     mean conf  accuracy   (ECE ${c.ece})`,
    ...c.bins.map((b) => `  ${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.n).padStart(6)}  ${b.mean_confidence.toFixed(3).padStart(9)}  ${b.accuracy.toFixed(3).padStart(8)}`),
  ];
}

/** Calibration of a list of predictions at once. */
export function calibration(predictions: readonly { confidence: number; correct: boolean }[], binCount = 10): Calibration {
  const counter = new CalibrationCounter(binCount);
  for (const p of predictions) counter.add(p.confidence, p.correct);
  return counter.result();
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
