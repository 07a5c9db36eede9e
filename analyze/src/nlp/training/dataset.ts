/** Reads labelled JSONL files and turns each row into hashed feature ids. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createFeatureBuffer, extractFeatures } from '../features.ts';
import { tokenize } from '../tokenize.ts';
import type { Example } from './tf-trainer.ts';

export interface LabelledText {
  text: string;
  label: string;
}

export async function readLabelled(file: string): Promise<LabelledText[]> {
  const rows: LabelledText[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown };
    if (typeof row.text !== 'string' || typeof row.label !== 'string') throw new Error(`${file}:${n}: needs string text and label`);
    rows.push({ text: row.text, label: row.label });
  }
  return rows;
}

/** Feature ids for each row; rows whose label is not in `classes` are an error. */
export function toExamples(rows: readonly LabelledText[], classes: readonly string[], hashBits: number, chinese: boolean): Example[] {
  const buf = createFeatureBuffer();
  return rows.map((row) => {
    const label = classes.indexOf(row.label);
    if (label < 0) throw new Error(`unknown label "${row.label}" (expected ${classes.join(', ')})`);
    extractFeatures(tokenize(row.text), buf, hashBits, chinese);
    return { ids: buf.ids.slice(0, buf.count), label };
  });
}

/** Inverse class frequency, scaled so the weights average 1 over the rows. */
export function balancedClassWeights(examples: readonly Example[], k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const e of examples) counts[e.label]!++;
  return counts.map((c) => (c ? examples.length / (k * c) : 0));
}
