/**
 * Multinomial logistic regression over sparse binary features, trained full-batch with Adam
 * and an L2 penalty toward a prior (zero, or what domain knowledge says a feature means),
 * class-weighted so each class counts equally. The data sets it serves are
 * small (hundreds of statements), so full batches in a fixed order are quick and make the same
 * data give the same weights on every machine.
 */

export interface SparseExample {
  /** Indices of the features present (each counts once). */
  features: Int32Array;
  label: number;
  /** How much the example counts (default 1); class balancing sums these. */
  weight?: number;
}

export interface SoftmaxOptions {
  classes: number;
  featureCount: number;
  /** L2 strength per feature index (lets lexical and frame features be held differently). */
  l2: (feature: number) => number;
  /** Where the penalty pulls each weight (featureCount x classes); zero when absent. */
  prior?: Float64Array;
  iterations: number;
  learningRate: number;
}

export interface SoftmaxWeights {
  /** featureCount x classes, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

export function trainSoftmax(examples: readonly SparseExample[], options: SoftmaxOptions): SoftmaxWeights {
  const { classes: k, featureCount } = options;
  const prior = options.prior ?? new Float64Array(featureCount * k);
  const weights = Float64Array.from(prior);
  const bias = new Float64Array(k);
  const classWeight = balancedClassWeights(examples, k);
  const l2 = Float64Array.from({ length: featureCount }, (_, f) => options.l2(f));
  const gradW = new Float64Array(weights.length);
  const gradB = new Float64Array(k);
  const adamW = new Adam(weights.length);
  const adamB = new Adam(k);
  const probs = new Float64Array(k);
  const total = examples.reduce((s, e) => s + classWeight[e.label]! * (e.weight ?? 1), 0);

  for (let step = 1; step <= options.iterations; step++) {
    gradW.fill(0);
    gradB.fill(0);
    for (const example of examples) {
      logits(weights, bias, example.features, k, probs);
      softmax(probs);
      const scale = (classWeight[example.label]! * (example.weight ?? 1)) / total;
      for (let c = 0; c < k; c++) {
        const g = (probs[c]! - (c === example.label ? 1 : 0)) * scale;
        gradB[c]! += g;
        for (const f of example.features) gradW[f * k + c]! += g;
      }
    }
    for (let f = 0; f < featureCount; f++) {
      for (let c = 0; c < k; c++) gradW[f * k + c]! += l2[f]! * (weights[f * k + c]! - prior[f * k + c]!);
    }
    adamW.step(weights, gradW, options.learningRate, step);
    adamB.step(bias, gradB, options.learningRate, step);
  }
  return { weights, bias };
}

/** Writes the logits of one example into `out`. */
export function logits(weights: Float64Array, bias: Float64Array, features: Int32Array, k: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) out[c] = bias[c]!;
  for (const f of features) for (let c = 0; c < k; c++) out[c]! += weights[f * k + c]!;
}

export function softmax(values: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < values.length; c++) {
    values[c] = Math.exp((values[c]! - max) / temperature);
    sum += values[c]!;
  }
  for (let c = 0; c < values.length; c++) values[c]! /= sum;
}

function balancedClassWeights(examples: readonly SparseExample[], k: number): Float64Array {
  const counts = new Float64Array(k);
  let sum = 0;
  for (const e of examples) {
    counts[e.label]! += e.weight ?? 1;
    sum += e.weight ?? 1;
  }
  return Float64Array.from(counts, (n) => (n ? sum / (k * n) : 0));
}

class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;

  constructor(size: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  step(params: Float64Array, grad: Float64Array, rate: number, t: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]!;
      this.m[i] = b1 * this.m[i]! + (1 - b1) * g;
      this.v[i] = b2 * this.v[i]! + (1 - b2) * g * g;
      params[i]! -= (rate * (this.m[i]! / c1)) / (Math.sqrt(this.v[i]! / c2) + 1e-8);
    }
  }
}
