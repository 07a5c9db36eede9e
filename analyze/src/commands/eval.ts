/**
 * `rift eval --input labelled.jsonl`: runs the analyzer over labelled lines and prints, as the
 * last line, one JSON object with { n, accuracy, macro_recall, macro_f1, confusion } for each
 * label kind present (sentiment, stance, lang, actor). `label` counts as sentiment, as in the
 * training files.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from '@rift/infra/cli/command';
import { UsageError } from '@rift/infra/cli/command';
import type { Analysis } from '@rift/core/post';
import type { Analyzer } from '../analyzer.ts';
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

export async function evaluateFile(file: string, analyzer: Analyzer): Promise<{ results: Partial<Record<Kind, Metrics>>; skipped: number }> {
  const counters = new Map<Kind, ConfusionCounter>();
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
    const author = row.author && typeof row.author === 'object' ? (row.author as Record<string, string>) : undefined;
    const analysis = analyzer.analyze({ text: row.text, author });
    for (const kind of KINDS) {
      const g = gold(row, kind);
      if (g === undefined) continue;
      let counter = counters.get(kind);
      if (!counter) counters.set(kind, (counter = new ConfusionCounter()));
      counter.add(g, predicted(analysis, kind));
    }
  }
  const results: Partial<Record<Kind, Metrics>> = {};
  for (const kind of KINDS) {
    const counter = counters.get(kind);
    if (counter) results[kind] = counter.metrics();
  }
  return { results, skipped };
}

const command: Command = {
  summary: 'Measure the analyzer against labelled JSONL (sentiment/label, stance, lang, actor)',
  usage: [
    'Usage: rift eval --input labelled.jsonl [--pack pack.json]',
    '',
    'Lines carry "text" and any of "sentiment" (or "label"), "stance", "lang", "actor".',
    'The last line printed is one JSON object: for each label kind present,',
    '{ n, accuracy, macro_recall, macro_f1, confusion } with confusion[gold][predicted].',
  ].join('\n'),
  async run(args) {
    const opts = parseArgs(args, ['input', 'pack']);
    const input = opts.get('input');
    if (!input) throw new UsageError('--input is required');
    const { results, skipped } = await evaluateFile(input, loadAnalyzer(opts.get('pack')));
    for (const [kind, m] of Object.entries(results)) {
      console.log(`${kind.padEnd(9)} n=${m.n} accuracy=${m.accuracy} macro_recall=${m.macro_recall} macro_f1=${m.macro_f1}`);
    }
    if (skipped) console.log(`skipped ${skipped} unreadable lines`);
    console.log(JSON.stringify(results));
    return 0;
  },
};

export default command;
