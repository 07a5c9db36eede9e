import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_MEASURED, readModelAccuracy } from './model-metrics.ts';

let dir: string;
const write = (file: string, value: unknown) => writeFileSync(path.join(dir, file), typeof value === 'string' ? value : JSON.stringify(value));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rift-models-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readModelAccuracy', () => {
  it('says "not measured" for every model whose file is missing, unreadable or without figures', () => {
    expect(readModelAccuracy([], dir)).toEqual({ sentiment: NOT_MEASURED, stance: NOT_MEASURED, actor: NOT_MEASURED });
    write('stance-metrics.json', '{ not json');
    write('actor-metrics.json', { model_version: 'actor-1', val: { n: 0 } });
    write('sentiment.json', { name: 'rift-sentiment-linear', sha256: 'ab'.repeat(32), training: { settings: {} } });
    expect(readModelAccuracy([], dir)).toEqual({ sentiment: NOT_MEASURED, stance: NOT_MEASURED, actor: NOT_MEASURED });
  });

  it("reads the stance model's validation and cross-validation figures, and whether it scored the slice", () => {
    const val = { macro_f1: 0.71, n: 1200, by_language: { en: { macro_f1: 0.74, n: 800 }, zh: { macro_f1: 0.65, n: 400 } } };
    const cv = { macro_f1: 0.69, folds: 5 };
    write('stance-metrics.json', { model_version: 'stance-lr-3f2a', val, cv });
    const accuracy = readModelAccuracy(['rift-nlp/x+stance-lr-3f2a+pack'], dir);
    expect(accuracy.stance).toEqual({ model_version: 'stance-lr-3f2a', file: 'analyze/models/stance-metrics.json', scored_slice: true, metrics: { val, cv } });
    expect(readModelAccuracy(['other'], dir).stance).toMatchObject({ scored_slice: false });
    expect(accuracy.actor).toBe(NOT_MEASURED);
  });

  it("reads the sentiment model's validation figures per language from its training record", () => {
    const sha256 = '54b8fa6c9b49'.padEnd(64, '0');
    write('sentiment.json', {
      name: 'rift-sentiment-linear',
      sha256,
      training: {
        en_val: { n: 2000, accuracy: 0.6785, macro_recall: 0.6876, macro_f1: 0.6614, confusion: {} },
        zh_val_binary: { n: 4966, accuracy: 0.8913, macro_recall: 0.8912, macro_f1: 0.8912 },
      },
    });
    const { sentiment } = readModelAccuracy(['rift-nlp/rift-sentiment-linear-54b8fa6c9b49+tiktok-ban@1.abc'], dir);
    expect(sentiment).toMatchObject({
      model_version: 'rift-sentiment-linear-54b8fa6c9b49',
      scored_slice: true,
      metrics: { val: { by_language: { en: { n: 2000, macro_f1: 0.6614, accuracy: 0.6785, macro_recall: 0.6876 }, zh: { n: 4966, macro_f1: 0.8912 } } } },
    });
  });
});
