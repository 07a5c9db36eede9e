import { HttpError } from '@rift/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type TaskReport, validateCodedSheet } from '@rift/api';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** One task's agreement as a few lines of text: scores per label, kappa, the confusion matrix. */
export function formatTaskReport(r: TaskReport): string {
  const width = Math.max(10, ...r.labels.map((l) => l.length)) + 2;
  const ci = (x: [number, number] | null) => (x ? ` [${fmt(x[0])}, ${fmt(x[1])}]` : '');
  const lines = [
    `${r.task}: n = ${r.n} (${r.uncoded} not coded), kappa = ${fmt(r.kappa)}${ci(r.ci95.kappa)}, Krippendorff's alpha = ${fmt(r.alpha)}${ci(r.ci95.alpha)}, accuracy = ${fmt(r.accuracy)}${ci(r.ci95.accuracy)}, macro F1 = ${fmt(r.macro_f1)}`,
    `  [95% intervals: ${r.interval_method}]`,
  ];
  lines.push(`  ${'label'.padEnd(width)}precision  recall  F1     support`);
  for (const s of r.per_label) lines.push(`  ${s.label.padEnd(width)}${fmt(s.precision).padEnd(11)}${fmt(s.recall).padEnd(8)}${fmt(s.f1).padEnd(7)}${s.support}`);
  lines.push(`  confusion (rows: human, columns: model)`);
  lines.push(`  ${''.padEnd(width)}${r.labels.map((l) => l.padStart(width)).join('')}`);
  r.labels.forEach((l, i) => lines.push(`  ${l.padEnd(width)}${r.confusion[i]!.map((c) => String(c).padStart(width)).join('')}`));
  return lines.join('\n');
}

const command: Command = {
  summary: 'compare a coded sample with the model labels (precision, recall, F1, kappa) and keep the run',
  usage: [
    'Usage: rift validate --input coded.csv [--json]',
    '',
    'coded.csv is a sheet from rift sample with code_stance, code_sentiment and/or code_actor',
    'filled in (empty = not coded). Posts are matched by source + id. Each run is stored',
    '(GET /api/validations lists them). --json prints the stored run as JSON.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, { input: { type: 'string' }, json: { type: 'boolean', default: false } });
    if (!values.input) throw new UsageError('--input FILE is required');
    let csv: string;
    try {
      csv = await readFile(values.input, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${values.input}: ${(err as Error).message}`);
    }
    const runtime = await openRuntime({ name: 'rift-validate', migrate: true });
    try {
      const run = await validateCodedSheet(runtime.clickhouse, runtime.pack, csv, path.basename(values.input), 'cli').catch((err: unknown) => {
        throw err instanceof HttpError ? new UsageError(err.message) : err;
      });
      if (values.json) {
        console.log(JSON.stringify(run, null, 2));
        return 0;
      }
      console.log(`validation run ${run.id}: ${run.matched_rows} of ${run.coded_rows} coded posts found; model versions ${run.model_versions.join(', ') || 'none'}`);
      if (run.not_found.length) console.log(`  not found (left out): ${run.not_found.slice(0, 10).map((r) => `line ${r.line} ${r.source}/${r.id}`).join(', ')}${run.not_found.length > 10 ? ', ...' : ''}`);
      for (const task of run.tasks) console.log(`\n${formatTaskReport(task)}`);
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
