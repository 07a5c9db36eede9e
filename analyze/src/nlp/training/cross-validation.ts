/**
 * Seeded k-fold cross-validation over groups of examples (the tweets, the airline tweets, the
 * statements...). Every row gets a fold; the model for fold f is trained on the other folds of
 * the groups marked `train`, and predicts fold f of every group, so a group can be measured out
 * of fold without being trained on. Decision settings (offsets, the Chinese neutral band) are
 * then chosen on these out-of-fold probabilities, never on validation files.
 */
import { seededRandom } from '@rift/core';
import { type LinearModel } from '../linear-model.ts';
import { predictFast } from './evaluate.ts';
import { shuffledOrder, type Example } from './sparse-trainer.ts';

export interface Group {
  name: string;
  examples: Example[];
  /** Trained on (outside the held-out fold); otherwise only predicted. */
  train: boolean;
  /** Loss weight of each of its rows. */
  weight: number;
}

/** Fold of each of n rows: a seeded shuffle dealt round-robin, so folds differ by at most one row. */
export function assignFolds(n: number, k: number, seed: number): Uint8Array {
  const order = shuffledOrder(n, seededRandom(seed));
  const folds = new Uint8Array(n);
  for (let i = 0; i < n; i++) folds[order[i]!] = i % k;
  return folds;
}

export type Trainer = (examples: Example[], weights: Float32Array) => LinearModel;

/** Out-of-fold class probabilities [rows x K] for each group, in the group's row order. */
export function outOfFold(groups: readonly Group[], k: number, seed: number, train: Trainer): Float64Array[] {
  const folds = groups.map((g, i) => assignFolds(g.examples.length, k, seed + 7919 * (i + 1)));
  const out: (Float64Array | null)[] = groups.map(() => null);
  for (let f = 0; f < k; f++) {
    const examples: Example[] = [];
    const weights: number[] = [];
    groups.forEach((g, gi) => {
      if (!g.train) return;
      g.examples.forEach((e, i) => {
        if (folds[gi]![i] === f) return;
        examples.push(e);
        weights.push(g.weight);
      });
    });
    const model = train(examples, Float32Array.from(weights));
    const classes = model.classes.length;
    groups.forEach((g, gi) => {
      const held = g.examples.filter((_, i) => folds[gi]![i] === f);
      const probs = predictFast(model, held);
      const target = (out[gi] ??= new Float64Array(g.examples.length * classes));
      let at = 0;
      g.examples.forEach((_, i) => {
        if (folds[gi]![i] !== f) return;
        target.set(probs.subarray(at * classes, at * classes + classes), i * classes);
        at++;
      });
    });
  }
  return out.map((o) => o!);
}
