import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_CLASSES, POSTS_TABLE, STANCE_LABELS } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';
import { parseCsv } from '../validation/csv-reader.ts';

let t: TestApp;

/** 300 posts: stance support/oppose/neutral in 1:3:2, actors cycling, one topic on even posts. */
const ROWS: Array<Record<string, unknown>> = Array.from({ length: 300 }, (_, i) => ({
  ...postRow({
    id: `s${String(i).padStart(3, '0')}`,
    created_at: new Date(Date.UTC(2024, 5, 1) + i * 3_600_000).toISOString(),
    actor: ACTOR_CLASSES[i % 5]!,
    stance: STANCE_LABELS[[0, 1, 1, 1, 2, 2][i % 6]!]!,
    sentiment: 'neutral',
    sentiment_score: 0,
    topics: i % 2 === 0 ? ['free_speech'] : [],
  }),
  text: i === 7 ? '=cmd|"/c calc"!A1, a "formula"' : `sample post ${i}`,
}));

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  await t.clickhouse.insert(POSTS_TABLE, ROWS);
});

afterAll(async () => {
  await t?.close();
});

interface SampleJson {
  seed: string;
  drawn: number;
  strata: Array<{ stratum: string; population: number; target: number; drawn: number }>;
  notes: string[];
  posts: Array<{ id: string; stratum: string }>;
}

async function sample(query: string): Promise<SampleJson> {
  const res = await t.app.inject({ method: 'GET', url: `/api/sample?format=json&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SampleJson>();
}

const byId = (id: string) => ROWS.find((r) => r.id === id)!;

describe('GET /api/sample', () => {
  it('draws the same posts for the same seed, and others for another seed', async () => {
    const a = await sample('n=25&seed=alpha');
    const b = await sample('n=25&seed=alpha');
    const c = await sample('n=25&seed=beta');
    expect(a.posts.map((p) => p.id)).toEqual(b.posts.map((p) => p.id));
    expect(new Set(a.posts.map((p) => p.id)).size).toBe(25);
    expect(c.posts.map((p) => p.id)).not.toEqual(a.posts.map((p) => p.id));
  });

  it('stratifies by stance in proportion to the slice', async () => {
    const s = await sample('n=60&seed=prop&stratify=stance');
    expect(s.strata).toEqual([
      { stratum: 'support_ban', population: 50, target: 10, drawn: 10 },
      { stratum: 'oppose_ban', population: 150, target: 30, drawn: 30 },
      { stratum: 'neutral', population: 100, target: 20, drawn: 20 },
    ]);
    for (const p of s.posts) expect(byId(p.id).stance).toBe(p.stratum);
  });

  it('stratifies by actor with equal allocation, and reports a shortfall instead of filling it', async () => {
    const s = await sample('n=50&seed=eq&stratify=actor&allocation=equal');
    expect(s.strata.map((x) => x.drawn)).toEqual([10, 10, 10, 10, 10]);
    for (const p of s.posts) expect(byId(p.id).actor).toBe(p.stratum);
    const small = await sample('n=300&seed=eq&stratify=stance&allocation=equal&topic=free_speech');
    // free_speech posts are the even ones: 50 support, 50 oppose, 50 neutral.
    expect(small.strata.map((x) => [x.target, x.drawn])).toEqual([[100, 50], [100, 50], [100, 50]]);
    expect(small.notes.join(' ')).toMatch(/stratum support_ban: 100 asked by equal allocation, only 50/);
  });

  it('keeps to the filters and draws a seed when none is given, saying so', async () => {
    const s = await sample('n=10&actor=media&stance=neutral');
    for (const p of s.posts) expect(byId(p.id)).toMatchObject({ actor: 'media', stance: 'neutral' });
    expect(s.seed).toMatch(/^[0-9a-f]{12}$/);
    expect(s.notes[0]).toContain(`seed=${s.seed}`);
    const again = await sample(`n=10&actor=media&stance=neutral&seed=${s.seed}`);
    expect(again.posts).toEqual(s.posts);
  });

  it('writes a blind coding sheet: neutralised text, the synthetic flag, empty code columns, no model label and no stratum', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample?n=300&seed=sheet&stratify=stance' });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['x-rift-sample-seed']).toBe('sheet');
    const [header, ...records] = parseCsv(res.body);
    expect(header!.cells).toEqual(['sample_seed', 'source', 'id', 'url', 'created_at', 'author_handle', 'lang', 'synthetic', 'text', 'code_stance', 'code_sentiment', 'code_actor', 'coder', 'coder_notes']);
    expect(records).toHaveLength(300);
    for (const r of records) expect(r.cells.slice(9)).toEqual(['', '', '', '', '']);
    expect(records.find((r) => r.cells[2] === 's007')!.cells[8]).toBe(`'=cmd|"/c calc"!A1, a "formula"`);
    expect(new Set(records.map((r) => r.cells[7]))).toEqual(new Set(['true']));
    // No cell of the sheet names a stance label: the stratum is in the key only.
    for (const r of records) expect(r.cells.slice(0, 8)).not.toContain('oppose_ban');

    const key = await t.app.inject({ method: 'GET', url: '/api/sample?n=300&seed=sheet&stratify=stance&format=key' });
    expect(key.headers['content-disposition']).toBe('attachment; filename="rift-sample-sheet.key.csv"');
    const [keyHeader, ...keyRecords] = parseCsv(key.body);
    expect(keyHeader!.cells).toEqual(['sample_seed', 'source', 'id', 'stratum']);
    expect(keyRecords.map((r) => r.cells[2])).toEqual(records.map((r) => r.cells[2]));
    for (const r of keyRecords) expect(byId(r.cells[2]!).stance).toBe(r.cells[3]);
  });

  it('refuses what it cannot draw with a 400', async () => {
    for (const query of ['', 'n=0', 'n=50001', 'n=x', 'n=5&seed=a%20b', "n=5&seed=x'--", 'n=5&stratify=lang', 'n=5&allocation=neyman', 'n=5&format=xml', 'n=5&lang=%27']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/sample?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().message, query).toEqual(expect.any(String));
    }
  });
});
