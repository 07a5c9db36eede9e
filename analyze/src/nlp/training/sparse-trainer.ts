/**
 * Trains a hashed linear softmax model by AdaGrad over one example at a time, in plain
 * TypeScript: logits = bias + the sum of one weight row per feature occurrence (exactly what
 * linear-model.ts scores), class-weighted cross-entropy, and an L2 pull toward a lexicon prior
 * on the rows an example touches (so lexicon words unseen in training keep their polarity).
 * A seeded shuffle and a fixed order of float operations make it deterministic: the same data
 * and settings give the same bytes. Seconds per model, so settings can be chosen by k-fold CV.
 */
import { seededRandom } from '@rift/core';
import { softmaxInPlace, type LinearModel } from '../linear-model.ts';

export interface Example {
  ids: Int32Array;
  label: number;
}

export interface SparseTrainOptions {
  classes: readonly string[];
  hashBits: number;
  epochs: number;
  learningRate: number;
  /** Strength of the pull toward the prior, per touched weight and step. */
  l2: number;
  /** Per-class loss weight (inverse frequency balances recall). */
  classWeights: readonly number[];
  seed: number;
  /** Optional per-example loss weight (e.g. to down-weight an out-of-domain source). */
  exampleWeights?: Float32Array;
}

export function shuffledOrder(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

const EPSILON = 1e-6;

export function trainSparse(examples: readonly Example[], prior: Float32Array | null, o: SparseTrainOptions): LinearModel {
  const k = o.classes.length;
  const size = (1 << o.hashBits) * k;
  const weights = prior ? Float32Array.from(prior) : new Float32Array(size);
  if (weights.length !== size) throw new Error(`prior has ${weights.length} values, expected ${size}`);
  const squares = new Float32Array(size);
  const bias = new Float64Array(k);
  const biasSquares = new Float64Array(k);
  const probs = new Float64Array(k);
  const grad = new Float64Array(k);
  const random = seededRandom(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = shuffledOrder(examples.length, random);
    for (let n = 0; n < order.length; n++) {
      const e = examples[order[n]!]!;
      const ids = e.ids;
      for (let c = 0; c < k; c++) probs[c] = bias[c]!;
      for (let i = 0; i < ids.length; i++) {
        const row = ids[i]! * k;
        for (let c = 0; c < k; c++) probs[c]! += weights[row + c]!;
      }
      softmaxInPlace(probs, k);
      const w = o.classWeights[e.label]! * (o.exampleWeights ? o.exampleWeights[order[n]!]! : 1);
      for (let c = 0; c < k; c++) grad[c] = w * (probs[c]! - (c === e.label ? 1 : 0));
      for (let c = 0; c < k; c++) {
        biasSquares[c]! += grad[c]! * grad[c]!;
        bias[c]! -= (o.learningRate * grad[c]!) / Math.sqrt(biasSquares[c]! + EPSILON);
      }
      for (let i = 0; i < ids.length; i++) {
        const row = ids[i]! * k;
        for (let c = 0; c < k; c++) {
          const j = row + c;
          const g = grad[c]! + o.l2 * (weights[j]! - (prior ? prior[j]! : 0));
          squares[j]! += g * g;
          weights[j]! -= (o.learningRate * g) / Math.sqrt(squares[j]! + EPSILON);
        }
      }
    }
  }
  return { classes: o.classes, hashBits: o.hashBits, weights, bias: Float32Array.from(bias), offsets: new Float32Array(k) };
}
