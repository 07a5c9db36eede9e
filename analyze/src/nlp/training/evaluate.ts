/** Scores examples with the fast scorer, and picks decision offsets on validation data. */
import type { FeatureBuffer } from '../features.ts';
import { argMax, scoreLinear, type LinearModel } from '../linear-model.ts';
import { ConfusionCounter, type Metrics } from '../metrics.ts';
import type { Example } from './tf-trainer.ts';

/** Probabilities [n x K] from the fast scorer. */
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

export function metricsOf(model: LinearModel, examples: readonly Example[], probs = predictFast(model, examples)): Metrics {
  const k = model.classes.length;
  const counter = new ConfusionCounter(model.classes);
  examples.forEach((e, i) => counter.add(model.classes[e.label]!, model.classes[argMax(probs.subarray(i * k, i * k + k), k)]!));
  return counter.metrics();
}

/**
 * Grid search of per-class logit offsets (first class fixed at 0) for macro recall. Two or
 * three numbers chosen on validation data: a threshold choice, not training on it.
 */
export function tuneOffsets(model: LinearModel, examples: readonly Example[], range = 1, step = 0.05): Float32Array {
  const k = model.classes.length;
  const saved = model.offsets;
  let best = new Float32Array(k);
  let bestScore = -1;
  const steps = Math.round(range / step);
  const trial = new Float32Array(k);
  const visit = (c: number): void => {
    if (c === k) {
      model.offsets = trial;
      const m = metricsOf(model, examples);
      // Ties go to the smallest adjustment.
      const size = trial.reduce((s, x) => s + Math.abs(x), 0);
      const score = m.macro_recall - size * 1e-4;
      if (score > bestScore) {
        bestScore = score;
        best = Float32Array.from(trial);
      }
      return;
    }
    for (let s = -steps; s <= steps; s++) {
      trial[c] = s * step;
      visit(c + 1);
    }
  };
  visit(1);
  model.offsets = saved;
  return best;
}
