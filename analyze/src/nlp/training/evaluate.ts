/**
 * Scores examples with the fast scorer, and chooses the decision settings on out-of-fold
 * probabilities: per-class logit offsets for macro recall.
 */
import type { FeatureBuffer } from '../features.ts';
import { argMax, scoreLinear, type LinearModel } from '../linear-model.ts';
import { ConfusionCounter, type Metrics } from '../metrics.ts';
import type { Example } from './sparse-trainer.ts';

/** Probabilities [n x K] from the fast scorer (offsets included). */
export function predictFast(model: LinearModel, examples: readonly Example[]): Float64Array {
  const k = model.classes.length;
  const out = new Float64Array(examples.length * k);
  const probs = new Float64Array(k);
  examples.forEach((e, i) => {
    const features: FeatureBuffer = { ids: e.ids, count: e.ids.length };
    scoreLinear(model, features, probs);
    out.set(probs, i * k);
  });
  return out;
}

/** Turns one row's probabilities into a label index and its confidence. */
export type Decide = (probs: Float64Array) => { label: string; confidence: number };

export function metricsOfProbs(probs: Float64Array, examples: readonly Example[], classes: readonly string[], labels: readonly string[], decide: Decide): Metrics {
  const k = classes.length;
  const counter = new ConfusionCounter(labels);
  examples.forEach((e, i) => counter.add(classes[e.label]!, decide(probs.subarray(i * k, i * k + k)).label));
  return counter.metrics();
}

/** Arg-max of probabilities shifted by logit offsets (what the scorer does with offsets set). */
export function offsetDecision(classes: readonly string[], offsets: ArrayLike<number>): Decide {
  const k = classes.length;
  const shifted = new Float64Array(k);
  return (probs) => {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += (shifted[c] = probs[c]! * Math.exp(offsets[c]!));
    for (let c = 0; c < k; c++) shifted[c]! /= sum;
    const best = argMax(shifted, k);
    return { label: classes[best]!, confidence: shifted[best]! };
  };
}

/** Sets of out-of-fold probabilities scored together; the criterion is the mean macro recall. */
export interface Scored {
  probs: Float64Array;
  examples: readonly Example[];
}

const LABELS = ['negative', 'neutral', 'positive'];

export function meanMacroRecall(sets: readonly Scored[], classes: readonly string[], decide: Decide): { mean: number; each: Metrics[] } {
  const each = sets.map((s) => metricsOfProbs(s.probs, s.examples, classes, LABELS, decide));
  return { mean: each.reduce((a, m) => a + m.macro_recall, 0) / each.length, each };
}

/** Macro recall (over gold classes present) of arg-max(log p + offsets): the fast path of the search. */
function macroRecallWithOffsets(logs: Float64Array, gold: Int32Array, k: number, offsets: readonly number[]): number {
  const hits = new Float64Array(k);
  const totals = new Float64Array(k);
  for (let i = 0; i < gold.length; i++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < k; c++) {
      const v = logs[i * k + c]! + offsets[c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    totals[gold[i]!]!++;
    if (best === gold[i]) hits[gold[i]!]!++;
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    if (!totals[c]) continue;
    sum += hits[c]! / totals[c]!;
    present++;
  }
  return present ? sum / present : 0;
}

/** Grid search of offsets (first class fixed at 0) for the mean macro recall; ties go to the smallest adjustment. */
export function tuneOffsets(sets: readonly Scored[], classes: readonly string[], range = 1, step = 0.05): number[] {
  const k = classes.length;
  const prepared = sets.map((s) => ({ logs: s.probs.map((p) => Math.log(Math.max(p, 1e-300))), gold: Int32Array.from(s.examples, (e) => e.label) }));
  const steps = Math.round(range / step);
  const trial = new Array<number>(k).fill(0);
  let best = [...trial];
  let bestScore = -1;
  const visit = (c: number): void => {
    if (c === k) {
      const size = trial.reduce((s, x) => s + Math.abs(x), 0);
      const mean = prepared.reduce((a, p) => a + macroRecallWithOffsets(p.logs, p.gold, k, trial), 0) / prepared.length;
      const score = mean - size * 1e-4;
      if (score > bestScore) {
        bestScore = score;
        best = trial.map((x) => Math.round(x * 1e4) / 1e4);
      }
      return;
    }
    for (let s = -steps; s <= steps; s++) {
      trial[c] = s * step;
      visit(c + 1);
    }
  };
  visit(1);
  return best;
}
