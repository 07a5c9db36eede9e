/**
 * `rift eval --input labelled.jsonl`: runs the analyzer over labelled lines and prints, as the
 * last line, one JSON object with { n, accuracy, macro_recall, macro_f1, confusion, calibration,
 * by_language } for each label kind present (sentiment, stance, lang, actor), and for stance
 * SemEval's F_avg (mean F1 of support_ban and oppose_ban). `label` counts as sentiment, as in the
 * training files. A line's `lang` (else the detected language) groups the per-language figures;
 * a `speaker` string (as in the stance statements) is the author's profile when no `author` is given.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from '@rift/infra/cli/command';
import { UsageError } from '@rift/infra/cli/command';
import type { Analysis } from '@rift/core/post';
import type { Analyzer } from '../analyzer.ts';
import { calibration, sidesF1, type Calibration } from '../nlp/calibration.ts';
import { ConfusionCounter, type Metrics } from '../nlp/metrics.ts';
import { parseArgs } from './args.ts';
import { loadAnalyzer } from './load-analyzer.ts';

type Kind = 'sentiment' | 'stance' | 'lang' | 'actor';
const KINDS: Kind[] = ['sentiment', 'stance', 'lang', 'actor'];

function predicted(analysis: Analysis, kind: Kind): string {
  if (kind === 'lang') return analysis.lang;
  return analysis[kind].label;
}

function gold(row: Record<string, unknown>, kind: Kind): string | undefined {
  const value = kind === 'sentiment' ? (row.sentiment ?? row.label) : row[kind];
  if (typeof value === 'string' && value) return value;
  // Allow { "actor": { "label": ... } } as written by `rift analyze` output edited by hand.
  if (value && typeof value === 'object' && typeof (value as { label?: unknown }).label === 'string') return (value as { label: string }).label;
  return undefined;
}

function confidence(analysis: Analysis, kind: Kind): number {
  return kind === 'lang' ? 1 : analysis[kind].confidence;
}

export interface TaskFigures extends Metrics {
  /** Stance only: mean F1 of the two sides. */
  f_avg?: number;
  calibration: Calibration;
  by_language: Record<string, Metrics & { f_avg?: number }>;
}

/** Counts for one task: overall, per language, and the confidence of every prediction. */
class TaskTally {
  readonly all = new ConfusionCounter();
  readonly byLanguage = new Map<string, ConfusionCounter>();
  readonly predictions: { confidence: number; correct: boolean }[] = [];

  add(gold: string, predicted: string, lang: string, conf: number): void {
    this.all.add(gold, predicted);
    if (!this.byLanguage.has(lang)) this.byLanguage.set(lang, new ConfusionCounter());
    this.byLanguage.get(lang)!.add(gold, predicted);
    this.predictions.push({ confidence: conf, correct: gold === predicted });
  }

  figures(kind: Kind): TaskFigures {
    const withSides = <M extends Metrics>(m: M): M & { f_avg?: number } =>
      kind === 'stance' ? { ...m, f_avg: sidesF1(m.confusion, ['support_ban', 'oppose_ban']) } : m;
    return {
      ...withSides(this.all.metrics()),
      calibration: calibration(this.predictions),
      by_language: Object.fromEntries([...this.byLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([lang, c]) => [lang, withSides(c.metrics())])),
    };
  }
}

export async function evaluateFile(file: string, analyzer: Analyzer): Promise<{ results: Partial<Record<Kind, TaskFigures>>; skipped: number }> {
  const counters = new Map<Kind, TaskTally>();
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
    const lang = typeof row.lang === 'string' && row.lang ? row.lang : analysis.lang;
    for (const kind of KINDS) {
      const g = gold(row, kind);
      if (g === undefined) continue;
      let counter = counters.get(kind);
      if (!counter) counters.set(kind, (counter = new TaskTally()));
      counter.add(g, predicted(analysis, kind), lang, confidence(analysis, kind));
    }
  }
  const results: Partial<Record<Kind, TaskFigures>> = {};
  for (const kind of KINDS) {
    const counter = counters.get(kind);
    if (counter) results[kind] = counter.figures(kind);
  }
  return { results, skipped };
}

const command: Command = {
  summary: 'Measure the analyzer against labelled JSONL (sentiment/label, stance, lang, actor)',
  usage: [
    'Usage: rift eval --input labelled.jsonl [--pack pack.json]',
    '',
    'Lines carry "text" and any of "sentiment" (or "label"), "stance", "lang", "actor";',
    '"author" {handle,name,description,verified_domain} or "speaker" (read as the author name).',
    'The last line printed is one JSON object: for each label kind present,',
    '{ n, accuracy, macro_recall, macro_f1, confusion, calibration, by_language } with',
    'confusion[gold][predicted], calibration { bins, ece }, and f_avg for stance.',
  ].join('\n'),
  async run(args) {
    const opts = parseArgs(args, ['input', 'pack']);
    const input = opts.get('input');
    if (!input) throw new UsageError('--input is required');
    const { results, skipped } = await evaluateFile(input, loadAnalyzer(opts.get('pack')));
    for (const [kind, m] of Object.entries(results)) {
      const sides = m.f_avg === undefined ? '' : ` f_avg=${m.f_avg}`;
      console.log(`${kind.padEnd(9)} n=${m.n} accuracy=${m.accuracy} macro_recall=${m.macro_recall} macro_f1=${m.macro_f1}${sides} ece=${m.calibration.ece}`);
      for (const [lang, l] of Object.entries(m.by_language)) {
        const langSides = l.f_avg === undefined ? '' : ` f_avg=${l.f_avg}`;
        console.log(`  ${lang.padEnd(7)} n=${l.n} accuracy=${l.accuracy} macro_recall=${l.macro_recall} macro_f1=${l.macro_f1}${langSides}`);
      }
    }
    if (skipped) console.log(`skipped ${skipped} unreadable lines`);
    console.log(JSON.stringify(results));
    return 0;
  },
};

export default command;
