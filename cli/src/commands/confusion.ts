/**
 * `rift confusion --input labelled.jsonl [--out analyze/models/stance-confusion.json]`: scores
 * labelled statements with the current analyzer and writes the stance confusion matrices the
 * divide's correction reads (queries/src/stats/correction.ts): one per language the lines carry
 * ("lang"), and "all" pooled. Rows are the true label, columns the predicted one, in the order of
 * `labels`. Run it again whenever the stance model changes: the file names the model version it
 * measured, and the correction applies only to posts scored by that version.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig, STANCE_LABELS } from '@rift/core';
import type { Analyzer } from '@rift/analyze';
import { parseOptions } from '../args.ts';
import { UsageError, type Command } from '../command.ts';
import { loadAnalyzer } from '../load-analyzer.ts';

export interface StanceConfusionFile {
  model_version: string;
  labels: typeof STANCE_LABELS;
  by_language: Record<string, { n: number; matrix: number[][] }>;
}

const emptyMatrix = () => STANCE_LABELS.map(() => STANCE_LABELS.map(() => 0));

/** The confusion matrices of the analyzer's stance on the lines of `file` (text, stance, lang). */
export async function buildStanceConfusion(file: string, analyzer: Analyzer): Promise<{ result: StanceConfusionFile; skipped: number }> {
  const by: Record<string, { n: number; matrix: number[][] }> = { all: { n: 0, matrix: emptyMatrix() } };
  let skipped = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let row: { text?: unknown; stance?: unknown; lang?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const truth = STANCE_LABELS.indexOf(row.stance as (typeof STANCE_LABELS)[number]);
    if (typeof row.text !== 'string' || truth < 0) {
      skipped++;
      continue;
    }
    const predicted = STANCE_LABELS.indexOf(analyzer.analyze({ text: row.text }).stance.label);
    const groups = typeof row.lang === 'string' && row.lang && row.lang !== 'all' ? ['all', row.lang] : ['all'];
    for (const group of groups) {
      const entry = (by[group] ??= { n: 0, matrix: emptyMatrix() });
      entry.n++;
      entry.matrix[truth]![predicted]!++;
    }
  }
  return { result: { model_version: analyzer.modelVersion, labels: STANCE_LABELS, by_language: by }, skipped };
}

const command: Command = {
  summary: 'Build the stance confusion matrices that correct the divide, from labelled JSONL',
  usage: [
    'Usage: rift confusion --input labelled.jsonl [--out file.json] [--pack pack.json]',
    '',
    'Lines carry "text", "stance" (support_ban, oppose_ban or neutral) and "lang".',
    'Writes { model_version, labels, by_language: { <lang>: { n, matrix }, all: { n, matrix } } },',
    'matrix[true][predicted], to --out (default: RIFT_STANCE_CONFUSION_FILE).',
  ].join('\n'),
  async run(args) {
    const opts = parseOptions(args, ['input', 'out', 'pack']);
    const input = opts.get('input');
    if (!input) throw new UsageError('--input is required');
    const out = opts.get('out') ?? loadConfig().RIFT_STANCE_CONFUSION_FILE;
    const { result, skipped } = await buildStanceConfusion(input, loadAnalyzer(opts.get('pack')));
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    const sizes = Object.entries(result.by_language).map(([lang, e]) => `${lang}=${e.n}`).join(' ');
    console.log(`wrote ${out} for ${result.model_version}: ${sizes}${skipped ? `; skipped ${skipped} unusable lines` : ''}`);
    return 0;
  },
};

export default command;
