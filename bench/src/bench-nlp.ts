/**
 * Benchmark of the analyzer against two lexicon packages on the same texts: the sentiment
 * accuracy table (validation tweets and posts, and the longer statements of stance-val, per
 * language, beside the shipped model's cross-validation figure) and posts per second on the
 * English validation tweets.
 * Usage: npx tsx bench/src/bench-nlp.ts [--data DIR]
 * Prints two tables, then one JSON line with every figure.
 */
import path from 'node:path';
import { loadTopicPack, REPO_ROOT } from '@rift/core';
import { createAnalyzer, DATA_FILES, formatAccuracyTable, type Labeller, peerLabellers, readLabelled, sentimentAccuracyTable } from '@rift/analyze';

const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? process.argv[dataArg + 1]! : path.resolve(REPO_ROOT, '../shared/data');

const analyzer = createAnalyzer(loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json')));
const rift: Labeller = (t) => analyzer.analyze({ text: t, author: { handle: 'someone.bsky.social' } }).sentiment.label;
const systems: [string, Labeller][] = [['rift (full analysis)', rift], ...Object.entries(peerLabellers())];

const accuracy = await sentimentAccuracyTable(dataDir, rift);

// Throughput: repeat the English validation texts until about two seconds have passed.
const tweets = await readLabelled(path.join(dataDir, DATA_FILES.enVal));
const throughput: Record<string, number> = {};
for (const [system, label] of systems) {
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    for (const r of tweets) label(r.text);
    n += tweets.length;
  }
  throughput[system] = Math.round(n / ((performance.now() - started) / 1000));
}

for (const line of formatAccuracyTable(accuracy)) console.log(line);
console.log('');
console.log(`${'system'.padEnd(22)} ${'posts/s'.padStart(10)}`);
for (const [system, perSecond] of Object.entries(throughput)) console.log(`${system.padEnd(22)} ${String(perSecond).padStart(10)}`);
console.log(JSON.stringify({ model_version: analyzer.modelVersion, accuracy, posts_per_s: throughput }));
