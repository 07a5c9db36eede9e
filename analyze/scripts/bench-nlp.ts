/**
 * Benchmark of the analyzer against two lexicon packages, on the English validation tweets:
 * macro-averaged recall (3 classes) and posts per second, measured in the same run.
 * Usage: npx tsx analyze/scripts/bench-nlp.ts [--data DIR]
 * Prints a table, then one JSON line with every figure.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '@rift/core/config';
import { loadTopicPack } from '@rift/core/topic-pack';
import { createAnalyzer } from '../src/nlp/index.ts';
import { ConfusionCounter } from '../src/nlp/metrics.ts';
import { readLabelled } from '../src/nlp/training/dataset.ts';

const require = createRequire(import.meta.url);
const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? process.argv[dataArg + 1]! : path.resolve(REPO_ROOT, '../shared/data');
const rows = await readLabelled(path.join(dataDir, 'en/sentiment-val.jsonl'));

type Labeller = (text: string) => string;
const analyzer = createAnalyzer(loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json')));
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
const Sentiment = require('sentiment') as new () => { analyze(t: string): { comparative: number } };
const sentiment = new Sentiment();

const systems: [string, Labeller][] = [
  ['rift (full analysis)', (t) => analyzer.analyze({ text: t, author: { handle: 'someone.bsky.social' } }).sentiment.label],
  ['vader-sentiment', (t) => {
    const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
    return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
  }],
  ['sentiment', (t) => {
    const c = sentiment.analyze(t).comparative;
    return c > 0 ? 'positive' : c < 0 ? 'negative' : 'neutral';
  }],
];

const results: Record<string, { macro_recall: number; accuracy: number; posts_per_s: number }> = {};
for (const [name, label] of systems) {
  const counter = new ConfusionCounter(['negative', 'neutral', 'positive']);
  for (const r of rows) counter.add(r.label, label(r.text));
  const m = counter.metrics();
  // Throughput: repeat the validation texts until about two seconds have passed.
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    for (const r of rows) label(r.text);
    n += rows.length;
  }
  const perSecond = Math.round(n / ((performance.now() - started) / 1000));
  results[name] = { macro_recall: m.macro_recall, accuracy: m.accuracy, posts_per_s: perSecond };
}

console.log(`${'system'.padEnd(22)} ${'macro recall'.padStart(12)} ${'accuracy'.padStart(9)} ${'posts/s'.padStart(10)}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(22)} ${r.macro_recall.toFixed(4).padStart(12)} ${r.accuracy.toFixed(4).padStart(9)} ${String(r.posts_per_s).padStart(10)}`);
}
console.log(JSON.stringify({ data: 'en/sentiment-val.jsonl', n: rows.length, model_version: analyzer.modelVersion, results }));
