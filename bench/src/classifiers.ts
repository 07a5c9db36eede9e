/**
 * Accuracy of the stance and actor classifiers on the labelled statements (../shared/data/stance):
 * validation figures measured now through the whole analyzer, per language, beside a peer scored
 * on the same statements in the same run (stance: the pack's weighted cue rules that the trained
 * model replaced; actor: everyone `public`, the majority-class baseline), and the
 * cross-validation figures recorded when the shipped model was trained.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadTopicPack, REPO_ROOT } from '@rift/core';
import { ConfusionCounter, createAnalyzer, evaluateFile, MODELS_DIR } from '@rift/analyze';
import type { BenchContext } from './context.ts';
import type { Figure } from './figures.ts';

const STANCE_VAL = path.resolve(REPO_ROOT, '../shared/data/stance/stance-val.jsonl');
const STANCE_TARGET = 0.7;
const ACTOR_TARGET = 0.8;

interface Row {
  actor: string;
  lang: string;
}

export async function benchClassifiers(ctx: BenchContext): Promise<Figure[]> {
  if (!existsSync(STANCE_VAL)) {
    ctx.log(`classifiers: ${STANCE_VAL} not found; accuracy skipped`);
    return [];
  }
  const pack = loadTopicPack(loadConfig().RIFT_TOPIC_PACK);
  const model = await evaluateFile(STANCE_VAL, createAnalyzer(pack));
  const rules = await evaluateFile(STANCE_VAL, createAnalyzer(pack, { stanceModel: null }));
  const rows = readFileSync(STANCE_VAL, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
  const majority = (lang?: string): number => {
    const counter = new ConfusionCounter();
    for (const row of rows) if (!lang || row.lang === lang) counter.add(row.actor, 'public');
    return counter.metrics().macro_f1;
  };
  const stance = model.results.stance!;
  const actor = model.results.actor!;
  const runs = `${stance.n} labelled validation statements (deterministic)`;
  const figures: Figure[] = [
    { name: 'accuracy.stance.val.macro_f1', value: stance.macro_f1, unit: 'macro-F1', peer: 'cue rules', peer_value: rules.results.stance!.macro_f1, target: { op: '>=', value: STANCE_TARGET }, runs },
    { name: 'accuracy.stance.val.f_avg', value: stance.f_avg!, unit: 'F_avg', peer: 'cue rules', peer_value: rules.results.stance!.f_avg!, runs },
    { name: 'accuracy.stance.val.ece', value: model.calibration.stance!.ece, unit: 'ECE', peer: 'cue rules', peer_value: rules.calibration.stance!.ece, runs },
  ];
  for (const [lang, m] of Object.entries(model.byLanguage.stance ?? {})) {
    const peer = rules.byLanguage.stance?.[lang];
    figures.push({ name: `accuracy.stance.val.${lang}.macro_f1`, value: m.macro_f1, unit: 'macro-F1', peer: 'cue rules', peer_value: peer?.macro_f1, target: { op: '>=', value: STANCE_TARGET }, runs: `${m.n} statements` });
  }
  const card = path.join(MODELS_DIR, 'stance-metrics.json');
  if (existsSync(card)) {
    const cv = (JSON.parse(readFileSync(card, 'utf8')) as { cv: { macro_f1: number; n: number; by_language: Record<string, { macro_f1: number; n: number }> } }).cv;
    const note = 'recorded by rift train (page-grouped 5-fold cross-validation on the training statements)';
    figures.push({ name: 'accuracy.stance.cv.macro_f1', value: cv.macro_f1, unit: 'macro-F1', target: { op: '>=', value: STANCE_TARGET }, runs: `${cv.n} statements`, note });
    for (const [lang, m] of Object.entries(cv.by_language)) {
      figures.push({ name: `accuracy.stance.cv.${lang}.macro_f1`, value: m.macro_f1, unit: 'macro-F1', target: { op: '>=', value: STANCE_TARGET }, runs: `${m.n} statements`, note });
    }
  }
  figures.push({ name: 'accuracy.actor.val.macro_f1', value: actor.macro_f1, unit: 'macro-F1', peer: 'all public', peer_value: majority(), target: { op: '>=', value: ACTOR_TARGET }, runs, note: 'speaker name and role as the author profile' });
  for (const [lang, m] of Object.entries(model.byLanguage.actor ?? {})) {
    figures.push({ name: `accuracy.actor.val.${lang}.macro_f1`, value: m.macro_f1, unit: 'macro-F1', peer: 'all public', peer_value: majority(lang), target: { op: '>=', value: ACTOR_TARGET }, runs: `${m.n} statements` });
  }
  return figures;
}
