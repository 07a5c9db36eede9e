/** Classification metrics shared by `rift eval`, training and the model card. */

export interface Metrics {
  n: number;
  accuracy: number;
  macro_recall: number;
  macro_f1: number;
  /** confusion[gold][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}

export class ConfusionCounter {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly labels = new Set<string>();
  n = 0;

  constructor(labels: readonly string[] = []) {
    for (const l of labels) this.labels.add(l);
  }

  add(gold: string, predicted: string): void {
    this.labels.add(gold);
    this.labels.add(predicted);
    let row = this.counts.get(gold);
    if (!row) this.counts.set(gold, (row = new Map()));
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    this.n++;
  }

  /** Recall and F1 are averaged over the gold labels present (a class never seen has no recall). */
  metrics(): Metrics {
    const labels = [...this.labels];
    const get = (g: string, p: string): number => this.counts.get(g)?.get(p) ?? 0;
    let correct = 0;
    let recallSum = 0;
    let f1Sum = 0;
    const golds = labels.filter((g) => this.counts.has(g));
    for (const g of golds) {
      const tp = get(g, g);
      correct += tp;
      const goldTotal = labels.reduce((s, p) => s + get(g, p), 0);
      const predTotal = labels.reduce((s, x) => s + get(x, g), 0);
      const recall = goldTotal ? tp / goldTotal : 0;
      const precision = predTotal ? tp / predTotal : 0;
      recallSum += recall;
      f1Sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    }
    const confusion: Metrics['confusion'] = {};
    for (const g of golds) {
      confusion[g] = {};
      for (const p of labels) confusion[g]![p] = get(g, p);
    }
    const r = (x: number): number => Math.round(x * 10000) / 10000;
    return {
      n: this.n,
      accuracy: r(this.n ? correct / this.n : 0),
      macro_recall: r(golds.length ? recallSum / golds.length : 0),
      macro_f1: r(golds.length ? f1Sum / golds.length : 0),
      confusion,
    };
  }
}
