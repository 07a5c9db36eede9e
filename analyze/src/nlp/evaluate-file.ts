/**
 * Runs the analyzer over labelled JSONL lines (`rift eval`, the stance bench, the model tests) and
 * returns { n, accuracy, macro_recall, macro_f1, confusion } for each label kind present
 * (sentiment, stance, lang, actor), the same per language (the row's `lang` when it has one, else
 * the detected one), and the calibration of each kind's confidence (reliability table and expected
 * calibration error); for stance also SemEval's F_avg (mean F1 of support_ban and oppose_ban),
 * overall and per language. `label` counts as sentiment, as in the training files. A `speaker`
 * string (as in the stance statements) is the author's profile when a line has no `author`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Analysis } from '@rift/core';
import type { Analyzer } from '../analyzer.ts';
import { CalibrationCounter, sidesF1, type Calibration } from './calibration.ts';
import { ConfusionCounter, type Metrics } from './metrics.ts';

type Kind = 'sentiment' | 'stance' | 'lang' | 'actor';
const KINDS: Kind[] = ['sentiment', 'stance', 'lang', 'actor'];

function predicted(analysis: Analysis, kind: Kind): string {
  if (kind === 'lang') return analysis.lang;
  return analysis[kind].label;
}

/** Language detection has no confidence to calibrate. */
function confidenceOf(analysis: Analysis, kind: Kind): number | undefined {
  return kind === 'lang' ? undefined : analysis[kind].confidence;
}

/** Stance figures also carry F_avg. */
export type TaskMetrics = Metrics & { f_avg?: number };

export interface EvalResult {
  results: Partial<Record<Kind, TaskMetrics>>;
  byLanguage: Partial<Record<Kind, Record<string, TaskMetrics>>>;
  calibration: Partial<Record<Kind, Calibration>>;
  skipped: number;
}

function counterIn<K>(map: Map<K, ConfusionCounter>, key: K): ConfusionCounter {
  let counter = map.get(key);
  if (!counter) map.set(key, (counter = new ConfusionCounter()));
  return counter;
}

function gold(row: Record<string, unknown>, kind: Kind): string | undefined {
  const value = kind === 'sentiment' ? (row.sentiment ?? row.label) : row[kind];
  if (typeof value === 'string' && value) return value;
  // Allow { "actor": { "label": ... } } as written by `rift analyze` output edited by hand.
  if (value && typeof value === 'object' && typeof (value as { label?: unknown }).label === 'string') return (value as { label: string }).label;
  return undefined;
}

function withSides(kind: Kind, m: Metrics): TaskMetrics {
  return kind === 'stance' ? { ...m, f_avg: sidesF1(m.confusion, ['support_ban', 'oppose_ban']) } : m;
}

export async function evaluateFile(file: string, analyzer: Analyzer): Promise<EvalResult> {
  const counters = new Map<Kind, ConfusionCounter>();
  const perLanguage = new Map<string, ConfusionCounter>();
  const calibrations = new Map<Kind, CalibrationCounter>();
  let skipped = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      skipped++;
      continue;
    }
    if (!row || typeof row !== 'object' || typeof row.text !== 'string') {
      skipped++;
      continue;
    }
    const author =
      row.author && typeof row.author === 'object'
        ? (row.author as Record<string, string>)
        : typeof row.speaker === 'string'
          ? { name: row.speaker }
          : undefined;
    const analysis = analyzer.analyze({ text: row.text, author });
    for (const kind of KINDS) {
      const g = gold(row, kind);
      if (g === undefined) continue;
      const label = predicted(analysis, kind);
      counterIn(counters, kind).add(g, label);
      const lang = typeof row.lang === 'string' && row.lang ? row.lang : analysis.lang;
      counterIn(perLanguage, `${kind}\t${lang}`).add(g, label);
      const confidence = confidenceOf(analysis, kind);
      if (confidence === undefined) continue;
      let calibration = calibrations.get(kind);
      if (!calibration) calibrations.set(kind, (calibration = new CalibrationCounter()));
      calibration.add(confidence, label === g);
    }
  }
  const results: EvalResult['results'] = {};
  const byLanguage: EvalResult['byLanguage'] = {};
  const calibration: EvalResult['calibration'] = {};
  for (const kind of KINDS) {
    const counter = counters.get(kind);
    if (counter) results[kind] = withSides(kind, counter.metrics());
    const c = calibrations.get(kind);
    if (c) calibration[kind] = c.result();
  }
  for (const [key, counter] of [...perLanguage].sort(([a], [b]) => a.localeCompare(b))) {
    const [kind, lang] = key.split('\t') as [Kind, string];
    (byLanguage[kind] ??= {})[lang] = withSides(kind, counter.metrics());
  }
  return { results, byLanguage, calibration, skipped };
}
