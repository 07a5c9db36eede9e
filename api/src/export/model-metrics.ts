import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@rift/core';

/**
 * The accuracy of the shipped models, as their own training or evaluation wrote it into
 * analyze/models, for the methodology sidecar. A model whose file is missing or holds no
 * figures is "not measured": the sidecar never invents or carries over a number.
 */

export const NOT_MEASURED = 'not measured';

export interface ModelAccuracy {
  model_version: string;
  /** The file the figures were read from, relative to the repository. */
  file: string;
  /** True when one of the slice's model_version values names this model. */
  scored_slice: boolean;
  /** The figures as the file gives them (validation split, cross-validation, per language). */
  metrics: Record<string, unknown>;
}

type Accuracy = ModelAccuracy | typeof NOT_MEASURED;

export const MODELS_DIR = path.join(REPO_ROOT, 'analyze/models');

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A figure set is usable when it says how many items it was measured on and one score. */
function hasFigures(v: unknown): v is Record<string, unknown> {
  return isObject(v) && isNumber(v.n) && (isNumber(v.macro_f1) || isNumber(v.accuracy));
}

function accuracy(file: string, modelVersion: string, metrics: Record<string, unknown>, sliceVersions: readonly string[]): ModelAccuracy {
  return { model_version: modelVersion, file: `analyze/models/${file}`, scored_slice: sliceVersions.some((v) => v.includes(modelVersion)), metrics };
}

/**
 * Stance and actor models write `{model_version, val: {macro_f1, n, by_language}, cv}`
 * (analyze/models/<task>-metrics.json).
 */
function evaluatedModel(dir: string, task: 'stance' | 'actor', sliceVersions: readonly string[]): Accuracy {
  const file = `${task}-metrics.json`;
  const data = readJson(dir, file);
  if (!isObject(data) || typeof data.model_version !== 'string' || !hasFigures(data.val)) return NOT_MEASURED;
  const metrics: Record<string, unknown> = { val: data.val };
  if (isObject(data.cv)) metrics.cv = data.cv;
  return accuracy(file, data.model_version, metrics, sliceVersions);
}

/** The sentiment model's training record keeps its validation figures per language. */
function sentimentModel(dir: string, sliceVersions: readonly string[]): Accuracy {
  const file = 'sentiment.json';
  const data = readJson(dir, file);
  if (!isObject(data) || typeof data.name !== 'string' || typeof data.sha256 !== 'string' || !isObject(data.training)) return NOT_MEASURED;
  const { en_val: en, zh_val_binary: zh } = data.training;
  const pick = (v: Record<string, unknown>) => ({ n: v.n, accuracy: v.accuracy, macro_f1: v.macro_f1, macro_recall: v.macro_recall });
  const byLanguage: Record<string, unknown> = {};
  if (hasFigures(en)) byLanguage.en = { ...pick(en), classes: 'negative, neutral, positive' };
  if (hasFigures(zh)) byLanguage.zh = { ...pick(zh), classes: 'negative, positive (neutral is a rule, not measured here)' };
  if (Object.keys(byLanguage).length === 0) return NOT_MEASURED;
  // The version the analyzer stamps on its scores: name and the weights' hash (model-artefact.ts).
  const version = `${data.name}-${data.sha256.slice(0, 12)}`;
  return accuracy(file, version, { val: { by_language: byLanguage } }, sliceVersions);
}

/** The accuracy of each model that labels posts, read from the shipped files when asked. */
export function readModelAccuracy(sliceVersions: readonly string[], dir = MODELS_DIR): Record<'sentiment' | 'stance' | 'actor', Accuracy> {
  return {
    sentiment: sentimentModel(dir, sliceVersions),
    stance: evaluatedModel(dir, 'stance', sliceVersions),
    actor: evaluatedModel(dir, 'actor', sliceVersions),
  };
}
