/**
 * Trains both shipped sentiment models from the data folder, deterministically. Every setting
 * was chosen by k-fold cross-validation on the train files (search-sentiment.ts); here the
 * shipped settings are cross-validated once more to choose the decision offsets and the Chinese
 * neutral band on out-of-fold predictions and to report CV figures, then the final models are
 * trained on all train rows and measured once on the validation files.
 */
import path from 'node:path';
import type { FeatureSet } from '../features.ts';
import type { LinearModel } from '../linear-model.ts';
import { roundTrip } from '../model-artefact.ts';
import type { Metrics } from '../metrics.ts';
import { CalibrationCounter, type Calibration } from '../calibration.ts';
import { outOfFold, type Group } from './cross-validation.ts';
import { balancedClassWeights, readLabelled, toExamples, type LabelledText } from './dataset.ts';
import { chineseDecide, meanMacroRecall, offsetDecision, predictFast, tuneBand, tuneOffsets, type Scored } from './evaluate.ts';
import type { Decide } from './cross-validation.ts';
import { ntusdPrior, vaderPrior } from './lexicon-priors.ts';
import { trainSparse, type Example } from './sparse-trainer.ts';

export interface ModelSettings {
  hashBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  priorStrength: number;
  /** Train on the statements in stance-train (their sentiment labels), with this row weight. */
  statements: boolean;
  statementWeight: number;
}

export interface EnglishSettings extends ModelSettings {
  features: FeatureSet;
  /** Train on the airline tweets too. */
  airline: boolean;
}

export interface TrainSettings {
  seed: number;
  folds: number;
  en: EnglishSettings;
  zh: ModelSettings;
}

