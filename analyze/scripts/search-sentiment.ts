/**
 * The settings search behind SHIPPED_SETTINGS: k-fold cross-validation on the train files only
 * (validation files are never read here). Each variant changes settings of the base (given as JSON); the
 * criterion is the mean out-of-fold macro recall over the sets (English: tweets and statements;
 * Chinese: posts and statements, three-way). Writes analyze/models/sentiment-cv-search.json,
 * which the model card quotes.
 * Usage: npx tsx analyze/scripts/search-sentiment.ts [--data DIR] [--only en|zh]
 */
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@rift/core/config';
import { MODELS_DIR } from '../src/nlp/model-artefact.ts';
import { crossValidate, inputsFor, readTrainCorpus, SHIPPED_SETTINGS, type Language, type ModelSettings } from '../src/nlp/training/train-sentiment.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dataDir = arg('data') ?? path.resolve(REPO_ROOT, '../shared/data');
const only = arg('only');
const outFile = path.join(MODELS_DIR, 'sentiment-cv-search.json');
const corpus = await readTrainCorpus(dataDir);
const base = SHIPPED_SETTINGS;

type Row = { language: string; change: string; criterion: number; sets: Record<string, number>; decision: unknown; seconds: number };
const rows: Row[] = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as { rows: Row[] }).rows : [];
const keep = (row: Row): void => {
  const at = rows.findIndex((r) => r.language === row.language && r.change === row.change);
  if (at >= 0) rows[at] = row;
  else rows.push(row);
  console.log(JSON.stringify(row));
  writeFileSync(outFile, JSON.stringify({ folds: base.folds, seed: base.seed, rows }, null, 1) + '\n');
};

for (const lang of ['en', 'zh'] as const satisfies readonly Language[]) {
  if (only && only !== lang) continue;
  const variants: [string, Partial<ModelSettings>][] = JSON.parse(arg(lang) ?? '[["base", {}]]');
  for (const [change, patch] of variants) {
    const s: ModelSettings = { ...base[lang], ...patch, features: { ...base[lang].features, ...(patch.features ?? {}) } };
    const t = performance.now();
    const cv = crossValidate(inputsFor(lang, corpus, s, dataDir), s, base.seed + (lang === 'zh' ? 1 : 0), base.folds);
    const sets = Object.fromEntries(Object.entries(cv.sets).map(([k, m]) => [k, m.macro_recall]));
    keep({ language: lang, change, criterion: cv.criterion, sets, decision: cv.offsets, seconds: Math.round((performance.now() - t) / 1000) });
  }
}
