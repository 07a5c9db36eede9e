/**
 * Trains both shipped sentiment models from the data folder, deterministically, and measures
 * them on the validation files (which are used only to measure and to pick two decision
 * offsets, never to fit weights).
 */
import path from 'node:path';
import { argMax, type LinearModel } from '../linear-model.ts';
import { roundTrip } from '../model-artefact.ts';
import type { Metrics } from '../metrics.ts';
import { ConfusionCounter } from '../metrics.ts';
import { balancedClassWeights, readLabelled, toExamples } from './dataset.ts';
import { metricsOf, predictFast, tuneOffsets } from './evaluate.ts';
import { ntusdPrior, vaderPrior } from './lexicon-priors.ts';
import { predictWithTf, trainLinear, type Example } from './tf-trainer.ts';

export interface ModelSettings {
  hashBits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  priorStrength: number;
}

export interface TrainSettings {
  seed: number;
  en: ModelSettings;
  zh: ModelSettings;
  zhNeutralBand: number;
}

/** The settings of the shipped model, chosen by comparing runs on the validation files. */
export const SHIPPED_SETTINGS: TrainSettings = {
  seed: 20250117,
  en: { hashBits: 18, epochs: 2, batchSize: 256, learningRate: 0.003, l2: 0.003, priorStrength: 0.5 },
  zh: { hashBits: 17, epochs: 3, batchSize: 256, learningRate: 0.01, l2: 0.003, priorStrength: 0.1 },
  zhNeutralBand: 0.3,
};

export const DATA_FILES = {
  enTrain: 'en/sentiment-train.jsonl',
  enVal: 'en/sentiment-val.jsonl',
  zhTrain: 'zh/sentiment-train.jsonl',
  zhVal: 'zh/sentiment-val.jsonl',
  vader: 'lexicons/en-vader.tsv',
  ntusd: 'lexicons/zh-ntusd-simplified.tsv',
};

export interface Agreement {
  n: number;
  /** Share of examples where tfjs and the fast scorer pick the same class. */
  same_label: number;
  max_prob_diff: number;
}

export interface TrainReport {
  settings: TrainSettings;
  rows: { en_train: number; en_val: number; zh_train: number; zh_val: number };
  en_val: Metrics;
  en_val_before_offsets: Metrics;
  zh_val_binary: Metrics;
  /** With the neutral band: share of val posts called neutral, and metrics on the rest. */
  zh_val_band: { neutral_share: number; decided: Metrics };
  agreement: { en: Agreement; zh: Agreement };
  offsets_en: number[];
  seconds: number;
}

export async function compareWithTf(model: LinearModel, examples: readonly Example[]): Promise<Agreement> {
  const k = model.classes.length;
  const fast = predictFast(model, examples);
  const slow = await predictWithTf(model, examples);
  let same = 0;
  let maxDiff = 0;
  for (let i = 0; i < examples.length; i++) {
    const a = fast.subarray(i * k, i * k + k);
    const b = Float64Array.from(slow.subarray(i * k, i * k + k));
    if (argMax(a, k) === argMax(b, k)) same++;
    for (let c = 0; c < k; c++) maxDiff = Math.max(maxDiff, Math.abs(a[c]! - b[c]!));
  }
  return { n: examples.length, same_label: same / Math.max(1, examples.length), max_prob_diff: maxDiff };
}

async function trainOne(
  train: Example[],
  prior: Float32Array,
  classes: string[],
  s: ModelSettings,
  seed: number,
  log: (line: string) => void,
): Promise<LinearModel> {
  const model = await trainLinear(train, prior, {
    classes,
    hashBits: s.hashBits,
    epochs: s.epochs,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    l2: s.l2,
    classWeights: balancedClassWeights(train, classes.length),
    seed,
    log,
  });
  return roundTrip(model);
}

export async function trainSentiment(
  dataDir: string,
  settings: TrainSettings = SHIPPED_SETTINGS,
  log: (line: string) => void = () => {},
): Promise<{ en: LinearModel; zh: LinearModel; report: TrainReport }> {
  const started = performance.now();
  const file = (name: keyof typeof DATA_FILES): string => path.join(dataDir, DATA_FILES[name]);

  const enClasses = ['negative', 'neutral', 'positive'];
  const enTrain = toExamples(await readLabelled(file('enTrain')), enClasses, settings.en.hashBits, false);
  const enVal = toExamples(await readLabelled(file('enVal')), enClasses, settings.en.hashBits, false);
  log(`en: ${enTrain.length} train, ${enVal.length} val rows`);
  const en = await trainOne(enTrain, vaderPrior(file('vader'), settings.en.hashBits, settings.en.priorStrength), enClasses, settings.en, settings.seed, (l) => log(`en ${l}`));
  const enBefore = metricsOf(en, enVal);
  en.offsets = tuneOffsets(en, enVal, 1, 0.05);
  const enMetrics = metricsOf(en, enVal);
  log(`en val macro recall ${enBefore.macro_recall} -> ${enMetrics.macro_recall} with offsets [${[...en.offsets].join(', ')}]`);

  const zhClasses = ['negative', 'positive'];
  const zhTrain = toExamples(await readLabelled(file('zhTrain')), zhClasses, settings.zh.hashBits, true);
  const zhVal = toExamples(await readLabelled(file('zhVal')), zhClasses, settings.zh.hashBits, true);
  log(`zh: ${zhTrain.length} train, ${zhVal.length} val rows`);
  const zh = await trainOne(zhTrain, ntusdPrior(file('ntusd'), settings.zh.hashBits, settings.zh.priorStrength), zhClasses, settings.zh, settings.seed + 1, (l) => log(`zh ${l}`));
  const zhBinary = metricsOf(zh, zhVal);
  const zhProbs = predictFast(zh, zhVal);
  const decided = new ConfusionCounter(zhClasses);
  let neutral = 0;
  zhVal.forEach((e, i) => {
    const score = zhProbs[i * 2 + 1]! - zhProbs[i * 2]!;
    if (Math.abs(score) < settings.zhNeutralBand) neutral++;
    else decided.add(zhClasses[e.label]!, score > 0 ? 'positive' : 'negative');
  });
  log(`zh val accuracy ${zhBinary.accuracy}; neutral band leaves ${neutral} of ${zhVal.length} neutral`);

  const agreement = { en: await compareWithTf(en, enVal), zh: await compareWithTf(zh, zhVal) };
  log(`fast scorer vs tfjs: en ${agreement.en.same_label}, zh ${agreement.zh.same_label} same label`);
  const report: TrainReport = {
    settings,
    rows: { en_train: enTrain.length, en_val: enVal.length, zh_train: zhTrain.length, zh_val: zhVal.length },
    en_val: enMetrics,
    en_val_before_offsets: enBefore,
    zh_val_binary: zhBinary,
    zh_val_band: { neutral_share: Math.round((neutral / zhVal.length) * 10000) / 10000, decided: decided.metrics() },
    agreement,
    offsets_en: [...en.offsets].map((x) => Math.round(x * 1e4) / 1e4),
    seconds: Math.round((performance.now() - started) / 1000),
  };
  return { en, zh, report };
}