/** Chosen by 5-fold cross-validation on the train files; see MODEL_CARD.md for the search. */
export const SHIPPED_SETTINGS: TrainSettings = {
  seed: 20250117,
  folds: 5,
  en: {
    hashBits: 18, epochs: 3, learningRate: 0.05, l2: 0.001, priorStrength: 0.5,
    features: { bigrams: true, charGrams: true, lexicon: true }, airline: false, statements: true, statementWeight: 3,
  },
  zh: { hashBits: 17, epochs: 3, learningRate: 0.05, l2: 0.001, priorStrength: 0.1, statements: true, statementWeight: 3 },
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

export const EN_CLASSES = ['negative', 'neutral', 'positive'];
export const ZH_CLASSES = ['negative', 'positive'];

/** The train files only (validation is read separately, once, at the end). */
export interface TrainCorpus {
  enTweets: LabelledText[];
  enAirline: LabelledText[];
  enStatements: LabelledText[];
  zhPosts: LabelledText[];
  zhStatements: LabelledText[];
}

export async function readTrainCorpus(dataDir: string): Promise<TrainCorpus> {
  const file = (name: keyof typeof DATA_FILES): string => path.join(dataDir, DATA_FILES[name]);
  return {
    enTweets: await readLabelled(file('enTrain')),
    enAirline: await readLabelled(file('enAirline')),
    enStatements: await readLabelled(file('statementsTrain'), 'en'),
    zhPosts: await readLabelled(file('zhTrain')),
    zhStatements: await readLabelled(file('statementsTrain'), 'zh'),
  };
}

/** What a cross-validation run measured, out of fold. */
export interface CvResult {
  /** Mean of the per-set macro recalls: the selection criterion. */
  criterion: number;
  sets: Record<string, Metrics>;
  calibration: Record<string, Calibration>;
  /** English offsets or the Chinese band, chosen on the out-of-fold probabilities. */
  offsets?: number[];
  band?: number;
}

function calibrationOf(s: Scored, classes: readonly string[], decide: Decide): Calibration {
  const k = classes.length;
  const c = new CalibrationCounter();
  s.examples.forEach((e, i) => {
    const d = decide(s.probs.subarray(i * k, i * k + k));
    c.add(d.confidence, d.label === classes[e.label]);
  });
  return c.result();
}

function summarise(names: string[], sets: Scored[], classes: readonly string[], decide: Decide): Omit<CvResult, 'offsets' | 'band'> {
  const { mean, each } = meanMacroRecall(sets, classes, decide);
  return {
    criterion: Math.round(mean * 10000) / 10000,
    sets: Object.fromEntries(names.map((n, i) => [n, each[i]!])),
    calibration: Object.fromEntries(names.map((n, i) => [n, calibrationOf(sets[i]!, classes, decide)])),
  };
}

function trainer(s: ModelSettings, classes: readonly string[], prior: Float32Array, seed: number) {
  return (examples: Example[], weights: Float32Array): LinearModel =>
    roundTrip(trainSparse(examples, prior, {
      classes, hashBits: s.hashBits, epochs: s.epochs, learningRate: s.learningRate, l2: s.l2,
      classWeights: balancedClassWeights(examples, classes.length), seed, exampleWeights: weights,
    }));
}

/** English features and prior for a setting (features depend on hashBits and the feature set). */
export function englishInputs(corpus: TrainCorpus, s: EnglishSettings, dataDir: string) {
  const ex = (rows: LabelledText[]): Example[] => toExamples(rows, EN_CLASSES, s.hashBits, false, s.features);
  const groups: Group[] = [
    { name: 'tweets', examples: ex(corpus.enTweets), train: true, weight: 1 },
    { name: 'statements', examples: ex(corpus.enStatements), train: s.statements, weight: s.statementWeight },
    { name: 'airline', examples: s.airline ? ex(corpus.enAirline) : [], train: s.airline, weight: 1 },
  ];
  return { groups, prior: vaderPrior(path.join(dataDir, DATA_FILES.vader), s.hashBits, s.priorStrength) };
}

export function chineseInputs(corpus: TrainCorpus, s: ModelSettings, dataDir: string) {
  // The binary model trains on polar statements only; neutral ones are measured, not trained on.
  const polar = corpus.zhStatements.filter((r) => r.label !== 'neutral');
  const groups: Group[] = [
    { name: 'posts', examples: toExamples(corpus.zhPosts, ZH_CLASSES, s.hashBits, true), train: true, weight: 1 },
    { name: 'statements', examples: toExamples(polar, ZH_CLASSES, s.hashBits, true), train: s.statements, weight: s.statementWeight },
  ];
  const neutral = toExamples(corpus.zhStatements.filter((r) => r.label === 'neutral'), EN_CLASSES, s.hashBits, true);
  return { groups, neutral, prior: ntusdPrior(path.join(dataDir, DATA_FILES.ntusd), s.hashBits, s.priorStrength) };
}

export function crossValidateEnglish(inputs: ReturnType<typeof englishInputs>, s: EnglishSettings, settings: Pick<TrainSettings, 'seed' | 'folds'>): CvResult {
  const { groups, prior } = inputs;
  const oof = outOfFold(groups, settings.folds, settings.seed, trainer(s, EN_CLASSES, prior, settings.seed));
  const sets: Scored[] = [0, 1].map((g) => ({ probs: oof[g]!, examples: groups[g]!.examples }));
  const offsets = tuneOffsets(sets, EN_CLASSES, 0.6, 0.05);
  return { ...summarise(['tweets', 'statements'], sets, EN_CLASSES, offsetDecision(EN_CLASSES, offsets)), offsets };
}

/**
 * Out-of-fold probabilities for the neutral statements come from the fold models too: they are
 * dealt into folds like the polar statements but never trained on.
 */
export function crossValidateChinese(inputs: ReturnType<typeof chineseInputs>, s: ModelSettings, settings: Pick<TrainSettings, 'seed' | 'folds'>): CvResult {
  const { groups, neutral, prior } = inputs;
  const neutralGroup: Group = { name: 'neutral', examples: neutral.map((e) => ({ ids: e.ids, label: 0 })), train: false, weight: 0 };
  const oof = outOfFold([...groups, neutralGroup], settings.folds, settings.seed + 1, trainer(s, ZH_CLASSES, prior, settings.seed + 1));
  // Statements are scored three-way: polar ones keep their label, neutral ones get class 2 of
  // the three-label view, so the sets below use three classes with probabilities padded.
  const three = (probs: Float64Array, examples: readonly Example[], map: (label: number) => number): Scored => {
    const padded = new Float64Array(examples.length * 3);
    examples.forEach((_, i) => padded.set([probs[i * 2]!, probs[i * 2 + 1]!, 0], i * 3));
    return { probs: padded, examples: examples.map((e) => ({ ids: e.ids, label: map(e.label) })) };
  };
  // Three-label view: negative 0, positive 1, neutral 2 (probabilities of neutral stay 0).
  const posts = three(oof[0]!, groups[0]!.examples, (l) => l);
  const polar = three(oof[1]!, groups[1]!.examples, (l) => l);
  const neutralSet = three(oof[2]!, neutralGroup.examples, () => 2);
  const statements: Scored = { probs: concat(polar.probs, neutralSet.probs), examples: [...polar.examples, ...neutralSet.examples] };
  const classes = ['negative', 'positive', 'neutral'];
  const sets = [posts, statements];
  const band = tuneBand(sets, classes);
  return { ...summarise(['posts', 'statements'], sets, classes, chineseDecide(classes, band)), band };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function trainFinal(inputs: { groups: Group[]; prior: Float32Array }, s: ModelSettings, classes: readonly string[], seed: number): LinearModel {
  const examples: Example[] = [];
  const weights: number[] = [];
  for (const g of inputs.groups) {
    if (!g.train) continue;
    for (const e of g.examples) {
      examples.push(e);
      weights.push(g.weight);
    }
  }
  return trainer(s, classes, inputs.prior, seed)(examples, Float32Array.from(weights));
}

export interface ValReport {
  metrics: Metrics;
  calibration: Calibration;
}

export interface TrainReport {
  settings: TrainSettings;
  rows: Record<string, number>;
  cv: { en: CvResult; zh: CvResult };
  /** Measured once, after training, with the fast scorer and the shipped decisions. */
  val: Record<string, ValReport>;
  seconds: number;
}

function valReport(model: LinearModel, examples: readonly Example[], classes: readonly string[], decide: Decide): ValReport {
  const s: Scored = { probs: predictFast(model, examples), examples };
  return { metrics: meanMacroRecall([s], classes, decide).each[0]!, calibration: calibrationOf(s, classes, decide) };
}

export async function trainSentiment(
  dataDir: string,
  settings: TrainSettings = SHIPPED_SETTINGS,
  log: (line: string) => void = () => {},
): Promise<{ en: LinearModel; zh: LinearModel; zhNeutralBand: number; report: TrainReport }> {
  const started = performance.now();
  const corpus = await readTrainCorpus(dataDir);
  const enInputs = englishInputs(corpus, settings.en, dataDir);
  const enCv = crossValidateEnglish(enInputs, settings.en, settings);
  log(`en ${settings.folds}-fold CV: ${JSON.stringify({ criterion: enCv.criterion, tweets: enCv.sets.tweets!.macro_recall, statements: enCv.sets.statements!.macro_recall, offsets: enCv.offsets })}`);
  const en = trainFinal(enInputs, settings.en, EN_CLASSES, settings.seed);
  en.offsets = Float32Array.from(enCv.offsets!);

  const zhInputs = chineseInputs(corpus, settings.zh, dataDir);
  const zhCv = crossValidateChinese(zhInputs, settings.zh, settings);
  log(`zh ${settings.folds}-fold CV: ${JSON.stringify({ criterion: zhCv.criterion, posts: zhCv.sets.posts!.macro_recall, statements: zhCv.sets.statements!.macro_recall, band: zhCv.band })}`);
  const zh = trainFinal(zhInputs, settings.zh, ZH_CLASSES, settings.seed + 1);
  const band = zhCv.band!;

  // The validation files, read now for the first time.
  const file = (name: keyof typeof DATA_FILES): string => path.join(dataDir, DATA_FILES[name]);
  const enVal = toExamples(await readLabelled(file('enVal')), EN_CLASSES, settings.en.hashBits, false, settings.en.features);
  const enStatementsVal = toExamples(await readLabelled(file('statementsVal'), 'en'), EN_CLASSES, settings.en.hashBits, false, settings.en.features);
  const zhVal = toExamples(await readLabelled(file('zhVal')), ZH_CLASSES, settings.zh.hashBits, true);
  const zhStatementsRows = await readLabelled(file('statementsVal'), 'zh');
  const enDecide = offsetDecision(EN_CLASSES, [0, 0, 0]); // the offsets are inside the model now
  const zhClasses = ['negative', 'positive', 'neutral'];
  const zhStatementsVal = toExamples(zhStatementsRows, zhClasses, settings.zh.hashBits, true);
  // Chinese gold has three labels; the binary model's probabilities are padded with 0 for neutral.
  const padded = (m: LinearModel, examples: readonly Example[]): ValReport => {
    const probs2 = predictFast(m, examples);
    const probs = new Float64Array(examples.length * 3);
    examples.forEach((_, i) => probs.set([probs2[i * 2]!, probs2[i * 2 + 1]!, 0], i * 3));
    const s: Scored = { probs, examples };
    const decide = chineseDecide(zhClasses, band);
    return { metrics: meanMacroRecall([s], zhClasses, decide).each[0]!, calibration: calibrationOf(s, zhClasses, decide) };
  };
  const val: Record<string, ValReport> = {
    en_tweets: valReport(en, enVal, EN_CLASSES, enDecide),
    en_statements: valReport(en, enStatementsVal, EN_CLASSES, enDecide),
    zh_posts: padded(zh, zhVal),
    zh_statements: padded(zh, zhStatementsVal),
  };
  log(`val: ${Object.entries(val).map(([k, v]) => `${k} ${v.metrics.macro_recall}`).join(', ')}`);
  const report: TrainReport = {
    settings,
    rows: {
      en_tweets: corpus.enTweets.length, en_airline: settings.en.airline ? corpus.enAirline.length : 0, en_statements: corpus.enStatements.length,
      zh_posts: corpus.zhPosts.length, zh_statements: corpus.zhStatements.length,
      en_val: enVal.length, en_statements_val: enStatementsVal.length, zh_val: zhVal.length, zh_statements_val: zhStatementsVal.length,
    },
    cv: { en: enCv, zh: zhCv },
    val,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  return { en, zh, zhNeutralBand: band, report };
}
