/**
 * Benchmark of the analyzer against two lexicon packages on the same texts: sentiment macro-
 * averaged recall (3 classes) per language and kind of text (validation tweets and posts, and
 * the longer statements of stance-val), beside the cross-validation figure of the shipped model
 * (from its training report), and posts per second on the English validation tweets.
 * Usage: npx tsx analyze/scripts/bench-nlp.ts [--data DIR]
 * Prints two tables, then one JSON line with every figure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@rift/core/config';
import { loadTopicPack } from '@rift/core/topic-pack';
import { createAnalyzer } from '../src/nlp/index.ts';
import { MODELS_DIR } from '../src/nlp/model-artefact.ts';
import { readLabelled, type LabelledText } from '../src/nlp/training/dataset.ts';
import { metricsOfLabeller, peerLabellers, type Labeller } from '../src/nlp/training/peers.ts';
import { DATA_FILES, type TrainReport } from '../src/nlp/training/train-sentiment.ts';

const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? process.argv[dataArg + 1]! : path.resolve(REPO_ROOT, '../shared/data');
const file = (name: keyof typeof DATA_FILES): string => path.join(dataDir, DATA_FILES[name]);

const analyzer = createAnalyzer(loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json')));
const systems: [string, Labeller][] = [
  ['rift (full analysis)', (t) => analyzer.analyze({ text: t, author: { handle: 'someone.bsky.social' } }).sentiment.label],
  ...Object.entries(peerLabellers()),
];
const training = (JSON.parse(readFileSync(path.join(MODELS_DIR, 'sentiment.json'), 'utf8')) as { training?: TrainReport }).training;

const sets: [string, 'en' | 'zh', 'posts' | 'statements', LabelledText[]][] = [
  ['en tweets (val)', 'en', 'posts', await readLabelled(file('enVal'))],
  ['en statements (val)', 'en', 'statements', await readLabelled(file('statementsVal'), 'en')],
  ['zh posts (val)', 'zh', 'posts', await readLabelled(file('zhVal'))],
  ['zh statements (val)', 'zh', 'statements', await readLabelled(file('statementsVal'), 'zh')],
];

const accuracy: Record<string, Record<string, number | null>> = {};
for (const [name, lang, kind, rows] of sets) {
  const row: Record<string, number | null> = { n: rows.length, 'rift CV': training?.cv[lang]?.sets[kind]?.macro_recall ?? null };
  for (const [system, label] of systems) row[system] = metricsOfLabeller(rows, label).macro_recall;
  accuracy[name] = row;
}

// Throughput: repeat the English validation texts until about two seconds have passed.
const tweets = sets[0]![3];
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

const cols = ['n', 'rift CV', ...systems.map(([s]) => s)];
console.log('sentiment macro recall (3 classes); "rift CV" is out-of-fold on the train files');
console.log(`${'texts'.padEnd(22)} ${cols.map((c) => c.padStart(20)).join(' ')}`);
for (const [name, row] of Object.entries(accuracy)) {
  console.log(`${name.padEnd(22)} ${cols.map((c) => (row[c] === null ? '-' : String(row[c])).padStart(20)).join(' ')}`);
}
console.log('');
console.log(`${'system'.padEnd(22)} ${'posts/s'.padStart(10)}`);
for (const [system, perSecond] of Object.entries(throughput)) console.log(`${system.padEnd(22)} ${String(perSecond).padStart(10)}`);
console.log(JSON.stringify({ model_version: analyzer.modelVersion, accuracy, posts_per_s: throughput }));
