/**
 * Analysis as a researcher runs it: `rift analyze --input F --output G` as a whole process
 * (start-up, reading, JSON parsing, scoring, serialising, writing), in posts/s from spawn to exit,
 * beside `sentiment` and `vader-sentiment` doing the same in a process of their own
 * (lexicon-process.mjs) on the same file.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '@rift/core';
import { generateDemoPosts } from '@rift/ingest';
import { TWEETS_FILE, VALIDATION_FILE } from './analysis-systems.ts';
import type { BenchContext } from './context.ts';
import { median, type Figure } from './figures.ts';

const TARGET = 50_000;
const RIFT = path.join(REPO_ROOT, 'bin/rift.mjs');
const LEXICON = path.join(REPO_ROOT, 'bench/src/lexicon-process.mjs');

/**
 * The texts of analysis.one_core (the real tweets and the validation tweets) as a researcher's
 * file holds them, whole objects, repeated to `lines` lines.
 */
async function writeInput(file: string, lines: number): Promise<string> {
  const rows: string[] = [];
  const files = [TWEETS_FILE, VALIDATION_FILE].filter((f) => existsSync(f));
  for (const f of files) {
    for await (const line of createInterface({ input: createReadStream(f, 'utf8'), crlfDelay: Infinity })) if (line.trim()) rows.push(line);
  }
  const origin = rows.length ? files.map((f) => path.basename(f)).join(' + ') : 'synthetic demo posts (shared data absent)';
  if (!rows.length) for (const post of generateDemoPosts({ count: 5000 })) rows.push(JSON.stringify(post));
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(rows[i % rows.length]!);
  writeFileSync(file, out.join('\n') + '\n');
  return origin;
}

/** Seconds from spawn to a successful exit. */
function timedProcess(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`))));
  });
}

export async function benchAnalysisProcess(ctx: BenchContext): Promise<Figure[]> {
  const lines = ctx.quick ? 20_000 : 100_000;
  const rounds = ctx.quick ? 1 : 3;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rift-bench-analyze-'));
  try {
    const input = path.join(dir, 'posts.jsonl');
    const origin = await writeInput(input, lines);
    const output = path.join(dir, 'out.jsonl');
    ctx.log(`analysis process: ${lines.toLocaleString('en-US')} lines of ${origin}, ${rounds} rounds`);
    const rates: Record<'default' | 'one' | 'sentiment' | 'vader-sentiment', number[]> = { default: [], one: [], sentiment: [], 'vader-sentiment': [] };
    // Rounds alternate between the processes, so a noisy moment hits all of them alike; VADER is slow, so once.
    for (let r = 0; r < rounds; r++) {
      rates.default.push(lines / (await timedProcess([RIFT, 'analyze', '--input', input, '--output', output])));
      if (r === 0 && readFileSync(output, 'utf8').split('\n').length !== lines + 1) throw new Error('analysis process: rift analyze wrote a different number of lines');
      rates.one.push(lines / (await timedProcess([RIFT, 'analyze', '--input', input, '--output', output, '--workers', '1'])));
      rates.sentiment.push(lines / (await timedProcess([LEXICON, 'sentiment', input, output])));
      if (r === 0) rates['vader-sentiment'].push(lines / (await timedProcess([LEXICON, 'vader-sentiment', input, output])));
    }
    const value = median(rates.default);
    const cores = os.availableParallelism();
    const runs = `median of ${rounds} runs of ${lines.toLocaleString('en-US')} lines (${origin}), spawn to exit`;
    const note =
      value >= TARGET
        ? undefined
        : `one process: node and tsx start-up (the main thread reads and writes), then ${cores} worker threads, each loading the bundled analysis and building its own analyzer (about 0.3 s of CPU) before scoring at about 50 us a post; load average ${os.loadavg()[0]!.toFixed(1)} on ${cores} cores`;
    return [
      { name: 'analysis.whole_process.vs_sentiment', value, unit: 'posts/s', peer: 'sentiment, whole process', peer_value: median(rates.sentiment), target: { op: '>=', value: TARGET }, runs: `${runs}, default threads (${cores})`, note },
      { name: 'analysis.whole_process.vs_vader', value, unit: 'posts/s', peer: 'vader-sentiment, whole process', peer_value: median(rates['vader-sentiment']), target: { op: '>=', value: TARGET }, runs: `${runs}; the peer once`, note },
      { name: 'analysis.whole_process.one_thread', value: median(rates.one), unit: 'posts/s', peer: 'rift analyze, default threads', peer_value: value, runs: `${runs}, --workers 1` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
