/**
 * Agreement between human codes (the reference) and model labels (the prediction), for one
 * labelling task. Pure: no I/O, so every number can be checked by hand in the tests.
 *
 * - confusion[i][j]: posts the human coded labels[i] and the model labelled labels[j].
 * - precision(L) = agreed L / model said L; recall(L) = agreed L / human said L; F1 their
 *   harmonic mean. A ratio with a zero denominator is null (undefined), not 0.
 * - Cohen's kappa = (po - pe) / (1 - pe), po the observed agreement, pe the agreement expected
 *   by chance from each side's label shares. When pe = 1 (both sides used one same label)
 *   kappa is undefined and null.
 */

export interface LabelScores {
  label: string;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Posts the human gave this label. */
  support: number;
}

export interface Agreement {
  n: number;
  labels: string[];
  confusion: number[][];
  per_label: LabelScores[];
  accuracy: number | null;
  macro_f1: number | null;
  kappa: number | null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function agreement(labels: readonly string[], pairs: ReadonlyArray<{ human: string; model: string }>): Agreement {
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  for (const { human, model } of pairs) {
    const i = index.get(human);
    const j = index.get(model);
    if (i === undefined || j === undefined) throw new Error(`label outside ${labels.join(', ')}: ${i === undefined ? human : model}`);
    confusion[i]![j]!++;
  }
  const n = pairs.length;
  const rowSums = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = labels.map((_, j) => confusion.reduce((a, row) => a + row[j]!, 0));
  const agreed = labels.reduce((a, _, i) => a + confusion[i]![i]!, 0);

  const perLabel = labels.map((label, i) => {
    const tp = confusion[i]![i]!;
    const precision = ratio(tp, colSums[i]!);
    const recall = ratio(tp, rowSums[i]!);
    const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: rowSums[i]! };
  });

  // Macro F1 over the labels the humans used: a label nobody coded has no recall to average.
  const used = perLabel.filter((s) => s.support > 0);
  const macroF1 = used.length === 0 ? null : used.reduce((a, s) => a + (s.f1 ?? 0), 0) / used.length;

  let kappa: number | null = null;
  if (n > 0) {
    const po = agreed / n;
    const pe = labels.reduce((a, _, i) => a + (rowSums[i]! / n) * (colSums[i]! / n), 0);
    kappa = pe === 1 ? null : (po - pe) / (1 - pe);
  }
  return { n, labels: [...labels], confusion, per_label: perLabel, accuracy: ratio(agreed, n), macro_f1: macroF1, kappa };
}
