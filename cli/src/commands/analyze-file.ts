/** `rift analyze --input posts.jsonl --output scored.jsonl`: scores a JSONL file of posts. */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import os from 'node:os';
import { finished } from 'node:stream/promises';
import { analyzeStreamParallel } from '../analyze-file/analyze-parallel.ts';
import { analyzeStream, type StreamCounts } from '../analyze-file/analyze-stream.ts';
import { parseOptions } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

/**
 * Below this size one thread is faster: a worker thread runs plain JavaScript (compiled-thread.ts)
 * and starts in about 0.3 s of CPU, but the main thread then only reads and writes, so a second
 * core pays off from some 10,000 long tweets (measured: 1.2 MiB faster in one thread, 9.6 MiB
 * faster in two, on this 2-core machine under load).
 */
const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

function workerCount(raw: string | undefined, inputPath: string): number {
  if (raw !== undefined) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be a whole number from 1 to 64');
    return n;
  }
  const large = inputPath !== '-' && statSync(inputPath, { throwIfNoEntry: false })?.isFile() && statSync(inputPath).size >= PARALLEL_FROM_BYTES;
  return large ? os.availableParallelism() : 1;
}

const command: Command = {
  summary: 'Score a JSONL file of posts (sentiment, stance, topics, language, actor)',
  usage: [
    'Usage: rift analyze --input posts.jsonl --output scored.jsonl [--pack pack.json] [--workers N]',
    '',
    'Each input line is a JSON object with at least "text" (optionally id, author {handle, name,',
    'description}, source, created_at). Each output line is that object plus "analysis", in input',
    'order; a line that cannot be read gets an "error" field instead. Use "-" for stdin/stdout.',
    '  --workers N  worker threads that score (default: one per core for files of 4 MiB or more,',
    '               else 1, which scores in the main thread); the output is the same either way',
  ].join('\n'),
  async run(args) {
    const opts = parseOptions(args, ['input', 'output', 'pack', 'workers']);
    const inputPath = opts.get('input');
    const outputPath = opts.get('output');
    if (!inputPath) throw new UsageError('--input is required');
    if (!outputPath) throw new UsageError('--output is required');
    const workers = workerCount(opts.get('workers'), inputPath);
    const input = inputPath === '-' ? process.stdin : createReadStream(inputPath, { highWaterMark: 1 << 20 });
    const output = outputPath === '-' ? process.stdout : createWriteStream(outputPath);
    const started = performance.now();
    let counts: StreamCounts & { modelVersion: string };
    if (workers > 1) {
      const loadPack = async () => (await import('../load-analyzer.ts')).loadPack(opts.get('pack'));
      counts = await analyzeStreamParallel(input, output, { workers, loadPack });
    } else {
      // Loaded only here: with worker threads the main thread never builds an analyzer.
      const { loadAnalyzer } = await import('../load-analyzer.ts');
      const analyzer = loadAnalyzer(opts.get('pack'));
      counts = { ...(await analyzeStream(analyzer, input, output)), modelVersion: analyzer.modelVersion };
    }
    if (output !== process.stdout) {
      output.end();
      await finished(output);
    }
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `rift analyze: ${counts.lines} lines, ${counts.analyzed} analysed, ${counts.errors} with errors, ` +
        `${Math.round(counts.lines / Math.max(seconds, 1e-9))} lines/s, ${workers} ${workers === 1 ? 'thread' : 'worker threads'} (${counts.modelVersion})\n`,
    );
    return 0;
  },
};

export default command;
