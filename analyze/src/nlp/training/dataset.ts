/** Reads labelled JSONL files and turns each row into hashed feature ids. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ALL_FEATURES, createFeatureBuffer, extractFeatures, type FeatureSet } from '../features.ts';
import { tokenize } from '../tokenize.ts';
import type { Example } from './sparse-trainer.ts';

export interface LabelledText {
  text: string;
  label: string;
  /** `en` or `zh` when the file says (the statements do). */
  lang?: string;
}

/**
 * Rows of a sentiment file (`label`) or of the stance statements (`sentiment`, `lang`);
 * `lang` keeps only the rows in that language.
 */
export async function readLabelled(file: string, lang?: string): Promise<LabelledText[]> {
  const rows: LabelledText[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown; sentiment?: unknown; lang?: unknown };
    const label = row.label ?? row.sentiment;
    if (typeof row.text !== 'string' || typeof label !== 'string') throw new Error(`${file}:${n}: needs string text and label (or sentiment)`);
    const rowLang = typeof row.lang === 'string' ? row.lang : undefined;
    if (lang && rowLang !== lang) continue;
    rows.push({ text: row.text, label, lang: rowLang });
  }
  return rows;
}

/** Feature ids for each row; rows whose label is not in `classes` are an error. */
export function toExamples(rows: readonly LabelledText[], classes: readonly string[], hashBits: number, chinese: boolean, set: FeatureSet = ALL_FEATURES): Example[] {
  const buf = createFeatureBuffer();
  return rows.map((row) => {
    const label = classes.indexOf(row.label);
    if (label < 0) throw new Error(`unknown label "${row.label}" (expected ${classes.join(', ')})`);
    extractFeatures(tokenize(row.text), buf, hashBits, chinese, set);
    return { ids: buf.ids.slice(0, buf.count), label };
  });
}

/**
 * Inverse class frequency over the (weighted) rows, scaled so the weights average 1, each capped
 * at `cap` times the smallest: a class with a few dozen rows (Chinese neutral) would otherwise
 * get a weight in the hundreds and be fitted to those rows' words.
 */
export function balancedClassWeights(examples: readonly Example[], k: number, rowWeights?: Float32Array, cap = Infinity): number[] {
  const counts = new Array<number>(k).fill(0);
  examples.forEach((e, i) => (counts[e.label]! += rowWeights ? rowWeights[i]! : 1));
  const total = counts.reduce((a, b) => a + b, 0);
  const raw = counts.map((c) => (c ? total / (k * c) : 0));
  const floor = Math.min(...raw.filter((w) => w > 0));
  return raw.map((w) => Math.min(w, cap * floor));
}
