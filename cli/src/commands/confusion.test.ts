import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { buildStanceConfusion } from './confusion.ts';
import { loadAnalyzer } from '../load-analyzer.ts';

const VALIDATION = path.join(REPO_ROOT, '../shared/data/stance/stance-val.jsonl');
const SHIPPED = path.join(REPO_ROOT, 'analyze/models/stance-confusion.json');

describe('rift confusion', () => {
  it('counts true against predicted stance per language and pooled, skipping unusable lines', async () => {
    const analyzer = loadAnalyzer();
    const dir = mkdtempSync(path.join(tmpdir(), 'rift-confusion-'));
    const file = path.join(dir, 'labelled.jsonl');
    const lines = [
      { text: 'Ban TikTok now, it is a national security threat', stance: 'support_ban', lang: 'en' },
      { text: 'Keep TikTok, the ban is unconstitutional censorship', stance: 'oppose_ban', lang: 'en' },
      { text: '抖音的禁令', stance: 'neutral', lang: 'zh' },
    ];
    writeFileSync(file, [...lines.map((l) => JSON.stringify(l)), 'not json', JSON.stringify({ text: 'x', stance: 'maybe' })].join('\n'));
    const { result, skipped } = await buildStanceConfusion(file, analyzer);
    expect(skipped).toBe(2);
    expect(result.model_version).toBe(analyzer.modelVersion);
    expect(result.labels).toEqual(['support_ban', 'oppose_ban', 'neutral']);
    expect(Object.fromEntries(Object.entries(result.by_language).map(([k, v]) => [k, v.n]))).toEqual({ all: 3, en: 2, zh: 1 });
    const labels = ['support_ban', 'oppose_ban', 'neutral'];
    lines.forEach((line) => {
      const predicted = labels.indexOf(analyzer.analyze({ text: line.text }).stance.label);
      expect(result.by_language[line.lang]!.matrix[labels.indexOf(line.stance)]![predicted]).toBeGreaterThan(0);
    });
  });

  it("the shipped matrix is what it gives today on the labelled validation statements (rebuild it after a model change)", async () => {
    const { result } = await buildStanceConfusion(VALIDATION, loadAnalyzer());
    expect(JSON.parse(readFileSync(SHIPPED, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
  });
});
