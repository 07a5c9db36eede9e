/**
 * Trains both shipped sentiment models (negative / neutral / positive) from the data folder,
 * deterministically. Every setting was chosen by k-fold cross-validation on the train files
 * (analyze/scripts/search-sentiment.ts); here the shipped settings are cross-validated once more,
 * to choose the decision offsets on out-of-fold predictions and to report CV figures, then the
 * final models are trained on all train rows and measured once on the validation files.
 */
import path from 'node:path';
import type { FeatureSet } from '../features.ts';
import type { LinearModel } from '../linear-model.ts';
import { roundTrip } from '../model-artefact.ts';
import type { Metrics } from '../metrics.ts';
import { CalibrationCounter, type Calibration } from '../calibration.ts';
import { outOfFold, type Group } from './cross-validation.ts';
import { balancedClassWeights, readLabelled, toExamples, type LabelledText } from './dataset.ts';
import { meanMacroRecall, offsetDecision, predictFast, tuneOffsets, type Decide, type Scored } from './evaluate.ts';
import { ntusdPrior, vaderPrior } from './lexicon-priors.ts';
import { trainSparse, type Example } from './sparse-trainer.ts';

export interface ModelSettings {
  hashBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  priorStrength: number;
  /** Row weight of the statements in stance-train (0: not trained on, only measured). */
  statementWeight: number;
  /** No class weight above this multiple of the smallest. */
  classWeightCap: number;
  features: FeatureSet;
  /** English only: train on the airline tweets too. */
  airline: boolean;
  /**
   * Choose the offsets for the macro recall of posts and statements pooled (neutral, which only
   * the statements have, then counts as one class of three, as in a three-way test of posts)
   * rather than for the mean of the two sets' macro recalls.
   */
  pooledOffsets: boolean;
}

export interface TrainSettings {
  seed: number;
  folds: number;
  en: ModelSettings;
  zh: ModelSettings;
}

/** Chosen by 5-fold cross-validation on the train files; MODEL_CARD.md lists the search. */
export const SHIPPED_SETTINGS: TrainSettings = {
  seed: 20250117,
  folds: 5,
  en: {
    hashBits: 18, epochs: 3, learningRate: 0.02, l2: 0.001, priorStrength: 0.5, statementWeight: 3, classWeightCap: 3,
    features: { bigrams: true, charGrams: false, lexicon: true }, airline: false, pooledOffsets: false,
  },
  zh: {
    hashBits: 17, epochs: 2, learningRate: 0.02, l2: 0.001, priorStrength: 0.1, statementWeight: 10, classWeightCap: 3,
    features: { bigrams: true, charGrams: true, lexicon: true }, airline: false, pooledOffsets: true,
  },
};

export const DATA_FILES = {
  enTrain: 'en/sentiment-train.jsonl',
  enAirline: 'en/sentiment-airline-train.jsonl',
  enVal: 'en/sentiment-val.jsonl',
  zhTrain: 'zh/sentiment-train.jsonl',
  zhVal: 'zh/sentiment-val.jsonl',
  statementsTrain: 'stance/stance-train.jsonl',
  statementsVal: 'stance/stance-val.jsonl',
  vader: 'lexicons/en-vader.tsv',
  ntusd: 'lexicons/zh-ntusd-simplified.tsv',
};

export const CLASSES = ['negative', 'neutral', 'positive'];
export type Language = 'en' | 'zh';

/** The train files only (validation is read separately, once, at the end). */
export type TrainCorpus = Record<Language, { posts: LabelledText[]; statements: LabelledText[]; airline: LabelledText[] }>;

export async function readTrainCorpus(dataDir: string): Promise<TrainCorpus> {
  const file = (name: keyof typeof DATA_FILES): string => path.join(dataDir, DATA_FILES[name]);
  return {
    en: { posts: await readLabelled(file('enTrain')), statements: await readLabelled(file('statementsTrain'), 'en'), airline: await readLabelled(file('enAirline')) },
    zh: { posts: await readLabelled(file('zhTrain')), statements: await readLabelled(file('statementsTrain'), 'zh'), airline: [] },
  };
}

/** What a cross-validation run measured, out of fold, with the offsets it chose. */
export interface CvResult {
  /** Mean of the macro recalls of posts and statements: the selection criterion. */
  criterion: number;
  sets: Record<string, Metrics>;
  calibration: Record<string, Calibration>;
  offsets: number[];
}

export interface Inputs {
  groups: Group[];
  prior: Float32Array;
}

/** Features (which depend on hashBits and the feature set) and the lexicon prior for a setting. */
export function inputsFor(lang: Language, corpus: TrainCorpus, s: ModelSettings, dataDir: string): Inputs {
  const chinese = lang === 'zh';
  const ex = (rows: LabelledText[]): Example[] => toExamples(rows, CLASSES, s.hashBits, chinese, s.features);
  const c = corpus[lang];
  const groups: Group[] = [
    { name: 'posts', examples: ex(c.posts), train: true, weight: 1 },
    { name: 'statements', examples: ex(c.statements), train: s.statementWeight > 0, weight: s.statementWeight },
  ];
  if (s.airline) groups.push({ name: 'airline', examples: ex(c.airline), train: true, weight: 1 });
  const prior = chinese
    ? ntusdPrior(path.join(dataDir, DATA_FILES.ntusd), s.hashBits, s.priorStrength)
    : vaderPrior(path.join(dataDir, DATA_FILES.vader), s.hashBits, s.priorStrength);
  return { groups, prior };
}

