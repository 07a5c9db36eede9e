/** `rift analyze --input posts.jsonl --output scored.jsonl`: scores a JSONL file of posts. */
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from '@rift/infra/cli/command';
import { UsageError } from '@rift/infra/cli/command';
import { analyzeStream } from './analyze-stream.ts';
import { parseArgs } from './args.ts';
import { loadAnalyzer } from './load-analyzer.ts';

const command: Command = {
  summary: 'Score a JSONL file of posts (sentiment, stance, topics, language, actor)',
  usage: [
    'Usage: rift analyze --input posts.jsonl --output scored.jsonl [--pack pack.json]',
    '',
    'Each input line is a JSON object with at least "text" (optionally id, author {handle, name,',
    'description}, source, created_at). Each output line is that object plus "analysis", in input',
    'order; a line that cannot be read gets an "error" field instead. Use "-" for stdin/stdout.',
  ].join('\n'),
  async run(args) {
    const opts = parseArgs(args, ['input', 'output', 'pack']);
    const inputPath = opts.get('input');
    const outputPath = opts.get('output');
    if (!inputPath) throw new UsageError('--input is required');
    if (!outputPath) throw new UsageError('--output is required');
    const analyzer = loadAnalyzer(opts.get('pack'));
    const input = inputPath === '-' ? process.stdin : createReadStream(inputPath, { highWaterMark: 1 << 20 });
    const output = outputPath === '-' ? process.stdout : createWriteStream(outputPath);
    const started = performance.now();
    const counts = await analyzeStream(analyzer, input, output);
    if (output !== process.stdout) {
      output.end();
      await finished(output);
    }
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `rift analyze: ${counts.lines} lines, ${counts.analyzed} analysed, ${counts.errors} with errors, ` +
        `${Math.round(counts.lines / Math.max(seconds, 1e-9))} lines/s (${analyzer.modelVersion})\n`,
    );
    return 0;
  },
};

export default command;
