import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { readStanceBackground, STANCE_BACKGROUND_FILES } from './stance-background.ts';

const DATA = path.resolve(REPO_ROOT, '../shared/data');
const lines = (file: string): string[] =>
  readFileSync(path.join(DATA, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);

describe('stance background posts', () => {
  const rows = readStanceBackground(DATA);
  const source = { en: lines(STANCE_BACKGROUND_FILES.en), zh: lines(STANCE_BACKGROUND_FILES.zh) };

  it('are the same rows on every read, all neutral, from the two training files only', () => {
    expect(readStanceBackground(DATA)).toEqual(rows);
    expect(Object.values(STANCE_BACKGROUND_FILES).every((f) => f.endsWith('-train.jsonl'))).toBe(true);
    expect(rows.length).toBeGreaterThan(600);
    expect(new Set(rows.map((r) => r.stance))).toEqual(new Set(['neutral']));
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(['en', 'zh']));
  });

  it('keep each text as its training file has it, but for one platform name turned into TikTok or RedNote', () => {
    let rewritten = 0;
    for (const row of rows) {
      const [, lang, line] = row.source_url!.split(':') as [string, 'en' | 'zh', string];
      const original = source[lang][Number(line)]!;
      if (row.text === original) continue;
      rewritten++;
      expect(lang).toBe('en');
      expect(row.text).toMatch(/TikTok|RedNote/);
      // One name replaced: the texts differ only around it.
      expect(original.replace(/\b(facebook|instagram|youtube|snapchat|twitter|vine|whatsapp|myspace|tumblr)\b/i, '')).toBe(row.text.replace(/TikTok|RedNote/, ''));
    }
    expect(rewritten).toBeGreaterThan(100);
  });

  it('never rewrites a tweet that speaks of bans, laws, security, China or privacy', () => {
    const debate = /\b(ban|law|congress|government|security|spy|china|chinese|privacy|data|censor)/i;
    for (const row of rows) {
      const [, lang, line] = row.source_url!.split(':') as [string, 'en' | 'zh', string];
      if (row.text !== source[lang][Number(line)]) expect(row.text).not.toMatch(debate);
    }
  });
});
