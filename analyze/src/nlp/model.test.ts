import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopicPack, REPO_ROOT } from '@rift/core';
import { evaluateFile } from './evaluate-file.ts';
import { createFeatureBuffer, extractFeatures } from './features.ts';
import { createAnalyzer } from './index.ts';
import { argMax, scoreLinear } from './linear-model.ts';
import { loadArtefact, MODELS_DIR, saveArtefact } from './model-artefact.ts';
import { createModelEngine } from './model-sentiment.ts';
import { assignFolds, outOfFold } from './training/cross-validation.ts';
import { readLabelled, toExamples } from './training/dataset.ts';
import { predictFast } from './training/evaluate.ts';
import { trainSparse, type Example } from './training/sparse-trainer.ts';
import { predictWithTf } from './training/tf-reference.ts';
import { SHIPPED_SETTINGS, trainSentiment } from './training/train-sentiment.ts';
import { tokenize } from './tokenize.ts';
import { toSimplified } from './traditional-chinese.ts';

const DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');
const hasData = existsSync(path.join(DATA_DIR, 'en/sentiment-val.jsonl'));
const artefact = loadArtefact();
const CLASSES = ['negative', 'neutral', 'positive'];

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
    // The char n-grams of "good" recur, but its word feature and the valence buckets do not.
    expect(negated.filter((id) => !plain.has(id)).length).toBeGreaterThan(2);
  });

  it('gives Chinese text character n-grams and stays bounded on huge text', () => {
    const buf = createFeatureBuffer();
    extractFeatures(tokenize('很好吃'), buf, 17, true);
    expect(buf.count).toBe(3 + 2 + 1); // 3 unigrams, 2 bigrams, 1 trigram
    extractFeatures(tokenize('好'.repeat(1_000_000)), buf, 17, true);
    expect(buf.count).toBeLessThanOrEqual(buf.ids.length);
  });

  it('gives a Traditional post the features of its Simplified form', () => {
    const traditional = '這個應用程式被禁了，真讓人失望。';
    expect(toSimplified(traditional)).toBe('这个应用程式被禁了，真让人失望。');
    const a = createFeatureBuffer();
    const b = createFeatureBuffer();
    extractFeatures(tokenize(traditional), a, 17, true);
    extractFeatures(tokenize(toSimplified(traditional)), b, 17, true);
    expect([...a.ids.slice(0, a.count)]).toEqual([...b.ids.slice(0, b.count)]);
  });
});

describe('tiny deterministic training', () => {
  const texts = ['love it', 'great day', 'so happy', 'hate it', 'awful day', 'so sad', 'it is a day', 'the bus', 'a table'];
  const labels = [2, 2, 2, 0, 0, 0, 1, 1, 1];
  const train = examplesOf(texts, labels, 10);
  const opts = { classes: CLASSES, hashBits: 10, epochs: 30, learningRate: 0.1, l2: 0.001, classWeights: [1, 1, 1], seed: 7 };

  it('learns, repeats itself exactly, and the fast scorer agrees with tfjs', async () => {
    const a = trainSparse(train, null, opts);
    const b = trainSparse(train, null, opts);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    const probs = new Float64Array(3);
    const buf = createFeatureBuffer();
    extractFeatures(tokenize('love it'), buf, 10, false);
    scoreLinear(a, buf, probs);
    expect(argMax(probs, 3)).toBe(2);
    const fast = predictFast(a, train);
    const slow = await predictWithTf(a, train);
    for (let i = 0; i < fast.length; i++) expect(Math.abs(fast[i]! - slow[i]!)).toBeLessThan(1e-5);
  });

  it('deals folds from its seed: the same seed gives the same folds and out-of-fold predictions', () => {
    const f1 = assignFolds(100, 5, 42);
    expect([...f1]).toEqual([...assignFolds(100, 5, 42)]);
    expect([...f1]).not.toEqual([...assignFolds(100, 5, 43)]);
    for (let f = 0; f < 5; f++) expect(f1.filter((x) => x === f).length).toBe(20);
    const groups = [{ name: 'tiny', examples: train, train: true, weight: 1 }];
    const run = (): Float64Array => outOfFold(groups, 3, 9, (ex, w) => trainSparse(ex, null, { ...opts, exampleWeights: w }))[0]!;
    expect([...run()]).toEqual([...run()]);
  });
});

