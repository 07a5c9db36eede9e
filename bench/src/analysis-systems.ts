/**
 * The systems the analysis benchmark compares, each as "text in, sentiment label out", built the
 * same way in the main thread and in worker threads: Rift's full analysis (whatever
 * `createAnalyzer` returns today) and two lexicon packages with their usual thresholds.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAnalyzer } from '@rift/analyze';
import { loadConfig, loadTopicPack, REPO_ROOT } from '@rift/core';
import { generateDemoPosts } from '@rift/ingest';

export const SYSTEMS = ['rift', 'vader-sentiment', 'sentiment'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export type Labeller = (text: string) => string;

// The lexicon packages are devDependencies of analyze, so they are resolved from there.
const requireFromAnalyze = createRequire(path.join(REPO_ROOT, 'analyze/package.json'));

interface Vader {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
type SentimentPackage = new () => { analyze(text: string): { score: number } };

export function createLabeller(system: SystemName): Labeller {
  if (system === 'rift') {
    const analyzer = createAnalyzer(loadTopicPack(loadConfig({}).RIFT_TOPIC_PACK));
    return (text) => analyzer.analyze({ text }).sentiment.label;
  }
  if (system === 'vader-sentiment') {
    const vader = requireFromAnalyze('vader-sentiment') as Vader;
    // VADER's documented thresholds on the compound score.
    return (text) => {
      const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
      return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
    };
  }
  const Sentiment = requireFromAnalyze('sentiment') as SentimentPackage;
  const scorer = new Sentiment();
  return (text) => {
    const s = scorer.analyze(text).score;
    return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
  };
}

export const DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');
export const TWEETS_FILE = path.join(DATA_DIR, 'samples/twitter/tiktok-tweets-2022.jsonl');
export const VALIDATION_FILE = path.join(DATA_DIR, 'en/sentiment-val.jsonl');

export interface LabelledText {
  text: string;
  label?: string;
}

async function readJsonl(file: string): Promise<LabelledText[]> {
  const rows: LabelledText[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown; sentiment?: unknown };
    if (typeof row.text !== 'string') continue;
    const label = row.sentiment ?? row.label;
    rows.push({ text: row.text, label: typeof label === 'string' ? label : undefined });
  }
  return rows;
}

export interface BenchTexts {
  /** Texts for throughput: the real tweets and the validation tweets, or demo texts. */
  texts: string[];
  /** Labelled validation tweets for accuracy; empty when the file is absent. */
  labelled: LabelledText[];
  origin: string;
}

export async function loadBenchTexts(): Promise<BenchTexts> {
  const files = [TWEETS_FILE, VALIDATION_FILE].filter((f) => existsSync(f));
  const labelled = existsSync(VALIDATION_FILE) ? (await readJsonl(VALIDATION_FILE)).filter((r) => r.label) : [];
  const texts: string[] = [];
  for (const file of files) for (const row of await readJsonl(file)) texts.push(row.text);
  if (texts.length > 0) return { texts, labelled, origin: files.map((f) => path.relative(DATA_DIR, f)).join(' + ') };
  for (const post of generateDemoPosts({ count: 5000 })) texts.push(post.text ?? '');
  return { texts, labelled, origin: 'synthetic demo texts (shared data absent)' };
}

/** Labels texts round-robin for at least `ms` (whole passes over `texts`); returns posts/s. */
export function timedRun(label: Labeller, texts: readonly string[], ms: number): { posts: number; seconds: number } {
  let posts = 0;
  const started = performance.now();
  let elapsed = 0;
  let i = 0;
  while (elapsed < ms) {
    // Check the clock every 64 posts so slow systems stop near `ms` too.
    for (let k = 0; k < 64; k++) {
      label(texts[i]!);
      i = i + 1 === texts.length ? 0 : i + 1;
    }
    posts += 64;
    elapsed = performance.now() - started;
  }
  return { posts, seconds: elapsed / 1000 };
}
