/**
 * The sentiment accuracy table the benches print: macro recall (3 classes) of Rift and of the two
 * lexicon packages on the same validation texts, per language and kind of text, beside the shipped
 * model's cross-validation figure from its training report. Sets whose file is missing are left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MODELS_DIR } from '../model-artefact.ts';
import { readLabelled, type LabelledText } from './dataset.ts';
import { metricsOfLabeller, peerLabellers, type Labeller } from './peers.ts';
import { DATA_FILES, type Language, type TrainReport } from './train-sentiment.ts';

export interface AccuracyRow {
  set: string;
  n: number;
  /** Out-of-fold macro recall on the matching train rows, from sentiment.json. */
  cv: number | null;
  rift: number;
  'vader-sentiment': number;
  sentiment: number;
}

const SETS: [string, Language, 'posts' | 'statements', keyof typeof DATA_FILES, string?][] = [
  ['en tweets (val)', 'en', 'posts', 'enVal'],
  ['en statements (val)', 'en', 'statements', 'statementsVal', 'en'],
  ['zh posts (val)', 'zh', 'posts', 'zhVal'],
  ['zh statements (val)', 'zh', 'statements', 'statementsVal', 'zh'],
];

export async function sentimentAccuracyTable(dataDir: string, rift: Labeller): Promise<AccuracyRow[]> {
  const meta = path.join(MODELS_DIR, 'sentiment.json');
  const training = existsSync(meta) ? (JSON.parse(readFileSync(meta, 'utf8')) as { training?: TrainReport }).training : undefined;
  const peers = peerLabellers();
  const rows: AccuracyRow[] = [];
  for (const [set, lang, kind, fileKey, only] of SETS) {
    const file = path.join(dataDir, DATA_FILES[fileKey]);
    if (!existsSync(file)) continue;
    const texts: LabelledText[] = await readLabelled(file, only);
    rows.push({
      set,
      n: texts.length,
      cv: training?.cv?.[lang]?.sets[kind]?.macro_recall ?? null,
      rift: metricsOfLabeller(texts, rift).macro_recall,
      'vader-sentiment': metricsOfLabeller(texts, peers['vader-sentiment']).macro_recall,
      sentiment: metricsOfLabeller(texts, peers.sentiment).macro_recall,
    });
  }
  return rows;
}

export function formatAccuracyTable(rows: readonly AccuracyRow[]): string[] {
  const cols = ['n', 'rift CV', 'rift', 'vader-sentiment', 'sentiment'] as const;
  const cell = (r: AccuracyRow, c: (typeof cols)[number]): string => String((c === 'rift CV' ? r.cv : r[c]) ?? '-');
  return [
    'sentiment macro recall (3 classes) on the same texts; "rift CV" is out-of-fold on the train files',
    `${'texts'.padEnd(22)} ${cols.map((c) => c.padStart(16)).join(' ')}`,
    ...rows.map((r) => `${r.set.padEnd(22)} ${cols.map((c) => cell(r, c).padStart(16)).join(' ')}`),
  ];
}