describe('shipped model', () => {
  it.skipIf(!artefact)('has a Chinese neutral class, and reads plain praise and complaint', () => {
    expect(artefact!.zh.classes).toEqual(CLASSES);
    const engine = createModelEngine(artefact!);
    expect(['太好吃了，非常喜欢！', '垃圾，再也不买了。'].map((t) => engine.chinese(tokenize(t)).label)).toEqual(['positive', 'negative']);
  });

  it.skipIf(!artefact || !hasData)('predicts neutral for some neutral Chinese statements, and rarely for polar posts', async () => {
    const engine = createModelEngine(artefact!);
    const statements = await readLabelled(path.join(DATA_DIR, 'stance/stance-val.jsonl'), 'zh');
    const neutral = statements.filter((r) => r.label === 'neutral');
    const hits = neutral.filter((r) => engine.chinese(tokenize(r.text)).label === 'neutral').length;
    expect(hits).toBeGreaterThan(0);
    const posts = (await readLabelled(path.join(DATA_DIR, 'zh/sentiment-val.jsonl'))).slice(0, 500);
    const calledNeutral = posts.filter((r) => engine.chinese(tokenize(r.text)).label === 'neutral').length;
    expect(calledNeutral / posts.length).toBeLessThan(0.1);
  });

  it.skipIf(!artefact)('scores Traditional Chinese like its Simplified form', () => {
    const engine = createModelEngine(artefact!);
    for (const t of ['這個應用程式真的很好用，我很喜歡！', '政府的禁令讓人非常憤怒。', '國務院發言人今天舉行記者會。']) {
      expect(engine.chinese(tokenize(t))).toEqual(engine.chinese(tokenize(toSimplified(t))));
    }
  });

  it.skipIf(!artefact || !hasData)('agrees with tfjs on the validation sets', async () => {
    const check = async (file: string, chinese: boolean): Promise<void> => {
      const model = chinese ? artefact!.zh : artefact!.en;
      const rows = await readLabelled(path.join(DATA_DIR, file));
      const examples = toExamples(rows.slice(0, 1000), CLASSES, model.hashBits, chinese, chinese ? undefined : artefact!.enFeatures);
      const fast = predictFast(model, examples);
      const slow = await predictWithTf(model, examples);
      let same = 0;
      for (let i = 0; i < examples.length; i++) if (argMax(fast.subarray(i * 3, i * 3 + 3), 3) === argMax(Float64Array.from(slow.subarray(i * 3, i * 3 + 3)), 3)) same++;
      expect(same / examples.length).toBeGreaterThan(0.999);
      for (let i = 0; i < fast.length; i++) expect(Math.abs(fast[i]! - slow[i]!)).toBeLessThan(1e-3);
    };
    await check('en/sentiment-val.jsonl', false);
    await check('zh/sentiment-val.jsonl', true);
  });

  it.skipIf(!artefact || !hasData)('gives the figures the model card states, through rift eval', async () => {
    const card = readFileSync(path.join(MODELS_DIR, 'MODEL_CARD.md'), 'utf8');
    const stated = (what: string): number => Number(new RegExp(`${what} macro recall ([0-9.]+)`).exec(card)![1]);
    const analyzer = createAnalyzer(loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json')), { sentiment: createModelEngine(artefact!) });
    const en = await evaluateFile(path.join(DATA_DIR, 'en/sentiment-val.jsonl'), analyzer);
    expect(en.results.sentiment!.macro_recall).toBe(stated('English tweets'));
    const zh = await evaluateFile(path.join(DATA_DIR, 'zh/sentiment-val.jsonl'), analyzer);
    expect(zh.results.sentiment!.macro_recall).toBe(stated('Chinese posts'));
    expect(en.calibration.sentiment!.n).toBe(en.results.sentiment!.n);
  });

  it.skipIf(!artefact || !hasData)('is reproduced byte for byte by rift train', { timeout: 900_000 }, async () => {
    const { en, zh, report } = await trainSentiment(DATA_DIR, SHIPPED_SETTINGS);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rift-train-'));
    try {
      const version = saveArtefact(dir, { en, zh, enFeatures: SHIPPED_SETTINGS.en.features }, report);
      expect(version).toBe(artefact!.version);
      expect(readFileSync(path.join(dir, 'sentiment-weights.bin')).equals(readFileSync(path.join(MODELS_DIR, 'sentiment-weights.bin')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
