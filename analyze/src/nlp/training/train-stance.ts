/**
 * Trains the stance model on `stance/stance-train.jsonl`, and on background posts that take no
 * position (stance-background.ts, from the sentiment `*-train` files) when given. Every setting
 * (penalties, prior, the minimum count of a word feature, the background's weight, the
 * calibration temperature and the abstain threshold) is
 * chosen by k-fold cross-validation grouped by source page on the training statements (with the
 * one-standard-error rule); the validation file
 * is scored once, at the end, with the chosen settings, and reported beside the CV figure.
 * Speakers are never read: the features come from the statement's text alone.
 */
import { seededRandom } from '@rift/core';
import { readFileSync } from 'node:fs';
import type { TopicPack } from '@rift/core';
import { calibration, sidesF1, type Calibration } from '../calibration.ts';
import { ConfusionCounter, type Metrics } from '../metrics.ts';
import { STANCE_LABELS, StanceModel, type StanceModelFile } from '../stance-model.ts';
import { StanceFeatures } from '../stance-features.ts';
import { tokenize } from '../tokenize.ts';
import { logits, softmax, trainSoftmax, type SparseExample } from './softmax-regression.ts';

export const STANCE_FILES = { train: 'stance/stance-train.jsonl', val: 'stance/stance-val.jsonl' } as const;

export interface Statement {
  text: string;
  lang: string;
  stance: string;
  /** The page it was quoted from: statements of one page share a fold. */
  source_url?: string;
}

export interface StanceSettings {
  /** L2 on word, bigram and character-gram features. */
  l2Lexical: number;
  /** L2 on frame, cue and shape features (fewer, and meant to carry across phrasings). */
  l2Frame: number;
  /** A lexical feature must occur in this many training statements to be kept. */
  minCount: number;
  /** Size of the prior weight a frame's or cue's lean puts on its side (0: no prior). */
  priorStrength: number;
  iterations: number;
  learningRate: number;
}

const GRID: StanceSettings[] = [];
for (const l2Lexical of [0.003, 0.01, 0.03, 0.1])
  for (const l2Frame of [0.001, 0.003, 0.01])
    for (const priorStrength of [0, 0.5, 1])
      for (const minCount of [2, 3]) GRID.push({ l2Lexical, l2Frame, minCount, priorStrength, iterations: 250, learningRate: 0.05 });

const FOLDS = 5;
const SEED = 20261203;
/**
 * Cross-validation is repeated with this many different page-to-fold deals (seeds SEED, SEED+1,
 * ...) and the out-of-fold predictions pooled: with a few hundred statements one deal's score
 * moves by a point or two with the luck of the split, which is as much as settings differ by.
 */
const REPEATS = 3;
/**
 * Weights tried for the background rows (stance-background.ts), as a multiple of the neutral
 * statements' total: 1 lets the background weigh as much as all neutral statements together.
 */
const BACKGROUND_WEIGHTS = [0, 0.5, 1, 2];
const TEMPERATURES = [0.6, 0.8, 1, 1.25, 1.5, 2, 2.5, 3];
const ABSTAIN = [0, 0.4, 0.45, 0.5, 0.55, 0.6];

export function readStatements(file: string): Statement[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as Statement;
      return { text: row.text, lang: row.lang, stance: row.stance, source_url: row.source_url };
    });
}

interface Featurized {
  names: string[];
  label: number;
  lang: string;
  page: string;
  /** How much the row counts in training (background rows count less than a statement). */
  weight?: number;
}

const isLexical = (name: string): boolean => /^(w|n|b|h|c):/.test(name);

function featurize(rows: readonly Statement[], features: StanceFeatures): Featurized[] {
  return rows.map((row) => ({
    names: [...features.extract(tokenize(row.text))],
    label: STANCE_LABELS.indexOf(row.stance as (typeof STANCE_LABELS)[number]),
    lang: row.lang,
    page: row.source_url ?? row.text,
  }));
}

