/**
 * `rift eval --input labelled.jsonl`: runs the analyzer over labelled lines (evaluateFile) and
 * prints, as the last line, one JSON object with the figures of each label kind present, the same
 * per language, and the calibration of each kind's confidence.
 */
import { evaluateFile, formatReliability, type TaskMetrics } from '@rift/analyze';
import { parseOptions } from '../args.ts';
import { UsageError, type Command } from '../command.ts';
import { loadAnalyzer } from '../load-analyzer.ts';

const command: Command = {
  summary: 'Measure the analyzer against labelled JSONL (sentiment/label, stance, lang, actor)',
  usage: [
    'Usage: rift eval --input labelled.jsonl [--pack pack.json]',
    '',
    'Lines carry "text" and any of "sentiment" (or "label"), "stance", "lang", "actor";',
    '"author" {handle,name,description,verified_domain} or "speaker" (read as the author name).',
    'The last line printed is one JSON object: for each label kind present,',
    '{ n, accuracy, macro_recall, macro_f1, confusion } with confusion[gold][predicted] (and f_avg for stance);',
    'by_language.<kind>.<lang> the same per language; calibration.<kind> { n, ece, bins }.',
  ].join('\n'),
  async run(args) {
    const opts = parseOptions(args, ['input', 'pack']);
    const input = opts.get('input');
    if (!input) throw new UsageError('--input is required');
    const { results, byLanguage, calibration, skipped } = await evaluateFile(input, loadAnalyzer(opts.get('pack')));
    const line = (name: string, m: TaskMetrics): string =>
      `${name.padEnd(12)} n=${m.n} accuracy=${m.accuracy} macro_recall=${m.macro_recall} macro_f1=${m.macro_f1}${m.f_avg === undefined ? '' : ` f_avg=${m.f_avg}`}`;
    for (const [kind, m] of Object.entries(results) as [keyof typeof results, TaskMetrics][]) {
      console.log(line(kind, m));
      for (const [lang, lm] of Object.entries(byLanguage[kind] ?? {})) console.log(line(`  ${lang}`, lm));
      const c = calibration[kind];
      if (c) for (const l of formatReliability(c)) console.log(l);
    }
    if (skipped) console.log(`skipped ${skipped} unreadable lines`);
    console.log(JSON.stringify({ ...results, by_language: byLanguage, calibration }));
    return 0;
  },
};

export default command;
