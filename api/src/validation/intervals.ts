/**
 * What agreement figures need beside them: Krippendorff's alpha (nominal, two coders: the human
 * and the model) and 95% intervals from a bootstrap over the coded posts. Pure and seeded, so a
 * report is the same every time it is computed from the same sheet.
 *
 * Alpha = 1 - (n - 1) * D_o / D_e with the coincidence matrix of the pairs: each post adds 1 to
 * o[human][model] and 1 to o[model][human], n = 2 * posts, D_o = sum of o off the diagonal,
 * D_e = sum over c != k of n_c * n_k. Null when D_e = 0 (one label in use by both).
 *
 * Intervals: B resamples of the posts with replacement; each figure's 2.5th and 97.5th
 * percentiles over the resamples in which it is defined (the percentile method).
 */
import { seededRandomFromText } from '@rift/core';
import { agreement } from './agreement.ts';

type Pair = { human: string; model: string };
export type Interval = [number, number] | null;

export const BOOTSTRAP_RESAMPLES = 1000;
export const INTERVAL_METHOD = `95% percentile bootstrap over the coded posts (${BOOTSTRAP_RESAMPLES} resamples, seeded from the sheet)`;

export function krippendorffAlpha(labels: readonly string[], pairs: readonly Pair[]): number | null {
  const index = new Map(labels.map((l, i) => [l, i]));
  const totals = labels.map(() => 0);
  let disagreements = 0;
  for (const { human, model } of pairs) {
    totals[index.get(human)!]!++;
    totals[index.get(model)!]!++;
    if (human !== model) disagreements += 2;
  }
  const n = 2 * pairs.length;
  const sumSquares = totals.reduce((a, t) => a + t * t, 0);
  const expected = n * n - sumSquares;
  return expected === 0 ? null : 1 - ((n - 1) * disagreements) / expected;
}

function percentiles(values: number[]): Interval {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))]!;
  return [at(0.025), at(0.975)];
}

export interface AgreementIntervals {
  alpha: number | null;
  ci95: {
    kappa: Interval;
    alpha: Interval;
    accuracy: Interval;
    per_label: Array<{ label: string; precision: Interval; recall: Interval }>;
  };
  interval_method: string;
}

export function agreementIntervals(labels: readonly string[], pairs: readonly Pair[], seed: string): AgreementIntervals {
  const random = seededRandomFromText(seed);
  const draws = { kappa: [] as number[], alpha: [] as number[], accuracy: [] as number[] };
  const perLabel = labels.map(() => ({ precision: [] as number[], recall: [] as number[] }));
  const keep = (into: number[], v: number | null) => v !== null && into.push(v);
  for (let b = 0; pairs.length > 0 && b < BOOTSTRAP_RESAMPLES; b++) {
    const resample = pairs.map(() => pairs[Math.floor(random() * pairs.length)]!);
    const a = agreement(labels, resample);
    keep(draws.kappa, a.kappa);
    keep(draws.accuracy, a.accuracy);
    keep(draws.alpha, krippendorffAlpha(labels, resample));
    a.per_label.forEach((s, i) => {
      keep(perLabel[i]!.precision, s.precision);
      keep(perLabel[i]!.recall, s.recall);
    });
  }
  return {
    alpha: krippendorffAlpha(labels, pairs),
    ci95: {
      kappa: percentiles(draws.kappa),
      alpha: percentiles(draws.alpha),
      accuracy: percentiles(draws.accuracy),
      per_label: labels.map((label, i) => ({ label, precision: percentiles(perLabel[i]!.precision), recall: percentiles(perLabel[i]!.recall) })),
    },
    interval_method: INTERVAL_METHOD,
  };
}
