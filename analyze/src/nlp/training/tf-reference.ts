/**
 * The same linear model evaluated by tfjs (gather, mask, sum, softmax on the cpu backend), as
 * an independent check that the fast scorer in linear-model.ts computes what the model means.
 * Training does not use tfjs: the plain scorer is faster and gives the same outputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { LinearModel } from '../linear-model.ts';
import type { Example } from './sparse-trainer.ts';

let backendReady: Promise<void> | null = null;

function ensureBackend(): Promise<void> {
  backendReady ??= tf.setBackend('cpu').then(() => tf.ready());
  return backendReady;
}

/** Pads a batch into [B, L] ids with a 0/1 mask. */
function packBatch(examples: readonly Example[], picks: ArrayLike<number>): { ids: tf.Tensor2D; mask: tf.Tensor3D } {
  let width = 1;
  for (let i = 0; i < picks.length; i++) width = Math.max(width, examples[picks[i]!]!.ids.length);
  const ids = new Int32Array(picks.length * width);
  const mask = new Float32Array(picks.length * width);
  for (let i = 0; i < picks.length; i++) {
    const row = examples[picks[i]!]!.ids;
    ids.set(row, i * width);
    mask.fill(1, i * width, i * width + row.length);
  }
  return { ids: tf.tensor2d(ids, [picks.length, width], 'int32'), mask: tf.tensor3d(mask, [picks.length, width, 1]) };
}

/** Class probabilities from tfjs for each example. */
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
      const rows = tf.gather(weights, ids) as unknown as tf.Tensor3D;
      return tf.softmax(tf.add(tf.sum(tf.mul(rows, mask), 1), bias));
    });
    out.set(await probs.data(), start * k);
    probs.dispose();
  }
  tf.dispose([weights, bias]);
  return out;
}
