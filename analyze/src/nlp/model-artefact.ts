/**
 * The shipped sentiment artefact in `analyze/models/`: `sentiment.json` (settings, offsets,
 * metrics) and `sentiment-weights.bin` (weights as int16 with one scale per tensor, little
 * endian: English rows, English bias, Chinese rows, Chinese bias). The version is a hash of
 * both, so every analysis names exactly the weights that scored it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureSet } from './features.ts';
import type { LinearModel } from './linear-model.ts';

export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models');
const META_FILE = 'sentiment.json';
const WEIGHTS_FILE = 'sentiment-weights.bin';
/** Bump when features.ts changes meaning: old weights would then score garbage. */
export const FEATURE_VERSION = 2;

export interface SentimentArtefact {
  version: string;
  en: LinearModel;
  zh: LinearModel;
  /** The optional English feature groups the weights were trained with. */
  enFeatures: FeatureSet;
}

export type ShippedModels = Omit<SentimentArtefact, 'version'>;

interface ModelMeta {
  classes: string[];
  hashBits: number;
  offsets: number[];
  scales: [number, number];
}

interface ArtefactMeta {
  name: string;
  format: 1;
  feature_version: number;
  sha256: string;
  en_features: FeatureSet;
  en: ModelMeta;
  zh: ModelMeta;
  /** Free-form facts about training (data, settings, metrics) for people and the card. */
  training?: unknown;
}

function quantize(values: Float32Array): { q: Int16Array; scale: number } {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.round(values[i]! / scale);
  return { q, scale };
}

/** Rounds a model's weights to what the int16 file will hold, so reported metrics are the shipped ones. */
export function roundTrip(model: LinearModel): LinearModel {
  const w = quantize(model.weights);
  const b = quantize(model.bias);
  return { ...model, weights: Float32Array.from(w.q, (x) => x * w.scale), bias: Float32Array.from(b.q, (x) => x * b.scale) };
}

function sha(meta: Omit<ArtefactMeta, 'sha256' | 'training'>, weights: Buffer): string {
  return createHash('sha256').update(JSON.stringify(meta)).update(weights).digest('hex');
}

export function saveArtefact(dir: string, models: ShippedModels, training: unknown): string {
  const parts: Buffer[] = [];
  const describe = (m: LinearModel): ModelMeta => {
    const w = quantize(m.weights);
    const b = quantize(m.bias);
    parts.push(Buffer.from(w.q.buffer, w.q.byteOffset, w.q.byteLength), Buffer.from(b.q.buffer, b.q.byteOffset, b.q.byteLength));
    return { classes: [...m.classes], hashBits: m.hashBits, offsets: [...m.offsets].map((x) => Math.round(x * 1e4) / 1e4), scales: [w.scale, b.scale] };
  };
  const core = { name: 'rift-sentiment-linear', format: 1 as const, feature_version: FEATURE_VERSION, en_features: { ...models.enFeatures }, en: describe(models.en), zh: describe(models.zh) };
  const weights = Buffer.concat(parts);
  const digest = sha(core, weights);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, WEIGHTS_FILE), weights);
  writeFileSync(path.join(dir, META_FILE), JSON.stringify({ ...core, sha256: digest, training }, null, 2) + '\n');
  return versionOf(core.name, digest);
}

function versionOf(name: string, digest: string): string {
  return `${name}-${digest.slice(0, 12)}`;
}

/** The artefact in `dir`, or null when none is shipped; a damaged one is an error. */
export function loadArtefact(dir = MODELS_DIR): SentimentArtefact | null {
  const metaPath = path.join(dir, META_FILE);
  if (!existsSync(metaPath)) return null;
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as ArtefactMeta;
  if (meta.feature_version !== FEATURE_VERSION) throw new Error(`${metaPath}: feature version ${meta.feature_version}, code expects ${FEATURE_VERSION}; run "rift train"`);
  const bytes = readFileSync(path.join(dir, WEIGHTS_FILE));
  const { sha256, training: _training, ...core } = meta;
  if (sha(core, bytes) !== sha256) throw new Error(`${dir}: weights do not match ${META_FILE} (sha256); run "rift train"`);
  // Copy into an aligned buffer: a Buffer may start at an odd offset inside Node's pool.
  const all = new Int16Array(new Uint8Array(bytes).buffer);
  let at = 0;
  const take = (m: ModelMeta): LinearModel => {
    const rows = (1 << m.hashBits) * m.classes.length;
    const weights = new Float32Array(rows);
    const scale = m.scales[0];
    for (let i = 0; i < rows; i++) weights[i] = all[at + i]! * scale;
    at += rows;
    const bias = Float32Array.from(all.subarray(at, at + m.classes.length), (x) => x * m.scales[1]);
    at += m.classes.length;
    return { classes: m.classes, hashBits: m.hashBits, weights, bias, offsets: Float32Array.from(m.offsets) };
  };
  const en = take(meta.en);
  const zh = take(meta.zh);
  if (at !== all.length) throw new Error(`${dir}: ${WEIGHTS_FILE} has ${all.length} values, expected ${at}`);
  return { version: versionOf(meta.name, sha256), en, zh, enFeatures: meta.en_features };
}
