/**
 * Two tfjs ops with hand-written kernels for sparse bags of feature ids. tfjs' own path
 * (gather, then mask and sum) works but is slow on the cpu backend: broadcasting and the
 * gather gradient (unsortedSegmentSum loops over every hash row) dominate a step. These
 * read the typed arrays directly; tfjs still does the autodiff, loss and Adam updates.
 * Padding ids are -1 and contribute nothing.
 */
import * as tf from '@tensorflow/tfjs';

type Op = (weights: tf.Tensor, ids: tf.Tensor) => tf.Tensor;

function customOp(build: (weights: tf.Tensor, ids: tf.Tensor) => { value: tf.Tensor; grad: (dy: Float32Array) => Float32Array }): Op {
  const fn = tf.customGrad(((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [weights, ids] = inputs as [tf.Tensor, tf.Tensor];
    const { value, grad } = build(weights, ids);
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const d = (Array.isArray(dy) ? dy[0]! : dy).dataSync() as Float32Array;
        return [tf.tensor(grad(d), weights.shape), tf.zerosLike(ids)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return fn as unknown as Op;
}

/**
 * Sum of weight rows (plus the same rows of a constant `prior`) per example:
 * weights [H, K], ids [B, L] -> [B, K].
 */
export function bagSum(prior: Float32Array | null): Op {
  return customOp((weights, ids) => {
    const [rows, width] = ids.shape as [number, number];
    const k = weights.shape[1]!;
    const w = weights.dataSync() as Float32Array;
    const idv = ids.dataSync() as Int32Array;
    const out = new Float32Array(rows * k);
    for (let b = 0; b < rows; b++) {
      for (let l = 0; l < width; l++) {
        const id = idv[b * width + l]!;
        if (id < 0) continue;
        for (let c = 0; c < k; c++) out[b * k + c]! += w[id * k + c]! + (prior ? prior[id * k + c]! : 0);
      }
    }
    return {
      value: tf.tensor2d(out, [rows, k]),
      grad: (dy) => {
        const g = new Float32Array(w.length);
        for (let b = 0; b < rows; b++) {
          for (let l = 0; l < width; l++) {
            const id = idv[b * width + l]!;
            if (id < 0) continue;
            for (let c = 0; c < k; c++) g[id * k + c]! += dy[b * k + c]!;
          }
        }
        return g;
      },
    };
  });
}

/**
 * Mean over feature occurrences of the squared norms of their rows: an L2 penalty
 * that only touches features present in the batch (rare features are not decayed by
 * batches that lack them). weights [H, K], ids [B, L] -> scalar.
 */
export const touchedSquares: Op = customOp((weights, ids) => {
  const k = weights.shape[1]!;
  const w = weights.dataSync() as Float32Array;
  const idv = ids.dataSync() as Int32Array;
  let total = 0;
  let used = 0;
  for (let i = 0; i < idv.length; i++) {
    const id = idv[i]!;
    if (id < 0) continue;
    used++;
    for (let c = 0; c < k; c++) total += w[id * k + c]! ** 2;
  }
  const n = Math.max(1, used);
  return {
    value: tf.scalar(total / n),
    grad: (dy) => {
      const scale = (2 * dy[0]!) / n;
      const g = new Float32Array(w.length);
      for (let i = 0; i < idv.length; i++) {
        const id = idv[i]!;
        if (id < 0) continue;
        for (let c = 0; c < k; c++) g[id * k + c]! += scale * w[id * k + c]!;
      }
      return g;
    },
  };
});