function trainer(s: ModelSettings, prior: Float32Array, seed: number) {
  return (examples: Example[], weights: Float32Array): LinearModel =>
    roundTrip(trainSparse(examples, prior, {
      classes: CLASSES, hashBits: s.hashBits, epochs: s.epochs, learningRate: s.learningRate, l2: s.l2,
      classWeights: balancedClassWeights(examples, CLASSES.length, weights, s.classWeightCap), seed, exampleWeights: weights,
    }));
}

function calibrationOf(s: Scored, decide: Decide): Calibration {
  const c = new CalibrationCounter();
  s.examples.forEach((e, i) => {
    const d = decide(s.probs.subarray(i * 3, i * 3 + 3));
    c.add(d.confidence, d.label === CLASSES[e.label]);
  });
  return c.result();
}

export function crossValidate(inputs: Inputs, s: ModelSettings, seed: number, folds: number): CvResult {
  const oof = outOfFold(inputs.groups, folds, seed, trainer(s, inputs.prior, seed));
  const sets: Scored[] = [0, 1].map((g) => ({ probs: oof[g]!, examples: inputs.groups[g]!.examples }));
  const pooled: Scored = { probs: concat(sets[0]!.probs, sets[1]!.probs), examples: [...sets[0]!.examples, ...sets[1]!.examples] };
  const offsets = tuneOffsets(s.pooledOffsets ? [pooled] : sets, CLASSES, 3, 0.1);
  const decide = offsetDecision(CLASSES, offsets);
  const { each } = meanMacroRecall([...sets, pooled], CLASSES, decide);
  const criterion = (each[0]!.macro_recall + each[1]!.macro_recall) / 2;
  return {
    criterion: Math.round(criterion * 10000) / 10000,
    sets: { posts: each[0]!, statements: each[1]!, pooled: each[2]! },
    calibration: { posts: calibrationOf(sets[0]!, decide), statements: calibrationOf(sets[1]!, decide), pooled: calibrationOf(pooled, decide) },
    offsets,
  };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function trainFinal(inputs: Inputs, s: ModelSettings, seed: number): LinearModel {
  const examples: Example[] = [];
  const weights: number[] = [];
  for (const g of inputs.groups) {
    if (!g.train) continue;
    for (const e of g.examples) {
      examples.push(e);
      weights.push(g.weight);
    }
  }
  return trainer(s, inputs.prior, seed)(examples, Float32Array.from(weights));
}

export interface ValReport {
  metrics: Metrics;
  calibration: Calibration;
}

export interface TrainReport {
  settings: TrainSettings;
  rows: Record<string, number>;
  cv: Record<Language, CvResult>;
  /** Measured once, after training, with the fast scorer and the shipped offsets. */
  val: Record<string, ValReport>;
  seconds: number;
}

function valReport(model: LinearModel, examples: readonly Example[]): ValReport {
  const s: Scored = { probs: predictFast(model, examples), examples };
  const decide = offsetDecision(CLASSES, [0, 0, 0]); // the model's own offsets are already applied
  return { metrics: meanMacroRecall([s], CLASSES, decide).each[0]!, calibration: calibrationOf(s, decide) };
}

export async function trainSentiment(
  dataDir: string,
  settings: TrainSettings = SHIPPED_SETTINGS,
  log: (line: string) => void = () => {},
): Promise<{ en: LinearModel; zh: LinearModel; report: TrainReport }> {
  const started = performance.now();
  const corpus = await readTrainCorpus(dataDir);
  const models = {} as Record<Language, LinearModel>;
  const cv = {} as Record<Language, CvResult>;
  const rows: Record<string, number> = {};
  for (const [i, lang] of (['en', 'zh'] as const).entries()) {
    const s = settings[lang];
    const inputs = inputsFor(lang, corpus, s, dataDir);
    for (const g of inputs.groups) rows[`${lang}_${g.name}`] = g.examples.length;
    cv[lang] = crossValidate(inputs, s, settings.seed + i, settings.folds);
    log(`${lang} ${settings.folds}-fold CV: criterion ${cv[lang].criterion}, posts ${cv[lang].sets.posts!.macro_recall}, statements ${cv[lang].sets.statements!.macro_recall}, offsets [${cv[lang].offsets.join(', ')}]`);
    models[lang] = trainFinal(inputs, s, settings.seed + i);
    models[lang].offsets = Float32Array.from(cv[lang].offsets);
  }

  // The validation files, read now for the first time.
  const file = (name: keyof typeof DATA_FILES): string => path.join(dataDir, DATA_FILES[name]);
  const ex = (rows: LabelledText[], lang: Language): Example[] => toExamples(rows, CLASSES, settings[lang].hashBits, lang === 'zh', settings[lang].features);
  const valSets: [string, Language, LabelledText[]][] = [
    ['en_tweets', 'en', await readLabelled(file('enVal'))],
    ['en_statements', 'en', await readLabelled(file('statementsVal'), 'en')],
    ['zh_posts', 'zh', await readLabelled(file('zhVal'))],
    ['zh_statements', 'zh', await readLabelled(file('statementsVal'), 'zh')],
  ];
  const val: Record<string, ValReport> = {};
  for (const [name, lang, rowsOf] of valSets) {
    val[name] = valReport(models[lang], ex(rowsOf, lang));
    rows[`${name}_val`] = rowsOf.length;
  }
  log(`val macro recall: ${Object.entries(val).map(([k, v]) => `${k} ${v.metrics.macro_recall}`).join(', ')}`);
  return { en: models.en, zh: models.zh, report: { settings, rows, cv, val, seconds: Math.round((performance.now() - started) / 1000) } };
}