interface Fitted {
  vocabulary: string[];
  weights: Float64Array;
  bias: Float64Array;
}

/** The side a feature leans to before any data: a frame's lean in the pack, a cue's side, flipped when negated. */
function leanOf(name: string, pack: TopicPack): number {
  const side = (label: string | undefined): number => (label ? STANCE_LABELS.indexOf(label as (typeof STANCE_LABELS)[number]) : -1);
  if (name.startsWith('f:')) return side(pack.stance_frames[name.slice(2)]?.lean);
  const cue = /^(cuen?):(support|oppose)/.exec(name);
  if (cue) return (cue[1] === 'cue') === (cue[2] === 'support') ? 0 : 1;
  if (name === 'j:endorses_measure') return 0;
  if (name === 'j:condemns_measure') return 1;
  return -1;
}

function priorWeights(vocabulary: readonly string[], pack: TopicPack, strength: number): Float64Array {
  const prior = new Float64Array(vocabulary.length * 3);
  if (strength === 0) return prior;
  vocabulary.forEach((name, f) => {
    const lean = leanOf(name, pack);
    if (lean < 0) return;
    for (let c = 0; c < 3; c++) prior[f * 3 + c] = c === lean ? strength : -strength / 2;
  });
  return prior;
}

function fit(rows: readonly Featurized[], settings: StanceSettings, pack: TopicPack): Fitted {
  const counts = new Map<string, number>();
  for (const row of rows) for (const name of row.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const vocabulary = [...counts.keys()].filter((n) => !isLexical(n) || counts.get(n)! >= settings.minCount).sort();
  const index = new Map(vocabulary.map((n, i) => [n, i]));
  const examples: SparseExample[] = rows.map((row) => ({ features: toIndices(row.names, index), label: row.label, weight: row.weight }));
  const { weights, bias } = trainSoftmax(examples, {
    classes: 3,
    featureCount: vocabulary.length,
    l2: (f) => (isLexical(vocabulary[f]!) ? settings.l2Lexical : settings.l2Frame),
    prior: priorWeights(vocabulary, pack, settings.priorStrength),
    iterations: settings.iterations,
    learningRate: settings.learningRate,
  });
  return { vocabulary, weights, bias };
}

function toIndices(names: readonly string[], index: Map<string, number>): Int32Array {
  const ids: number[] = [];
  for (const n of names) {
    const i = index.get(n);
    if (i !== undefined) ids.push(i);
  }
  return Int32Array.from(ids);
}

/** Raw (temperature 1) class logits of each row under a fitted model. */
function predictLogits(model: Fitted, rows: readonly Featurized[]): Float64Array[] {
  const index = new Map(model.vocabulary.map((n, i) => [n, i]));
  return rows.map((row) => {
    const out = new Float64Array(3);
    logits(model.weights, model.bias, toIndices(row.names, index), 3, out);
    return out;
  });
}

/**
 * Folds by page: every statement quoted from one page lands in the same fold, so a fold is
 * scored on pages the model never saw, as the held-out statements are. Pages are shuffled with
 * a fixed seed, then dealt largest first to the fold with the fewest statements; background
 * rows (stance-background.ts) are dealt in turn after them.
 */
function folds(rows: readonly Featurized[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const pages = new Map<string, number[]>();
  const background: number[] = [];
  rows.forEach((row, i) => (isBackground(row) ? background.push(i) : pages.set(row.page, [...(pages.get(row.page) ?? []), i])));
  const groups = [...pages.keys()].sort().map((page) => pages.get(page)!);
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  groups.sort((a, b) => b.length - a.length);
  const sizes = new Array<number>(k).fill(0);
  const assignment = new Array<number>(rows.length);
  for (const members of groups) {
    const fold = sizes.indexOf(Math.min(...sizes));
    sizes[fold]! += members.length;
    for (const row of members) assignment[row] = fold;
  }
  // Background rows are spread over the folds after the statements, so that the statements'
  // folds are the same with them as without them.
  background.forEach((row, j) => (assignment[row] = j % k));
  return assignment;
}

/** The page of a background row (stance-background.ts): such rows are dealt to folds apart from the statements. */
export const BACKGROUND_PAGE = 'background:';
const isBackground = (row: Featurized): boolean => row.page.startsWith(BACKGROUND_PAGE);

/** Each repeat's fold of every row, repeat after repeat (the layout of `pooled` rows). */
function pooledFolds(rows: readonly Featurized[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < REPEATS; r++) out.push(...folds(rows, FOLDS, SEED + r).map((f) => r * FOLDS + f));
  return out;
}

/** The rows once per repeat, to pair with the pooled out-of-fold predictions. */
function pooled<T>(rows: readonly T[]): T[] {
  return Array.from({ length: REPEATS }, () => rows).flat();
}

/** Out-of-fold logits of every row in every repeat, pooled (REPEATS x rows). */
function outOfFold(rows: readonly Featurized[], settings: StanceSettings, pack: TopicPack): Float64Array[] {
  const assignment = pooledFolds(rows);
  const result = new Array<Float64Array>(assignment.length);
  for (let f = 0; f < REPEATS * FOLDS; f++) {
    const offset = Math.floor(f / FOLDS) * rows.length;
    const inFold = (i: number): boolean => assignment[offset + i] === f;
    const model = fit(rows.filter((_, i) => !inFold(i)), settings, pack);
    const testIdx = rows.map((_, i) => i).filter(inFold);
    predictLogits(model, testIdx.map((i) => rows[i]!)).forEach((z, j) => (result[offset + testIdx[j]!] = z));
  }
  return result;
}

interface Decided {
  label: number;
  confidence: number;
}

function decide(z: Float64Array, temperature: number, abstainBelow: number): Decided {
  const p = Float64Array.from(z);
  softmax(p, temperature);
  let best = 0;
  for (let c = 1; c < 3; c++) if (p[c]! > p[best]!) best = c;
  if (best !== 2 && p[best]! < abstainBelow) best = 2;
  return { label: best, confidence: p[best]! };
}

function negativeLogLikelihood(all: readonly Float64Array[], rows: readonly Featurized[], temperature: number): number {
  let nll = 0;
  all.forEach((z, i) => {
    const p = Float64Array.from(z);
    softmax(p, temperature);
    nll -= Math.log(Math.max(1e-12, p[rows[i]!.label]!));
  });
  return nll / rows.length;
}

export interface StanceFigures {
  all: Metrics & { f_avg: number; calibration: Calibration };
  by_language: Record<string, Metrics & { f_avg: number }>;
}

function figures(decisions: readonly Decided[], rows: readonly { label: number; lang: string }[]): StanceFigures {
  const all = new ConfusionCounter(STANCE_LABELS);
  const byLang = new Map<string, ConfusionCounter>();
  decisions.forEach((d, i) => {
    const row = rows[i]!;
    all.add(STANCE_LABELS[row.label]!, STANCE_LABELS[d.label]!);
    if (!byLang.has(row.lang)) byLang.set(row.lang, new ConfusionCounter(STANCE_LABELS));
    byLang.get(row.lang)!.add(STANCE_LABELS[row.label]!, STANCE_LABELS[d.label]!);
  });
  const withF = (m: Metrics): Metrics & { f_avg: number } => ({ ...m, f_avg: sidesF1(m.confusion, ['support_ban', 'oppose_ban']) });
  const overall = withF(all.metrics());
  return {
    all: { ...overall, calibration: calibration(decisions.map((d, i) => ({ confidence: d.confidence, correct: d.label === rows[i]!.label }))) },
    by_language: Object.fromEntries([...byLang].sort().map(([lang, c]) => [lang, withF(c.metrics())])),
  };
}

export interface StanceTrainingReport {
  data: { train: string; train_n: number; val: string; val_n: number };
  method: string;
  settings: StanceSettings & { temperature: number; abstain_below: number; folds: number; seed: number; repeats: number };
  grid_size: number;
  background: BackgroundReport;
  cv: StanceFigures;
  val: StanceFigures;
}

export interface BackgroundReport {
  files: readonly string[];
  n: number;
  by_language: Record<string, number>;
  /** The chosen multiple of the neutral statements' weight (BACKGROUND_WEIGHTS). */
  weight: number;
  /** Each weight tried: the statements' CV macro-F1 and the share of background rows called neutral out of fold. */
  tried: { weight: number; cv_macro_f1: number; background_neutral_share: number | null }[];
  /** The one-standard-error margin the choice allowed below the best statements' score. */
  standard_error: number;
  check?: { file: string; n: number; side_share: number; side_share_without_background: number };
}

export interface StanceTrainingOptions {
  log?: (line: string) => void;
  /** Posts with no position on the ban (stance-background.ts), labelled neutral. */
  background?: readonly Statement[];
  backgroundFiles?: readonly string[];
  /** Unlabelled real posts to report on (never trained on): the share the model gives a side, with and without the background. */
  check?: { file: string; texts: readonly string[] };
}

export function trainStance(
  pack: TopicPack,
  trainRows: readonly Statement[],
  valRows: readonly Statement[],
  files: { train: string; val: string },
  options: StanceTrainingOptions = {},
): { file: StanceModelFile; report: StanceTrainingReport } {
  const log = options.log ?? (() => {});
  const features = new StanceFeatures(pack);
  const train = featurize(trainRows, features);
  const trainPooled = pooled(train);
  const tried: { settings: StanceSettings; oof: Float64Array[]; score: number }[] = [];
  for (const settings of GRID) {
    const oof = outOfFold(train, settings, pack);
    // Settings are compared at their own best temperature and abstain threshold, by macro-F1.
    const { score } = chooseDecision(oof, trainPooled);
    log(`cv l2_lexical=${settings.l2Lexical} l2_frame=${settings.l2Frame} prior=${settings.priorStrength} min_count=${settings.minCount}: macro-F1 ${score.toFixed(4)}`);
    tried.push({ settings, oof, score });
  }
  const chosen = oneStandardError(tried, train);
  log(`chose l2_lexical=${chosen.settings.l2Lexical} l2_frame=${chosen.settings.l2Frame} prior=${chosen.settings.priorStrength} min_count=${chosen.settings.minCount} (macro-F1 ${chosen.score.toFixed(4)})`);
  const background = featurize(options.background ?? [], features);
  const mixed = chooseBackgroundWeight(train, background, chosen.settings, pack, log);
  const { temperature, abstainBelow } = chooseDecision(mixed.oof, trainPooled);
  const cv = figures(mixed.oof.map((z) => decide(z, temperature, abstainBelow)), trainPooled);

  const model = fit(mixed.rows, chosen.settings, pack);
  const check = options.check && {
    file: options.check.file,
    n: options.check.texts.length,
    side_share: sideShare(model, options.check.texts, features, temperature, abstainBelow),
    side_share_without_background: sideShare(mixed.weight === 0 ? model : fit(train, chosen.settings, pack), options.check.texts, features, temperature, abstainBelow),
  };
  const file: StanceModelFile = {
    name: 'rift-stance-softmax',
    format: 1,
    labels: STANCE_LABELS,
    pack: `${pack.id}@${pack.version}`,
    temperature,
    abstain_below: abstainBelow,
    bias: [...model.bias].map(round4),
    weights: Object.fromEntries(
      model.vocabulary
        .map((name, f): [string, number[]] => [name, [0, 1, 2].map((c) => round4(model.weights[f * 3 + c]!))])
        .filter(([, w]) => w.some((x) => Math.abs(x) >= 0.001)),
    ),
  };
  // Validation is looked at once, through the run-time scorer exactly as shipped.
  const scorer = new StanceModel(pack, file);
  const valDecisions = valRows.map((row) => {
    const r = scorer.score(tokenize(row.text));
    return { label: STANCE_LABELS.indexOf(r.label as (typeof STANCE_LABELS)[number]), confidence: r.confidence };
  });
  const valLabelled = valRows.map((row) => ({ label: STANCE_LABELS.indexOf(row.stance as (typeof STANCE_LABELS)[number]), lang: row.lang }));
  const report: StanceTrainingReport = {
    data: { train: files.train, train_n: trainRows.length, val: files.val, val_n: valRows.length },
    method: 'multinomial logistic regression (class-balanced, L2, Adam, full batch) over text-only features; temperature scaling and an abstain threshold chosen on out-of-fold predictions',
    settings: { ...chosen.settings, temperature, abstain_below: abstainBelow, folds: FOLDS, seed: SEED, repeats: REPEATS },
    grid_size: GRID.length,
    background: {
      files: options.backgroundFiles ?? [],
      n: background.length,
      by_language: countBy(background.map((row) => row.lang)),
      weight: mixed.weight,
      tried: mixed.tried,
      standard_error: round4(mixed.se),
      ...(check && { check }),
    },
    cv,
    val: figures(valDecisions, valLabelled),
  };
  file.training = report;
  return { file, report };
}

interface BackgroundChoice {
  weight: number;
  /** The statements followed by the weighted background rows, as the final model is fitted on them. */
  rows: Featurized[];
  /** Out-of-fold logits of the statements alone (pooled over the repeats). */
  oof: Float64Array[];
  tried: BackgroundReport['tried'];
  se: number;
}

/**
 * Chooses the weight of the background rows, after the grid, at the grid's settings. The
 * statements say little about it (none of them is off the subject), and more background costs
 * them a little, so the rule is the one-standard-error rule again: the largest weight whose
 * statements' CV macro-F1 is within one standard error of the best weight's. Background rows
 * join the folds as pages of their own; only statements are scored for the choice, and the
 * share of background rows called neutral out of fold is reported beside it.
 */
function chooseBackgroundWeight(train: Featurized[], background: Featurized[], settings: StanceSettings, pack: TopicPack, log: (line: string) => void): BackgroundChoice {
  const neutralStatements = train.filter((row) => row.label === STANCE_LABELS.indexOf('neutral')).length;
  const trainPooled = pooled(train);
  const candidates = (background.length ? BACKGROUND_WEIGHTS : [0]).map((weight) => {
    const each = weight === 0 ? 0 : (weight * neutralStatements) / background.length;
    const rows = each === 0 ? train : [...train, ...background.map((row) => ({ ...row, weight: each }))];
    const all = outOfFold(rows, settings, pack);
    // The pooled layout is repeat after repeat of `rows`: keep each repeat's statements, then its background.
    const ofRepeat = (r: number, from: number, to: number) => all.slice(r * rows.length + from, r * rows.length + to);
    const oof = Array.from({ length: REPEATS }, (_, r) => ofRepeat(r, 0, train.length)).flat();
    const bg = each === 0 ? [] : Array.from({ length: REPEATS }, (_, r) => ofRepeat(r, train.length, rows.length)).flat();
    const { score, temperature, abstainBelow } = chooseDecision(oof, trainPooled);
    const neutral = bg.length ? bg.filter((z) => STANCE_LABELS[decide(z, temperature, abstainBelow).label] === 'neutral').length / bg.length : null;
    log(`cv background weight ${weight}: statements macro-F1 ${score.toFixed(4)}, background called neutral ${neutral === null ? 'n/a' : neutral.toFixed(3)}`);
    return { weight, rows, oof, score, neutral };
  });
  const best = candidates.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  const se = foldStandardError(best.oof, train);
  const chosen = candidates.filter((c) => c.score >= best.score - se).reduce((a, b) => (b.weight > a.weight ? b : a));
  log(`chose background weight ${chosen.weight} (statements macro-F1 ${chosen.score.toFixed(4)}; best ${best.score.toFixed(4)}, one standard error ${se.toFixed(4)})`);
  return {
    weight: chosen.weight,
    rows: chosen.rows,
    oof: chosen.oof,
    se,
    tried: candidates.map((c) => ({ weight: c.weight, cv_macro_f1: round4(c.score), background_neutral_share: c.neutral === null ? null : round4(c.neutral) })),
  };
}

/** The share of `texts` given a side (support or oppose) by a fitted model. */
function sideShare(model: Fitted, texts: readonly string[], features: StanceFeatures, temperature: number, abstainBelow: number): number {
  const rows = featurize(texts.map((text) => ({ text, lang: '', stance: 'neutral' })), features);
  const sides = predictLogits(model, rows).filter((z) => STANCE_LABELS[decide(z, temperature, abstainBelow).label] !== 'neutral').length;
  return round4(sides / Math.max(1, texts.length));
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/**
 * The one-standard-error rule (Hastie, Tibshirani and Friedman, The Elements of Statistical
 * Learning, 7.10): among settings whose CV score is within one standard error (over folds) of
 * the best, take the most conservative: the strongest prior from the pack's leans, then the
 * strongest penalty on words, then the rarest words dropped. With a few hundred statements the
 * differences between settings are mostly noise, and the conservative model relies least on
 * phrasings of the training pages.
 */
function oneStandardError<T extends { settings: StanceSettings; oof: Float64Array[]; score: number }>(tried: readonly T[], rows: readonly Featurized[]): T {
  const best = tried.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  const se = foldStandardError(best.oof, rows);
  const conservative = (t: T): number[] => [t.settings.priorStrength, t.settings.l2Lexical, t.settings.minCount, t.settings.l2Frame];
  return tried
    .filter((t) => t.score >= best.score - se)
    .reduce((a, b) => {
      const [ka, kb] = [conservative(a), conservative(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! > ka[i]! ? b : a;
      return a;
    });
}

/** The standard error over folds of the macro-F1 of pooled out-of-fold logits of `rows`. */
function foldStandardError(oof: readonly Float64Array[], rows: readonly Featurized[]): number {
  const all = pooled(rows);
  const { temperature, abstainBelow } = chooseDecision(oof, all);
  const assignment = pooledFolds(rows);
  const k = REPEATS * FOLDS;
  const perFold = Array.from({ length: k }, (_, f) => {
    const idx = all.map((_, i) => i).filter((i) => assignment[i] === f);
    return figures(idx.map((i) => decide(oof[i]!, temperature, abstainBelow)), idx.map((i) => all[i]!)).all.macro_f1;
  });
  const mean = perFold.reduce((a, b) => a + b, 0) / k;
  // The folds of one repeat share their training rows with the other repeats, so this is the
  // usual rough standard error of the rule, over all REPEATS x FOLDS folds.
  return Math.sqrt(perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1) / k);
}

/** The temperature that best fits out-of-fold likelihood, then the abstain threshold that best serves macro-F1. */
function chooseDecision(oof: readonly Float64Array[], rows: readonly Featurized[]): { temperature: number; abstainBelow: number; score: number } {
  let temperature = 1;
  let bestNll = Infinity;
  for (const t of TEMPERATURES) {
    const nll = negativeLogLikelihood(oof, rows, t);
    if (nll < bestNll - 1e-12) [bestNll, temperature] = [nll, t];
  }
  let abstainBelow = 0;
  let score = -1;
  for (const a of ABSTAIN) {
    const m = figures(oof.map((z) => decide(z, temperature, a)), rows).all.macro_f1;
    if (m > score + 1e-9) [score, abstainBelow] = [m, a];
  }
  return { temperature, abstainBelow, score };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
