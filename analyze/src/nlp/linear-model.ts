/**
 * The fast scorer: a hashed linear model over typed arrays. Logits are a bias plus the sum of
 * one weight row per feature occurrence, so a post costs a few hundred additions.
 * Weight layout is row-major: weights[feature * classes + class].
 */
import type { FeatureBuffer } from './features.ts';

export interface LinearModel {
  classes: readonly string[];
  hashBits: number;
  /** (2^hashBits) x classes */
  weights: Float32Array;
  bias: Float32Array;
  /** Added to logits before the arg-max; chosen on validation data to balance recall. */
  offsets: Float32Array;
}

/** Writes the class probabilities (softmax of logits + offsets) into `probs`. */
export function scoreLinear(model: LinearModel, features: FeatureBuffer, probs: Float64Array): void {
  const k = model.classes.length;
  const w = model.weights;
  for (let c = 0; c < k; c++) probs[c] = model.bias[c]! + model.offsets[c]!;
  const ids = features.ids;
  if (k === 3) {
    let a = probs[0]!;
    let b = probs[1]!;
    let d = probs[2]!;
    for (let i = 0; i < features.count; i++) {
      const row = ids[i]! * 3;
      a += w[row]!;
      b += w[row + 1]!;
      d += w[row + 2]!;
    }
    probs[0] = a;
    probs[1] = b;
    probs[2] = d;
  } else {
    for (let i = 0; i < features.count; i++) {
      const row = ids[i]! * k;
      for (let c = 0; c < k; c++) probs[c]! += w[row + c]!;
    }
  }
  softmaxInPlace(probs, k);
}

export function softmaxInPlace(values: Float64Array, k: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (values[c]! > max) max = values[c]!;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(values[c]! - max);
    values[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) values[c]! /= sum;
}

export function argMax(values: Float64Array, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (values[c]! > values[best]!) best = c;
  return best;
}
