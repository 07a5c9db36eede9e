/**
 * The trained stance model at run time: the post's text features (stance-features.ts) through a
 * softmax over three classes, then a temperature that calibrates the probabilities and an
 * abstain rule: a side whose probability is below the threshold is not given, the post is
 * neutral with the (low) probability the model gives neutral. Both numbers were chosen by
 * cross-validation on the training statements (see `rift train` and the model card).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StanceLabel, TopicPack } from '@rift/core';
import { MODELS_DIR } from './model-artefact.ts';
import { hashJoined, hashName, StanceFeatures } from './stance-features.ts';
import type { TokenizedText } from './tokenize.ts';

export const STANCE_MODEL_FILE = 'stance-model.json';
export const STANCE_LABELS = ['support_ban', 'oppose_ban', 'neutral'] as const satisfies readonly StanceLabel[];
const NEUTRAL = 2;

export interface StanceResult {
  label: StanceLabel;
  confidence: number;
}

/** The shipped file: weights by feature name, so a person can read what the model learned. */
export interface StanceModelFile {
  name: 'rift-stance-softmax';
  format: 1;
  labels: typeof STANCE_LABELS;
  /** The pack whose frames and cues the features name. */
  pack: string;
  temperature: number;
  /** A side is given only when its calibrated probability reaches this. */
  abstain_below: number;
  bias: number[];
  weights: Record<string, number[]>;
  /** Settings, data and metrics, for people and the model card; not read when scoring. */
  training?: unknown;
}

interface Weight {
  w: Float64Array;
  /** The post that last added this weight: each feature counts once per post. */
  post: number;
}

export class StanceModel {
  readonly version: string;
  private readonly features: StanceFeatures;
  /** By the 32-bit hash of the feature name: word features are looked up without building their names. */
  private readonly weights: Map<number, Weight>;
  private readonly logits = new Float64Array(3);
  private post = 0;
  /** Adds a feature's weights to the logits, once per post; unknown features weigh nothing. */
  private readonly sink = {
    add: (name: string): void => this.addWeight(hashName(name)),
    addJoined: (prefix: string, a: string, b?: string): void => this.addWeight(hashJoined(prefix, a, b)),
  };

  constructor(
    pack: TopicPack,
    private readonly file: StanceModelFile,
  ) {
    this.weights = new Map();
    for (const [name, w] of Object.entries(file.weights)) {
      const h = hashName(name);
      if (this.weights.has(h)) throw new Error(`stance model: two features share the hash of "${name}"; rename one`);
      this.weights.set(h, { w: Float64Array.from(w), post: -1 });
    }
    const bigramFirsts = new Set(Object.keys(file.weights).filter((n) => n.startsWith('b:')).map((n) => n.slice(2).split(' ')[0]!));
    this.features = new StanceFeatures(pack, bigramFirsts);
    this.version = stanceModelVersion(file);
  }

  private addWeight(hash: number): void {
    const entry = this.weights.get(hash);
    if (!entry || entry.post === this.post) return;
    entry.post = this.post;
    const z = this.logits;
    z[0]! += entry.w[0]!;
    z[1]! += entry.w[1]!;
    z[2]! += entry.w[2]!;
  }

  /** Stance from the text alone: the signature leaves no way to pass the author or source. */
  score(doc: TokenizedText): StanceResult {
    const z = this.logits;
    for (let c = 0; c < 3; c++) z[c] = this.file.bias[c]!;
    this.post++;
    this.features.emit(doc, this.sink);
    const t = this.file.temperature;
    const max = Math.max(z[0]!, z[1]!, z[2]!);
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += (z[c] = Math.exp((z[c]! - max) / t));
    let best = 0;
    for (let c = 1; c < 3; c++) if (z[c]! > z[best]!) best = c;
    if (best !== NEUTRAL && z[best]! / sum < this.file.abstain_below) best = NEUTRAL;
    return { label: STANCE_LABELS[best]!, confidence: Math.round((z[best]! / sum) * 1000) / 1000 };
  }
}

/** Short content hash: every analysis names exactly the weights that scored it. */
export function stanceModelVersion(file: StanceModelFile): string {
  const { training: _, ...scored } = file;
  return 'stance-' + createHash('sha256').update(JSON.stringify(scored)).digest('hex').slice(0, 12);
}

export function loadStanceModelFile(dir = MODELS_DIR): StanceModelFile | null {
  const file = path.join(dir, STANCE_MODEL_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as StanceModelFile;
}
