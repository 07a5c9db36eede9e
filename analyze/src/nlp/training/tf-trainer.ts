/**
 * Trains a hashed linear softmax model with tfjs: logits = bias + sum of weight rows of the
 * features (an embedding bag), weighted cross-entropy for class balance, L2 pulling weights
 * toward a lexicon prior (so lexicon words unseen in training keep their lexicon polarity).
 * Runs on the cpu backend in a fixed order, so the same data gives the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LinearModel } from '../linear-model.ts';
import { bagSum, touchedSquares } from './embedding-bag.ts';

export interface Example {
  ids: Int32Array;
  label: number;
}

export interface TrainOptions {
  classes: readonly string[];
  hashBits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Strength of the pull toward the prior, per weight. */
  l2: number;
  /** Per-class loss weight (inverse frequency balances recall). */
  classWeights: number[];
  seed: number;
  log?: (line: string) => void;
  /** Called after each epoch with the current weights (for watching validation while tuning). */
  onEpoch?: (epoch: number, model: LinearModel) => Promise<void> | void;
}

let backendReady: Promise<void> | null = null;

/** The cpu backend: deterministic and always available (tfjs-node cannot be installed here). */
export function ensureBackend(): Promise<void> {
  backendReady ??= tf.setBackend('cpu').then(() => tf.ready());
  return backendReady;
}

/** Mulberry32: a small seeded generator, so shuffles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): Int32Array {
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

/** Pads a batch into [B, L] ids, -1 marking padding (for the embedding-bag ops). */
function padBatch(examples: readonly Example[], picks: ArrayLike<number>): tf.Tensor2D {
  let width = 1;
  for (let i = 0; i < picks.length; i++) width = Math.max(width, examples[picks[i]!]!.ids.length);
  const ids = new Int32Array(picks.length * width).fill(-1);
  for (let i = 0; i < picks.length; i++) ids.set(examples[picks[i]!]!.ids, i * width);
  return tf.tensor2d(ids, [picks.length, width], 'int32');
}

/** Pads a batch into [B, L] ids with a 0/1 mask (plain tfjs ops, for checking). */
export function packBatch(examples: readonly Example[], picks: ArrayLike<number>): { ids: tf.Tensor2D; mask: tf.Tensor3D; length: number } {
  let width = 1;
  for (let i = 0; i < picks.length; i++) width = Math.max(width, examples[picks[i]!]!.ids.length);
  const ids = new Int32Array(picks.length * width);
  const mask = new Float32Array(picks.length * width);
  for (let i = 0; i < picks.length; i++) {
    const row = examples[picks[i]!]!.ids;
    ids.set(row, i * width);
    mask.fill(1, i * width, i * width + row.length);
  }
  return {
    ids: tf.tensor2d(ids, [picks.length, width], 'int32'),
    mask: tf.tensor3d(mask, [picks.length, width, 1]),
    length: width,
  };
}

/** Logits [B, K] of a batch for weights [H, K] and bias [K]. */
export function batchLogits(weights: tf.Tensor2D, bias: tf.Tensor1D, ids: tf.Tensor2D, mask: tf.Tensor3D): tf.Tensor2D {
  const rows = tf.gather(weights, ids) as unknown as tf.Tensor3D; // [B, L, K]
  return tf.add(tf.sum(tf.mul(rows, mask), 1), bias) as tf.Tensor2D;
}

export async function trainLinear(examples: readonly Example[], prior: Float32Array | null, options: TrainOptions): Promise<LinearModel> {
  await ensureBackend();
  const k = options.classes.length;
  const size = 1 << options.hashBits;
  // The variable is the deviation from the prior; exported weights are prior + deviation.
  const delta = tf.variable(tf.zeros([size, k]), true, 'delta');
  const bias = tf.variable(tf.zeros([k]), true, 'bias');
  const optimizer = tf.train.adam(options.learningRate);
  const bag = bagSum(prior);
  const classWeights = tf.tensor1d(options.classWeights);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffled(examples.length, random);
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const picks = order.subarray(start, Math.min(order.length, start + options.batchSize));
      const labels = new Int32Array(picks.length);
      for (let i = 0; i < picks.length; i++) labels[i] = examples[picks[i]!]!.label;
      const loss = tf.tidy(() => {
        const ids = padBatch(examples, picks);
        const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), k);
        const sampleWeights = tf.gather(classWeights, tf.tensor1d(labels, 'int32'));
        return optimizer.minimize(() => {
          const logits = tf.add(bag(delta, ids), bias);
          const ce = tf.losses.softmaxCrossEntropy(onehot, logits, sampleWeights, 0, tf.Reduction.SUM_BY_NONZERO_WEIGHTS);
          return tf.add(ce, tf.mul(options.l2, touchedSquares(delta, ids)));
        }, true) as tf.Scalar;
      });
      lossSum += (await loss.data())[0]!;
      loss.dispose();
      batches++;
    }
    options.log?.(`epoch ${epoch + 1}/${options.epochs}: loss ${(lossSum / batches).toFixed(4)}`);
    if (options.onEpoch) await options.onEpoch(epoch + 1, await snapshot());
  }
  async function snapshot(): Promise<LinearModel> {
    const weights = new Float32Array(await delta.data());
    if (prior) for (let i = 0; i < weights.length; i++) weights[i]! += prior[i]!;
    return { classes: options.classes, hashBits: options.hashBits, weights, bias: new Float32Array(await bias.data()), offsets: new Float32Array(k) };
  }
  const model = await snapshot();
  tf.dispose([delta, bias, classWeights]);
  optimizer.dispose();
  return model;
}

/** Class probabilities from tfjs for each example, for checking the fast scorer against tfjs. */
export async function predictWithTf(model: LinearModel, examples: readonly Example[], batchSize = 512): Promise<Float32Array> {
  await ensureBackend();
  const k = model.classes.length;
  const out = new Float32Array(examples.length * k);
  const weights = tf.tensor2d(model.weights, [1 << model.hashBits, k]);
  const bias = tf.tensor1d(Float32Array.from(model.bias, (b, c) => b + model.offsets[c]!));
  for (let start = 0; start < examples.length; start += batchSize) {
    const picks = Array.from({ length: Math.min(batchSize, examples.length - start) }, (_, i) => start + i);
    const probs = tf.tidy(() => {
      const { ids, mask } = packBatch(examples, picks);
      return tf.softmax(batchLogits(weights, bias, ids, mask));
    });
    out.set(await probs.data(), start * k);
    probs.dispose();
  }
  tf.dispose([weights, bias]);
  return out;
}
