import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core/config';
import { createFeatureBuffer, extractFeatures } from './features.ts';
import { argMax, scoreLinear, type LinearModel } from './linear-model.ts';
import { loadArtefact } from './model-artefact.ts';
import { readLabelled, toExamples } from './training/dataset.ts';
import { compareWithTf } from './training/train-sentiment.ts';
import { trainLinear, type Example } from './training/tf-trainer.ts';
import { tokenize } from './tokenize.ts';

const DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');
const hasData = existsSync(path.join(DATA_DIR, 'en/sentiment-val.jsonl'));
const artefact = loadArtefact();

function examplesOf(texts: string[], labels: number[], bits: number, chinese = false): Example[] {
  const buf = createFeatureBuffer();
  return texts.map((t, i) => {
    extractFeatures(tokenize(t), buf, bits, chinese);
    return { ids: buf.ids.slice(0, buf.count), label: labels[i]! };
  });
}

describe('features', () => {
  it('marks negated words differently from plain ones', () => {
    const buf = createFeatureBuffer();
    extractFeatures(tokenize('good'), buf, 18, false);
    const plain = new Set(buf.ids.slice(0, buf.count));
    extractFeatures(tokenize('not good'), buf, 18, false);
    const negated = [...buf.ids.slice(0, buf.count)];
    // The char n-grams of "good" recur, but its word feature does not.
    expect(negated.filter((id) => !plain.has(id)).length).toBeGreaterThan(2);
  });

  it('gives Chinese text character n-grams and stays bounded on huge text', () => {
    const buf = createFeatureBuffer();
    extractFeatures(tokenize('很好吃'), buf, 17, true);
    expect(buf.count).toBe(3 + 2 + 1); // 3 unigrams, 2 bigrams, 1 trigram
    extractFeatures(tokenize('好'.repeat(1_000_000)), buf, 17, true);
    expect(buf.count).toBeLessThanOrEqual(buf.ids.length);
  });
});

describe('tiny deterministic training', () => {
  const texts = ['love it', 'great day', 'so happy', 'hate it', 'awful day', 'so sad', 'it is a day', 'the bus', 'a table'];
  const labels = [2, 2, 2, 0, 0, 0, 1, 1, 1];
  const train = examplesOf(texts, labels, 10);
  const opts = { classes: ['negative', 'neutral', 'positive'], hashBits: 10, epochs: 30, batchSize: 4, learningRate: 0.05, l2: 0.001, classWeights: [1, 1, 1], seed: 7 };

  it('learns, repeats itself exactly, and the fast scorer agrees with tfjs', async () => {
    const a = await trainLinear(train, null, opts);
    const b = await trainLinear(train, null, opts);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    const probs = new Float64Array(3);
    const buf = createFeatureBuffer();
    extractFeatures(tokenize('love it'), buf, 10, false);
    scoreLinear(a, buf, probs);
    expect(argMax(probs, 3)).toBe(2);
    const agreement = await compareWithTf(a, train);
    expect(agreement.same_label).toBe(1);
    expect(agreement.max_prob_diff).toBeLessThan(1e-4);
  });
});

describe('shipped model', () => {
  it.skipIf(!artefact)('agrees with tfjs on the validation sets', async () => {
    if (!hasData) {
      console.warn(`skipped: ${DATA_DIR} not found (the shared training data is not available)`);
      return;
    }
    const check = async (model: LinearModel, file: string, chinese: boolean): Promise<void> => {
      const rows = await readLabelled(path.join(DATA_DIR, file));
      const examples = toExamples(rows, model.classes, model.hashBits, chinese);
      const agreement = await compareWithTf(model, examples);
      expect(agreement.same_label).toBeGreaterThan(0.999);
      expect(agreement.max_prob_diff).toBeLessThan(1e-3);
    };
    await check(artefact!.en, 'en/sentiment-val.jsonl', false);
    await check(artefact!.zh, 'zh/sentiment-val.jsonl', true);
  });
});
