import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDivideMoments, stanceIndex, VECTOR_LENGTH, VECTOR_STANCES } from '@rift/queries';
import { momentsOf } from '@rift/testing/author-moments';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import type { ValidationReport } from '../validation/compare.ts';
import { POSTS_TABLE, saveRun } from '@rift/core';

/**
 * Authors who post unevenly: on the public side one author writes 30 oppose posts and 20 authors
 * write one neutral post each; the government side has 12 authors of 2 posts (one support, one
 * neutral, with one oppose among them). Plus off-topic posts on both sides and a zh post.
 */
const POSTS: TestPost[] = [
  ...Array.from({ length: 30 }, (_, i): TestPost => ({ id: `h${i}`, author: 'heavy', created_at: '2024-06-01T10:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'negative', sentiment_score: -0.5 })),
  ...Array.from({ length: 20 }, (_, i): TestPost => ({ id: `l${i}`, created_at: '2024-06-02T10:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'positive', sentiment_score: 0.5 })),
  { id: 'z1', created_at: '2024-06-02T11:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'neutral', sentiment_score: 0, lang: 'zh' },
  ...Array.from({ length: 24 }, (_, i): TestPost => ({
    id: `g${i}`, author: `gov${i % 12}`, created_at: '2024-06-03T10:00:00Z', actor: 'us_government',
    stance: i === 0 ? 'oppose_ban' : i < 12 ? 'support_ban' : 'neutral', sentiment: 'neutral', sentiment_score: i < 12 ? 0.25 : -0.25,
  })),
  // Off topic: never neutral, never in a share; counted apart.
  ...Array.from({ length: 7 }, (_, i): TestPost => ({ id: `o${i}`, author: i < 5 ? 'chatty' : undefined, offTopic: true, created_at: '2024-06-02T10:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 })),
  { id: 'og', offTopic: true, created_at: '2024-06-02T10:00:00Z', actor: 'us_government', stance: 'support_ban', sentiment: 'neutral', sentiment_score: 0 },
];

const dir = mkdtempSync(path.join(tmpdir(), 'rift-confusion-'));
const confusionFile = path.join(dir, 'stance-confusion.json');
// rows = true, cols = predicted: the classifier calls a fifth of the oppose posts neutral.
writeFileSync(confusionFile, JSON.stringify({
  model_version: 'lexicon-1',
  labels: ['support_ban', 'oppose_ban', 'neutral'],
  by_language: {
    en: { n: 150, matrix: [[40, 0, 10], [0, 40, 10], [0, 0, 50]] },
    all: { n: 180, matrix: [[48, 0, 12], [0, 48, 12], [0, 0, 60]] },
  },
}));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ correction: { confusionFile, minLabelled: 30 } });
  await t.clickhouse.insert(POSTS_TABLE, POSTS.map(postRow));
});
afterAll(async () => {
  await t?.close();
});

async function divide(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/divide?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/divide per author, with off-topic posts and a correction', () => {
  it('computes in ClickHouse the same per-author sums as the formulas, over on-topic posts only', async () => {
    const sides = await queryDivideMoments(t.clickhouse, { filters: {}, confidenceOn: 'stance' });
    for (const actor of ['public', 'us_government'] as const) {
      const byAuthor = new Map<string, { v: number[]; m: number }>();
      for (const p of POSTS.filter((p) => p.actor === actor && !p.offTopic)) {
        const key = p.author ?? `author-${p.id}`;
        const entry = byAuthor.get(key) ?? { v: new Array<number>(VECTOR_LENGTH).fill(0), m: 0 };
        entry.v[stanceIndex(p.lang === 'zh' ? 1 : 0, VECTOR_STANCES.indexOf(p.stance))]!++;
        entry.v[VECTOR_LENGTH - 1]! += p.sentiment_score;
        entry.m++;
        byAuthor.set(key, entry);
      }
      const expected = momentsOf([...byAuthor.values()]);
      const got = sides.get(actor)!;
      expect(got.k).toBe(expected.k);
      expect(got.posts).toBe(expected.posts);
      for (const key of ['sv', 'svv', 'svm', 'ss', 'sss'] as const) got[key].forEach((x, i) => expect(x).toBeCloseTo(expected[key][i]!, 9));
    }
    expect(sides.get('public')).toMatchObject({ offTopicPosts: 7, offTopicAuthors: 3 });
  });

  it('per author, the heavy poster is one voice; per post, thirty; both carry n_posts and n_authors', async () => {
    const perAuthor = await divide('correction=none');
    expect(perAuthor.unit).toBe('author');
    expect(perAuthor.sides.public).toMatchObject({ n_posts: 51, n_authors: 22, n_off_topic: 7, n_off_topic_authors: 3 });
    expect(perAuthor.sides.public.oppose_share).toBeCloseTo(2 / 22, 12);
    const perPost = await divide('unit=post&correction=none');
    expect(perPost.sides.public.oppose_share).toBeCloseTo(31 / 51, 12);
    expect(perPost.sides.us_government).toMatchObject({ n_posts: 24, n_authors: 12, n_off_topic: 1 });
    // Thirty posts of one author are one cluster: the per-post interval is far wider than posts alone would give.
    const [l, u] = perPost.sides.public.oppose_share_ci95;
    expect(u - l).toBeGreaterThan(0.5);
    expect(perPost.correction).toBeNull();
    expect(perPost.correction_note).toMatch(/correction=none/);
    // min_n counts authors: 22 and 12.
    expect((await divide('min_n=12')).too_few).toBe(false);
    expect((await divide('min_n=13')).too_few).toBe(true);
  });

  it('corrects the oppose share with the shipped matrix by default, raw beside it', async () => {
    const body = await divide('unit=post');
    expect(body.correction).toMatchObject({ method: expect.stringMatching(/adjusted classify-and-count/), source: 'shipped', labelled_n: 150 });
    // No zh matrix: the zh post is corrected with the pooled one.
    expect(body.correction.labelled_n_by_language).toEqual({ en: 150, all: 180 });
    // en: P(oppose|oppose) = 0.8, nothing else is called oppose: corrected = raw / 0.8 per group.
    expect(body.sides.public.raw.oppose_share).toBeCloseTo(31 / 51, 12);
    expect(body.sides.public.oppose_share).toBeCloseTo(Math.min(1, 31 / 51 / 0.8), 9);
    expect(body.raw.oppose_share_diff.value).toBeCloseTo(31 / 51 - 1 / 24, 9);
    const [l, u] = body.sides.public.oppose_share_ci95;
    expect(l).toBeLessThan(body.sides.public.oppose_share);
    expect(u).toBeGreaterThanOrEqual(body.sides.public.oppose_share);
  });

  it("a researcher's validation run for the same model version outranks the shipped matrix", async () => {
    const report = {
      coded_rows: 60, matched_rows: 60, not_found: [], model_versions: ['lexicon-1'],
      tasks: [{ task: 'stance', uncoded: 0, n: 60, labels: ['support_ban', 'oppose_ban', 'neutral'], confusion: [[20, 0, 0], [0, 10, 10], [0, 0, 20]], per_label: [], accuracy: null, macro_f1: null, kappa: null }],
    } as unknown as ValidationReport;
    const run = await saveRun(t.clickhouse, report, { inputName: 'coded.csv', topicPack: 'test-pack@1.2.3', softwareVersion: 'test' });
    const body = await divide('unit=post');
    expect(body.correction).toMatchObject({ source: `validation_run:${run.id}`, labelled_n: 60 });
    // P(oppose|oppose) = 0.5 in the run: corrected = raw / 0.5, clipped to 1.
    expect(body.sides.us_government.oppose_share).toBeCloseTo(2 / 24, 9);
  });
});
